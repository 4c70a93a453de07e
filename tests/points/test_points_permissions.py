"""Who reads, keeps and appeals the points ledger, over the role × organization matrix (pure)."""

from __future__ import annotations

import pytest

from matrix import CASES, TARGETS, actor, target
from pingxing.points.permissions import (
    LedgerFacts,
    can_appeal,
    can_browse_points,
    can_keep_ledger,
    can_read_ledger,
    can_see_ranking,
    has_own_points,
)

T, F = True, False
# role → [own, child, sibling, other_street, county]: someone else's ledger in that organization.
READ = {
    "county": [T, T, T, T, T], "street": [T, T, T, F, F], "secretary": [T, T, F, F, F],
    "clerk": [T, T, F, F, F], "member": [F, F, F, F, F], "admin": [T, T, T, T, T],
}
KEEP = {
    "county": [F] * 5, "street": [F] * 5, "secretary": [T, T, F, F, F],
    "clerk": [T, T, F, F, F], "member": [F] * 5, "admin": [F] * 5,
}


def facts(role: str, name: str, member_id: int = 5) -> LedgerFacts:
    t = target(role, name)
    return LedgerFacts(org_path=t.path, org_id=t.org_id, member_id=member_id)


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_the_matrix(role: str, i: int, name: str):
    who = actor(role)
    assert can_read_ledger(who, facts(role, name)) is READ[role][i]
    assert can_keep_ledger(who, facts(role, name)) is KEEP[role][i]
    assert can_appeal(who, facts(role, name)) is False  # nobody appeals someone else's deduction


def test_a_member_reads_and_appeals_only_their_own_ledger():
    me = actor("member", member_id=77)
    own = LedgerFacts(org_path="/1/2/3/", org_id=3, member_id=77)
    neighbour = LedgerFacts(org_path="/1/2/3/", org_id=3, member_id=78)
    assert can_read_ledger(me, own) and can_appeal(me, own)
    assert not can_read_ledger(me, neighbour) and not can_appeal(me, neighbour)
    assert has_own_points(me) and not can_browse_points(me)


@pytest.mark.parametrize("role", list(READ))
def test_no_ranking_unless_the_organization_turns_it_on(role: str):
    who = actor(role)
    for name in TARGETS:
        assert can_see_ranking(who, facts(role, name), ranking_on=False) is False


def test_a_ranking_turned_on_stays_inside_the_organization():
    assert can_see_ranking(actor("member"), LedgerFacts("/1/2/3/", 3), ranking_on=True)
    assert not can_see_ranking(actor("member"), LedgerFacts("/1/2/4/", 4), ranking_on=True)
    assert can_see_ranking(actor("clerk"), LedgerFacts("/1/2/3/", 3), ranking_on=True)
    assert not can_see_ranking(actor("street"), LedgerFacts("/1/2/3/", 3), ranking_on=True)
    assert not can_see_ranking(actor("county"), LedgerFacts("/1/2/3/", 3), ranking_on=True)
