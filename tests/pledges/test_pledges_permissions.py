"""Who edits, reviews, reads and rates pledges, over the role × organization matrix (pure)."""

from __future__ import annotations

import pytest

from matrix import TARGETS, actor
from pingxing.pledges.permissions import (
    EDITABLE,
    SheetFacts,
    can_edit_pledges,
    can_rate_peer,
    can_read_pledges,
    can_record_fulfilment,
    can_review_pledges,
)

COMMUNITY = {"own": "/1/2/3/", "sibling": "/1/2/4/", "other_street": "/1/5/6/"}
OWN_MEMBER, OTHER_MEMBER = 77, 78  # matrix.actor("member") is member 77 of /1/2/3/


def facts(where: str, *, member_id: int = OTHER_MEMBER, state: str = "published") -> SheetFacts:
    path = COMMUNITY[where]
    return SheetFacts(member_id=member_id, org_id=int(path.strip("/").split("/")[-1]), org_path=path, state=state)


REVIEW = {"county": set(), "street": set(), "secretary": {"own"}, "clerk": {"own"}, "member": set(), "admin": set()}
READ = {"county": {"own", "sibling", "other_street"}, "street": {"own", "sibling"}, "secretary": {"own"},
        "clerk": {"own"}, "member": set(), "admin": set()}
RATE = {"member": {"own"}}


@pytest.mark.parametrize("role", list(REVIEW))
@pytest.mark.parametrize("where", list(COMMUNITY))
def test_the_matrix_for_another_members_sheet(role, where):
    who = actor(role)
    sheet = facts(where)
    assert can_review_pledges(who, sheet) is (where in REVIEW[role])
    assert can_read_pledges(who, sheet) is (where in READ[role])
    assert can_edit_pledges(who, facts(where, state="draft")) is False
    assert can_record_fulfilment(who, sheet) is False
    assert can_rate_peer(who, sheet) is (where in RATE.get(role, set()))


def test_a_member_edits_only_their_own_sheet_and_only_while_it_is_being_written():
    member = actor("member")
    assert {"draft", "returned"} == EDITABLE
    for state in ("draft", "returned"):
        assert can_edit_pledges(member, facts("own", member_id=OWN_MEMBER, state=state))
    for state in ("submitted", "approved", "published"):
        assert not can_edit_pledges(member, facts("own", member_id=OWN_MEMBER, state=state))
    assert can_read_pledges(member, facts("own", member_id=OWN_MEMBER, state="submitted"))


def test_a_member_records_fulfilments_of_their_published_pledges_only():
    member = actor("member")
    assert can_record_fulfilment(member, facts("own", member_id=OWN_MEMBER))
    assert not can_record_fulfilment(member, facts("own", member_id=OWN_MEMBER, state="approved"))


def test_nobody_rates_their_own_sheet_nor_an_unpublished_one():
    member = actor("member")
    assert not can_rate_peer(member, facts("own", member_id=OWN_MEMBER))
    assert not can_rate_peer(member, facts("own", state="approved"))


def test_the_matrix_covers_the_targets_that_hold_a_sheet():
    assert set(COMMUNITY) <= set(TARGETS)
