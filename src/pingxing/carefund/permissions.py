"""党内关爱基金 (carefund): who sees what (pure; the application's steps are in ``workflow``).

- Secretary / clerk: the register and the applications of their own organization's members.
- Street committee: those of its subtree; the funds its street keeps (books, donations).
- County office: reads everything below it and may approve, pay and correct for any fund below it.
- A member and the administrator see nothing of the fund (least privilege: hardship is private).
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, Role
from pingxing.core.scope import NOTHING, Actor, Reach, own_org, subtree, within


@dataclass(frozen=True, slots=True)
class OrgFacts:
    org_path: str
    org_id: int


def register_reach(actor: Actor) -> Reach:
    """Keeping the register of members in hardship and proposing applications."""
    if actor.role == Role.STREET:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def read_reach(actor: Actor) -> Reach:
    """Reading the register and the applications."""
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def can_register(actor: Actor, org: OrgFacts) -> bool:
    """Registering a member of ``org`` in hardship, or proposing an application for them."""
    return register_reach(actor).covers(path=org.org_path, org_id=org.org_id)


def can_read(actor: Actor, org: OrgFacts) -> bool:
    """Seeing a hardship record or an application of a member of ``org``."""
    return read_reach(actor).covers(path=org.org_path, org_id=org.org_id)


def is_fund_office(actor: Actor, fund_org: OrgFacts) -> bool:
    """Office staff of the fund: the street that keeps it, or the county office above it."""
    if actor.role not in OFFICE_ROLES:
        return False
    return within(fund_org.org_path, actor.org_path)


def is_fund_street(actor: Actor, fund_org: OrgFacts) -> bool:
    """A street-level user of the fund's own organization (the first-level check, 初审)."""
    if actor.role != Role.STREET:
        return False
    return actor.org_id is not None and actor.org_id == fund_org.org_id


def can_read_fund(actor: Actor, fund_org: OrgFacts) -> bool:
    """The fund's page, its books and statements: its office staff."""
    return is_fund_office(actor, fund_org)


def can_browse(actor: Actor) -> bool:
    """The 党内关爱基金 menu entry."""
    return actor.role in (OFFICE_ROLES | ORG_STAFF_ROLES) and bool(actor.org_path)
