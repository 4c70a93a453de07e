"""Who may make, review, read and rate pioneer pledges (pure: plain values in).

- A member makes and edits only their own pledges (while a draft or returned), records their
  own fulfilments and self-evaluation, and rates the published pledges of the other members of
  their own organization — never their own.
- The organization's secretary and clerk review, publish, check and evaluate its members' pledges.
- The street and the county read the pledges of their subtree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor, within

REVIEWING_ROLES = frozenset({Role.SECRETARY, Role.CLERK})
OVERSEEING_ROLES = frozenset({Role.STREET, Role.COUNTY})
EDITABLE = frozenset({"draft", "returned"})  # = models.EDITABLE_STATES (pure copy checked in tests)


@dataclass(frozen=True)
class SheetFacts:
    member_id: int
    org_id: int
    org_path: str
    state: str


def is_owner(actor: Actor, sheet: SheetFacts) -> bool:
    if actor.member_id is None:
        return False
    return actor.member_id == sheet.member_id


def can_edit_pledges(actor: Actor, sheet: SheetFacts) -> bool:
    if not is_owner(actor, sheet):
        return False
    return sheet.state in EDITABLE


def can_review_pledges(actor: Actor, sheet: SheetFacts) -> bool:
    if actor.role not in REVIEWING_ROLES:
        return False
    return actor.org_id == sheet.org_id


def can_oversee_pledges(actor: Actor, sheet: SheetFacts) -> bool:
    if actor.role not in OVERSEEING_ROLES:
        return False
    return within(sheet.org_path, actor.org_path)


def can_read_pledges(actor: Actor, sheet: SheetFacts) -> bool:
    return is_owner(actor, sheet) or can_review_pledges(actor, sheet) or can_oversee_pledges(actor, sheet)


def can_record_fulfilment(actor: Actor, sheet: SheetFacts) -> bool:
    if not is_owner(actor, sheet):
        return False
    return sheet.state == "published"


def can_rate_peer(actor: Actor, sheet: SheetFacts) -> bool:
    """A member of the same organization rates a published sheet that is not their own."""
    if actor.member_id is None:
        return False
    if actor.member_id == sheet.member_id:
        return False
    if actor.org_id != sheet.org_id:
        return False
    return sheet.state == "published"


def can_browse_pledges(actor: Actor) -> bool:
    """The 党员先锋承诺 menu entry: members, the organization's staff and the offices above."""
    return actor.member_id is not None or actor.role in REVIEWING_ROLES | OVERSEEING_ROLES


def can_review_any(actor: Actor) -> bool:
    """Scores beside an evaluation the actor already opened: its organization's staff and the offices above."""
    return actor.role in REVIEWING_ROLES | OVERSEEING_ROLES
