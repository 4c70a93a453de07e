"""Who organizes and reads volunteer service (pure).

- County, street, secretary, clerk manage teams and activities of their subtree (secretary and
  clerk: their own organization) and read the hours of their subtree.
- A member with a record signs up for activities of their organization and the offices above,
  and reads their own hours. The administrator keeps accounts, not volunteer records.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, SUBTREE_ROLES, Role
from pingxing.core.scope import NOTHING, Actor, Reach, own_org, subtree, within


@dataclass(frozen=True, slots=True)
class OrgFacts:
    org_path: str
    org_id: int


def manage_reach(actor: Actor) -> Reach:
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def can_manage(actor: Actor, org: OrgFacts) -> bool:
    """Creating teams and activities, confirming hours, of that organization."""
    return manage_reach(actor).covers(path=org.org_path, org_id=org.org_id)


def can_read(actor: Actor, org: OrgFacts) -> bool:
    """Seeing a team's or an activity's page: staff of the subtree; a member of it or below the organizer."""
    if actor.role in SUBTREE_ROLES:
        return within(org.org_path, actor.org_path)
    if actor.role == Role.MEMBER and actor.member_id is not None:
        return within(actor.org_path, org.org_path)
    return False


def can_sign_up(actor: Actor, org: OrgFacts) -> bool:
    """A member signs up for activities of their organization or of an office above it."""
    if actor.role != Role.MEMBER or actor.member_id is None:
        return False
    return within(actor.org_path, org.org_path)


def can_browse(actor: Actor) -> bool:
    """The 志愿服务 menu entry."""
    return actor.role in SUBTREE_ROLES and bool(actor.org_path)


def has_own(actor: Actor) -> bool:
    """The 我的志愿服务 menu entry."""
    return actor.role == Role.MEMBER and actor.member_id is not None
