"""Reads of members: the filtered list page and the grouping input."""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.members.grouping import GroupingMember
from pingxing.members.models import Member, MemberQuerySet, MemberStatus
from pingxing.orgs.models import Organization


@dataclass(frozen=True)
class MemberFilter:
    organization: Organization | None = None
    status: str = ""
    mobile: str = ""  # "", "yes", "no"
    q: str = ""


def filter_members(members: MemberQuerySet, flt: MemberFilter) -> MemberQuerySet:
    """Apply the list page's filters to an already scoped queryset."""
    if flt.organization is not None:
        members = members.filter(organization__path__startswith=flt.organization.path)
    if flt.status in MemberStatus.values:
        members = members.filter(status=flt.status)
    if flt.mobile == "yes":
        members = members.filter(is_mobile=True)
    elif flt.mobile == "no":
        members = members.filter(is_mobile=False)
    if flt.q.strip():
        members = members.filter(name__icontains=flt.q.strip())
    return members.select_related("organization", "party_group").order_by("organization__path", "name", "id")


def grouping_members(organization: Organization) -> list[GroupingMember]:
    """The organization's members as plain values for members.grouping."""
    rows = Member.objects.filter(organization=organization).values_list(
        "id", "name", "birth_date", "education", "specialty", "occupation"
    )
    return [GroupingMember(*row) for row in rows]
