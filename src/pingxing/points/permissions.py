"""Who reads and writes the points ledger (pure: plain values in).

Members read their own ledger and appeal their own deductions; the secretary and clerk of
a Party organization keep its ledger and decide its appeals (the branch committee); the
street and county read their subtree. A ranking is shown only inside an organization that
turned it on.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import ORG_STAFF_ROLES, Role, staff_reach
from pingxing.core.scope import NOTHING, Actor, Reach, own_record, subtree


@dataclass(frozen=True, slots=True)
class LedgerFacts:
    """Whose ledger: the member's organization (path, id) and the member."""

    org_path: str
    org_id: int
    member_id: int | None = None


def ledger_read_reach(actor: Actor) -> Reach:
    if actor.role == Role.MEMBER:
        return own_record(actor)  # a member reads their own points only
    return staff_reach(actor)


def ledger_write_reach(actor: Actor) -> Reach:
    """Recording entries and exemptions, deciding appeals: the organization's own staff."""
    if actor.role in ORG_STAFF_ROLES:
        return subtree(actor)
    return NOTHING


def can_read_ledger(actor: Actor, facts: LedgerFacts) -> bool:
    return ledger_read_reach(actor).covers(path=facts.org_path, org_id=facts.org_id, member_id=facts.member_id)


def can_keep_ledger(actor: Actor, facts: LedgerFacts) -> bool:
    return ledger_write_reach(actor).covers(path=facts.org_path, org_id=facts.org_id)


def can_decide_appeal(actor: Actor, facts: LedgerFacts) -> bool:
    return can_keep_ledger(actor, facts)


def can_appeal(actor: Actor, facts: LedgerFacts) -> bool:
    """Only the member themself appeals a deduction of their own."""
    if actor.role != Role.MEMBER:
        return False
    return own_record(actor).covers(member_id=facts.member_id)


def can_see_ranking(actor: Actor, facts: LedgerFacts, *, ranking_on: bool) -> bool:
    """The organization's ranking: only when it turned it on, and only for its own people."""
    if not ranking_on:
        return False
    if actor.role == Role.MEMBER:
        return actor.org_id == facts.org_id
    return can_keep_ledger(actor, facts)


def has_own_points(actor: Actor) -> bool:
    """The 我的积分 menu entry: a member with a linked record."""
    return actor.role == Role.MEMBER and actor.member_id is not None


def can_browse_points(actor: Actor) -> bool:
    """The clerk's table and the street overview: Party staff of an organization or office (the
    administrator keeps accounts, not members' points)."""
    if actor.role in (Role.MEMBER, Role.ADMIN):
        return False
    return staff_reach(actor).kind != "none"
