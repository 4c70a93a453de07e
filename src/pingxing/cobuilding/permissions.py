"""Who edits and reads cobuilding contracts (pure: plain values in).

- The secretary and clerk of the signing organization edit their organization's contracts.
- The street committee edits the contracts of the organizations below it.
- The county office reads all contracts.
- Staff of a partner organization of the tree read the contract and sign their own side's review.
- The review of an outside unit (no login) is recorded by the street or the signing organization.
- Members (and anyone) read only the public summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.core.scope import Actor, within

ORG_SIDE = "org"


@dataclass(frozen=True, slots=True)
class ContractFacts:
    org_path: str
    org_id: int
    partner_org_ids: frozenset[int] = field(default_factory=frozenset)


def can_edit_contract(actor: Actor, c: ContractFacts) -> bool:
    if actor.role in ORG_STAFF_ROLES:
        return actor.org_id is not None and actor.org_id == c.org_id
    if actor.role == Role.STREET:
        return within(c.org_path, actor.org_path)
    return False


def can_read_contract(actor: Actor, c: ContractFacts) -> bool:
    if actor.role == Role.COUNTY:
        return True
    if can_edit_contract(actor, c):
        return True
    if actor.role in ORG_STAFF_ROLES:
        return actor.org_id is not None and actor.org_id in c.partner_org_ids
    return False


def can_sign_side(actor: Actor, c: ContractFacts, *, side_org_id: int | None) -> bool:
    """A side's review: `side_org_id` is the side's organization, or None for an outside unit."""
    if side_org_id is None:  # outside unit: recorded by the street or the signing organization
        return can_edit_contract(actor, c)
    if actor.role in ORG_STAFF_ROLES:
        return actor.org_id == side_org_id
    if actor.role == Role.STREET and side_org_id == c.org_id:
        return within(c.org_path, actor.org_path)
    return False


def can_add_contracts(actor: Actor) -> bool:
    return actor.role in ORG_STAFF_ROLES and actor.org_id is not None


def can_see_overview(actor: Actor) -> bool:
    return actor.role in (Role.STREET, Role.COUNTY) and bool(actor.org_path)


def can_browse_cobuilding(actor: Actor) -> bool:
    """The 结对共建 menu: county, street, secretary, clerk."""
    return actor.role in (Role.COUNTY, Role.STREET, Role.SECRETARY, Role.CLERK) and bool(actor.org_path)
