"""Who reads and writes groups, star targets and work plans (pure: plain values in).

- A Party organization's secretary and clerk keep their own organization's working group,
  its yearly star target and its work plan; they read only their own organization.
- The street committee keeps its own leading group (and plan), confirms the targets of the
  organizations below it, and reads all of them.
- The county office reads everything of its subtree.
- Members and the administrator have nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, SUBTREE_ROLES, Role
from pingxing.core.scope import NOTHING, Actor, Reach, own_org, subtree, within


@dataclass(frozen=True, slots=True)
class OrgFacts:
    org_path: str
    org_id: int


def read_reach(actor: Actor) -> Reach:
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def can_read_plans(actor: Actor, org: OrgFacts) -> bool:
    return read_reach(actor).covers(path=org.org_path, org_id=org.org_id)


def can_edit_plans(actor: Actor, org: OrgFacts) -> bool:
    """The group, target and plan of the actor's own organization (the street: its leading group)."""
    if actor.role not in (Role.STREET, Role.SECRETARY, Role.CLERK):
        return False
    return actor.org_id is not None and actor.org_id == org.org_id


def can_confirm_target(actor: Actor, org: OrgFacts) -> bool:
    """The street agrees the targets of the organizations below it (not its own)."""
    if actor.role != Role.STREET:
        return False
    if actor.org_id == org.org_id:
        return False
    return within(org.org_path, actor.org_path)


def can_browse_plans(actor: Actor) -> bool:
    """The 目标与计划 menu entry."""
    return actor.role in SUBTREE_ROLES and bool(actor.org_path)


def can_see_overview(actor: Actor) -> bool:
    """The overview of the organizations below a street or the county."""
    return actor.role in OFFICE_ROLES and bool(actor.org_path)
