"""Who keeps rosters, drafts, reviews and reads pledges, and who sees the cases (pure)."""

from __future__ import annotations

import pytest

from matrix import TARGETS, actor
from pingxing.cadres.permissions import (
    EDITABLE,
    OrgFacts,
    PledgeFacts,
    can_browse_cadres,
    can_decide_accountability,
    can_decide_adjustment,
    can_draft_pledge,
    can_keep_roster,
    can_propose_adjustment,
    can_read_cases,
    can_read_pledge,
    can_read_report,
    can_read_roster,
    can_record_checkpoint,
    can_review_pledge,
    can_view_structure,
)

COMMUNITY = {"own": "/1/2/3/", "sibling": "/1/2/4/", "other_street": "/1/5/6/"}
ROLES = ("county", "street", "secretary", "clerk", "member", "admin")


def org(where: str) -> OrgFacts:
    path = COMMUNITY[where]
    return OrgFacts(org_id=int(path.strip("/").split("/")[-1]), org_path=path)


def pledge(where: str, *, state: str = "approved", cadre: int | None = 99) -> PledgeFacts:
    o = org(where)
    return PledgeFacts(org_id=o.org_id, org_path=o.org_path, state=state, cadre_member_id=cadre)


OFFICES = {"county": {"own", "sibling", "other_street"}, "street": {"own", "sibling"}}
ROSTER_READ = {**OFFICES, "secretary": {"own"}, "clerk": {"own"}}
ROSTER_KEEP = {"secretary": {"own"}, "clerk": {"own"}}
CASES_READ = {**OFFICES, "secretary": {"own"}}
PLEDGE_READ_APPROVED = {**OFFICES, "secretary": {"own"}, "clerk": {"own"}, "member": {"own"}}
PLEDGE_READ_DRAFT = {**OFFICES, "secretary": {"own"}, "clerk": {"own"}}
ADJUST_DECIDE = {"street": {"own", "sibling"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", list(COMMUNITY))
def test_the_matrix(role, where):
    who = actor(role)
    assert can_read_roster(who, org(where)) is (where in ROSTER_READ.get(role, set()))
    assert can_keep_roster(who, org(where)) is (where in ROSTER_KEEP.get(role, set()))
    assert can_read_cases(who, org(where)) is (where in CASES_READ.get(role, set()))
    assert can_decide_accountability(who, org(where)) is (where in OFFICES.get(role, set()))
    assert can_propose_adjustment(who, org(where)) is (where in CASES_READ.get(role, set()))
    assert can_decide_adjustment(who, org(where)) is (where in ADJUST_DECIDE.get(role, set()))
    assert can_read_pledge(who, pledge(where)) is (where in PLEDGE_READ_APPROVED.get(role, set()))
    assert can_read_pledge(who, pledge(where, state="draft")) is (where in PLEDGE_READ_DRAFT.get(role, set()))
    assert can_draft_pledge(who, pledge(where, state="draft")) is (where in ROSTER_KEEP.get(role, set()))
    assert can_review_pledge(who, pledge(where, state="submitted")) is (where in OFFICES.get(role, set()))
    assert can_record_checkpoint(who, pledge(where)) is (where in OFFICES.get(role, set()))
    assert can_read_report(who, org(where), 99) is (where in CASES_READ.get(role, set()))


def test_drafting_only_while_the_pledge_is_being_written_and_review_only_once_submitted():
    assert {"draft", "returned"} == EDITABLE
    secretary, street = actor("secretary"), actor("street")
    for state in ("submitted", "approved"):
        assert not can_draft_pledge(secretary, pledge("own", state=state))
    assert not can_review_pledge(street, pledge("own", state="draft"))
    assert not can_record_checkpoint(street, pledge("own", state="submitted"))


def test_a_cadre_who_is_a_member_reads_their_own_pledge_and_report_but_no_case():
    cadre = actor("member")  # member 77
    assert can_read_pledge(cadre, pledge("own", state="draft", cadre=77))
    assert not can_read_pledge(cadre, pledge("own", state="draft", cadre=78))
    assert can_read_report(cadre, org("own"), 77)
    assert not can_read_report(cadre, org("own"), 78)
    assert not can_read_cases(cadre, org("own"))


def test_only_the_street_decides_an_adjustment_and_the_clerk_sees_no_case():
    assert not can_decide_adjustment(actor("county"), org("own"))
    assert not can_read_cases(actor("clerk"), org("own"))


def test_the_menu_and_the_structure_table():
    assert [r for r in ROLES if can_browse_cadres(actor(r))] == ["county", "street", "secretary", "clerk"]
    assert [r for r in ROLES if can_view_structure(actor(r))] == ["county", "street"]


def test_the_matrix_covers_the_targets_that_hold_a_roster():
    assert set(COMMUNITY) <= set(TARGETS)
