"""The access helpers: one per object type, used by every view and API endpoint.

Each `get_*_for_user` returns the object or raises Http404 — the same answer
whether the object does not exist or lies outside the user's scope, so ids
cannot be probed — and records the denial in the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pingxing.core import scope
from pingxing.members.models import Member, MemberQuerySet
from pingxing.orgs.models import Organization, OrganizationQuerySet, PartyGroup


def user_path(user: Any) -> str:
    """The tree path of the organization the user acts for ("" when none)."""
    org = getattr(user, "organization", None)
    return org.path if org is not None else ""


def deny(user: Any, object_type: str, object_id: Any, request: Any = None) -> None:
    """Record a refused access in the audit trail and answer 404."""
    from pingxing.audit.services import AuditAction, audit_record

    audit_record(
        action=AuditAction.DENIED, user=user, object_type=object_type,
        object_id=str(object_id)[:64], request=request,
    )
    raise Http404


def visible_orgs(user: Any) -> OrganizationQuerySet:
    """Organizations the user may read."""
    qs = Organization.objects.all()
    if user.role == scope.ADMIN:
        return qs
    if user.role in scope.SUBTREE_ROLES and user.organization_id:
        return qs.filter(path__startswith=user_path(user))
    if user.role == scope.MEMBER and user.organization_id:
        return qs.filter(pk=user.organization_id)
    return qs.none()


def writable_member_orgs(user: Any) -> OrganizationQuerySet:
    """Party organizations the user may add members to (or move members into)."""
    if user.role == scope.ADMIN or (user.role in scope.SUBTREE_ROLES and user.organization_id):
        return visible_orgs(user).filter(level="organization")
    return Organization.objects.none()


def visible_members(user: Any) -> MemberQuerySet:
    """Members the user may read."""
    qs = Member.objects.all()
    if user.role == scope.ADMIN:
        return qs
    if user.role in scope.SUBTREE_ROLES and user.organization_id:
        return qs.filter(organization__path__startswith=user_path(user))
    if user.role == scope.MEMBER and user.member_id:
        return qs.filter(pk=user.member_id)
    return qs.none()


def get_org_for_user(user: Any, org_id: Any, *, write: bool = False, request: Any = None) -> Organization:
    """The organization `org_id` if the user may read it (or write it, with write=True); else 404."""
    org = Organization.objects.select_related("parent").filter(pk=_int(org_id)).first()
    allowed = org is not None and (
        scope.can_write_org(user.role, user_path(user), org.path)
        if write
        else scope.can_read_org(user.role, user_path(user), org.path)
    )
    if not allowed:
        deny(user, "orgs.organization", org_id, request)
    assert org is not None
    return org


def get_party_group_for_user(
    user: Any, group_id: Any, *, write: bool = False, request: Any = None
) -> PartyGroup:
    """The Party group if the user may read its organization (or manage its groups); else 404."""
    group = PartyGroup.objects.select_related("organization").filter(pk=_int(group_id)).first()
    allowed = group is not None and (
        scope.can_manage_groups(user.role, user_path(user), group.organization.path)
        if write
        else scope.can_read_org(user.role, user_path(user), group.organization.path)
    )
    if not allowed:
        deny(user, "orgs.partygroup", group_id, request)
    assert group is not None
    return group


def get_member_for_user(user: Any, member_id: Any, *, write: bool = False, request: Any = None) -> Member:
    """The member if the user may read them (or write, with write=True); else 404."""
    member = Member.objects.select_related("organization", "party_group").filter(pk=_int(member_id)).first()
    allowed = member is not None and (
        scope.can_write_member(user.role, user_path(user), member.organization.path)
        if write
        else scope.can_read_member(
            user.role, user_path(user), member.organization.path, is_self=user.member_id == member.pk
        )
    )
    if not allowed:
        deny(user, "members.member", member_id, request)
    assert member is not None
    return member


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
