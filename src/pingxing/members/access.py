"""Access to Party members' records: the one place a predicate becomes an object or a 404."""

from __future__ import annotations

from typing import Any

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.members import permissions
from pingxing.members.access_regional import reads_as_drawn
from pingxing.members.models import Member, MemberQuerySet
from pingxing.orgs.models import Organization, OrganizationQuerySet, OrgLevel


def visible_members(user: Any) -> MemberQuerySet:
    """Members the user may read."""
    reach = permissions.member_read_reach(actor_of(user))
    members: MemberQuerySet = Member.objects.filter(reach_q(reach, path="organization__path", member="pk"))
    return members


def writable_member_orgs(user: Any) -> OrganizationQuerySet:
    """Party organizations the user may add members to (or move members into)."""
    reach = permissions.member_write_reach(actor_of(user))
    orgs: OrganizationQuerySet = Organization.objects.filter(reach_q(reach, path="path"), level=OrgLevel.ORGANIZATION)
    return orgs


def get_member_for_user(user: Any, member_id: Any, *, write: bool = False, request: Any = None) -> Member:
    """The member if the user may read them (or write, with write=True); else 404."""
    member: Member | None = (
        Member.objects.select_related("organization", "party_group").filter(pk=parse_id(member_id)).first()
    )
    actor = actor_of(user)
    allowed = member is not None and (
        permissions.can_write_member(actor, member.organization.path) if write
        else permissions.can_read_member(actor, member.organization.path, member.pk)
    )
    if member is not None and not allowed and not write:
        # The staff of a regional organization the member was drawn into read them too (masked).
        allowed = reads_as_drawn(user, member)
    if member is None or not allowed:
        deny(user, "members.member", member_id, request)
    return member


def get_member_id_for_user(user: Any, member_id: Any, *, request: Any = None) -> Member:
    """The member whose full ID number the user may see (audited by the caller); else 404."""
    member = get_member_for_user(user, member_id, request=request)
    if not permissions.can_reveal_id_number(actor_of(user), member.organization.path):
        deny(user, "members.member", member_id, request)
    return member
