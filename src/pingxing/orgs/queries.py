"""Reads of the organization tree: the tree with member counts, status counts, upgrade candidates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from pingxing.accounts.roles import Role
from pingxing.orgs.models import Organization, OrganizationQuerySet, OrgForm, OrgLevel, PartyGroup


@dataclass
class TreeNode:
    org: Organization
    member_count: int  # members of this organization itself
    children: list[TreeNode] = field(default_factory=list)

    @property
    def total_members(self) -> int:
        """Members of this node and everything below it."""
        return self.member_count + sum(child.total_members for child in self.children)


def org_tree(orgs: OrganizationQuerySet) -> list[TreeNode]:
    """The visible organizations as a forest (roots are those whose parent is not visible).

    One query: organizations with their direct member counts; the tree is built in Python.
    """
    rows = list(orgs.annotate(member_count=Count("members")).order_by("path"))
    nodes = {org.pk: TreeNode(org=org, member_count=org.member_count) for org in rows}
    roots: list[TreeNode] = []
    for org in rows:
        parent = nodes.get(org.parent_id) if org.parent_id else None
        (parent.children if parent is not None else roots).append(nodes[org.pk])
    for node in nodes.values():
        node.children.sort(key=lambda n: (n.org.kind, n.org.code))
    return roots


@dataclass(frozen=True)
class UpgradeCandidate:
    org: Organization
    member_count: int
    target_form: str  # OrgForm value

    @property
    def target_label(self) -> str:
        return str(OrgForm(self.target_form).label)


def upgrade_candidates(street: Organization) -> list[UpgradeCandidate]:
    """Community organizations of a street due for an upgrade (升格, seed 四.2): at least
    UPGRADE_COMMITTEE_AT members and not yet a committee → 党委; at least
    UPGRADE_GENERAL_BRANCH_AT and still a branch → 党总支. Largest first."""
    communities = (
        Organization.objects.filter(path__startswith=street.path)
        .communities()
        .annotate(member_count=Count("members"))
        .filter(member_count__gte=settings.UPGRADE_GENERAL_BRANCH_AT)
        .order_by("-member_count", "code")
    )
    result = []
    for org in communities:
        if org.member_count >= settings.UPGRADE_COMMITTEE_AT and org.form != OrgForm.COMMITTEE:
            result.append(UpgradeCandidate(org, org.member_count, OrgForm.COMMITTEE))
        elif org.form == OrgForm.BRANCH:
            result.append(UpgradeCandidate(org, org.member_count, OrgForm.GENERAL_BRANCH))
    return result


def children_of(orgs: OrganizationQuerySet, org: Organization) -> OrganizationQuerySet:
    """The direct children of `org` among `orgs` (the organizations a user sees)."""
    children: OrganizationQuerySet = orgs.filter(parent=org)
    return children


def groups_with_counts(org: Organization) -> QuerySet[PartyGroup]:
    """The organization's Party groups, each with its `member_count`."""
    return org.party_groups.annotate(member_count=Count("members"))


def office_cards(user: Any, orgs: OrganizationQuerySet) -> dict[str, int | None]:
    """The home page's numbers for a user who sees `orgs`: Party organizations, streets (for
    the county office and administrators) and upgrade candidates (for the offices)."""
    role, own = user.role, user.organization
    streets = orgs.filter(level=OrgLevel.STREET)
    candidates = None
    if role == Role.STREET and own is not None and own.level == OrgLevel.STREET:
        candidates = len(upgrade_candidates(own))
    elif role == Role.COUNTY:
        candidates = sum(len(upgrade_candidates(street)) for street in streets)
    return {
        "org_count": orgs.filter(level=OrgLevel.ORGANIZATION).count(),
        "street_count": streets.count() if role in (Role.COUNTY, Role.ADMIN) else None,
        "candidate_count": candidates,
    }
