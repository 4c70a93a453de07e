"""Access to drawn members of regional Party organizations: the one place for that object type."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.members import permissions
from pingxing.members.models import DrawnMember, Member


def drawn_members_of(regional: Any) -> QuerySet[DrawnMember]:
    """A regional organization's drawn members, with their home organization and unit."""
    return (DrawnMember.objects.filter(regional=regional)
            .select_related("member", "member__organization", "member_unit__organization",
                            "member_unit__outside_unit")
            .order_by("member__name", "id"))


def reads_as_drawn(user: Any, member: Member) -> bool:
    """Whether the user reads this member as staff of a regional organization they were drawn into."""
    paths = list(DrawnMember.objects.filter(member=member).values_list("regional__path", flat=True))
    return bool(paths) and permissions.can_read_drawn_member(actor_of(user), paths)


def get_drawn_member_for_user(user: Any, drawn_id: Any, *, write: bool = False, request: Any = None) -> DrawnMember:
    """The drawn member if the user may read (or, with write=True, manage) the regional organization's
    drawn members; else 404."""
    drawn: DrawnMember | None = (DrawnMember.objects.select_related("regional", "member", "member__organization",
                                                                  "member_unit")
                                 .filter(pk=parse_id(drawn_id)).first())
    actor = actor_of(user)
    allowed = drawn is not None and (
        permissions.can_manage_drawn_members(actor, drawn.regional.path) if write
        else permissions.can_read_drawn_member(actor, [drawn.regional.path])
    )
    if drawn is None or not allowed:
        deny(user, "members.drawnmember", drawn_id, request)
    return drawn
