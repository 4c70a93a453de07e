"""Access to organizations and Party groups: the one place a predicate becomes an object or a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.orgs import permissions
from pingxing.orgs.models import Organization, OrganizationQuerySet, OutsideUnit, PartyGroup


def visible_orgs(user: Any) -> OrganizationQuerySet:
    """Organizations the user may read."""
    reach = permissions.org_read_reach(actor_of(user))
    orgs: OrganizationQuerySet = Organization.objects.filter(reach_q(reach, path="path", org="pk"))
    return orgs


def visible_outside_units(user: Any) -> QuerySet[OutsideUnit]:
    """Outside units registered by a street the user may read, or by the user's own street."""
    actor = actor_of(user)
    reach = permissions.org_read_reach(actor)
    q = reach_q(reach, path="street__path", org="street_id")
    if actor.org_path:
        # A community's people see the outside units of the street above them.
        q |= Q(street__path__in=[actor.org_path[: i + 1] for i, c in enumerate(actor.org_path) if c == "/" and i])
    return OutsideUnit.objects.filter(q).select_related("street")


def get_org_for_user(user: Any, org_id: Any, *, write: bool = False, request: Any = None) -> Organization:
    """The organization `org_id` if the user may read it (or write it, with write=True); else 404."""
    org: Organization | None = Organization.objects.select_related("parent").filter(pk=parse_id(org_id)).first()
    actor = actor_of(user)
    allowed = org is not None and (
        permissions.can_write_org(actor, org.path) if write
        else permissions.can_read_org(actor, org.path, org.pk)
    )
    if org is None or not allowed:
        deny(user, "orgs.organization", org_id, request)
    return org


def get_party_group_for_user(user: Any, group_id: Any, *, write: bool = False, request: Any = None) -> PartyGroup:
    """The Party group if the user may read its organization (or manage its groups); else 404."""
    group: PartyGroup | None = (
        PartyGroup.objects.select_related("organization").filter(pk=parse_id(group_id)).first()
    )
    actor = actor_of(user)
    allowed = group is not None and (
        permissions.can_manage_groups(actor, group.organization.path) if write
        else permissions.can_read_org(actor, group.organization.path, group.organization_id)
    )
    if group is None or not allowed:
        deny(user, "orgs.partygroup", group_id, request)
    return group


def get_org_for_group_setup(
    user: Any, org_id: Any, *, party_org_only: bool = False, request: Any = None
) -> Organization:
    """An organization whose Party groups the user may set up; with `party_org_only`, only a
    Party organization (the grouping proposal needs its members)."""
    org = get_org_for_user(user, org_id, request=request)
    wrong_level = party_org_only and org.level != "organization"
    if wrong_level or not permissions.can_manage_groups(actor_of(user), org.path):
        deny(user, "orgs.partygroup", f"new@{org_id}", request)
    return org
