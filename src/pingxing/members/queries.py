"""Reads of members: the filtered list page and the grouping input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from pingxing.accounts.roles import Role
from pingxing.members.grouping import GroupingMember
from pingxing.members.models import Member, MemberQuerySet, MemberStatus
from pingxing.orgs.access import visible_orgs
from pingxing.orgs.models import Organization, OrganizationQuerySet, OrgLevel


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


def list_org_choices(user: Any) -> OrganizationQuerySet | list[Organization]:
    """The Party organizations the member list can be narrowed to (none for a member)."""
    if user.role == Role.MEMBER:
        return []
    return visible_orgs(user).filter(level=OrgLevel.ORGANIZATION).only("pk", "name", "path")


def member_counts_by_status(org: Organization) -> dict[str, int]:
    """{"full": n, "probationary": n, "mobile": n, "total": n} for the organization's subtree."""
    rows = (
        Member.objects.filter(organization__path__startswith=org.path)
        .values("status")
        .annotate(n=Count("id"))
    )
    counts = {row["status"]: row["n"] for row in rows}
    counts["mobile"] = Member.objects.filter(organization__path__startswith=org.path, is_mobile=True).count()
    counts["total"] = sum(n for key, n in counts.items() if key != "mobile")
    return counts
