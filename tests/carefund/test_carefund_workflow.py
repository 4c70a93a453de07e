"""The care fund's application steps (pure: no database, no Django settings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from pingxing.carefund import workflow as wf
from pingxing.carefund.permissions import OrgFacts, can_browse, can_read, can_register
from pingxing.core.scope import Actor

STREET = OrgFacts(org_path="/1/2/", org_id=2)
OTHER_STREET = OrgFacts(org_path="/1/9/", org_id=9)
COMMUNITY = OrgFacts(org_path="/1/2/3/", org_id=3)
NEIGHBOUR = OrgFacts(org_path="/1/2/4/", org_id=4)

secretary = Actor(role="secretary", org_path="/1/2/3/", org_id=3, user_id=10)
clerk_elsewhere = Actor(role="clerk", org_path="/1/2/4/", org_id=4, user_id=11)
street_a = Actor(role="street", org_path="/1/2/", org_id=2, user_id=20)
street_b = Actor(role="street", org_path="/1/2/", org_id=2, user_id=21)
street_other = Actor(role="street", org_path="/1/9/", org_id=9, user_id=22)
county = Actor(role="county", org_path="/1/", org_id=1, user_id=30)
member = Actor(role="member", org_path="/1/2/3/", org_id=3, member_id=5, user_id=40)
admin = Actor(role="admin", user_id=50)

DAY = dt.date(2026, 3, 1)


def app(**kw: object) -> wf.AppFacts:
    base = wf.AppFacts(state=wf.State.SUBMITTED, member_org=COMMUNITY, fund_org=STREET, proposed_by=10)
    return replace(base, **kw)  # type: ignore[arg-type]


def test_the_register_is_kept_by_the_members_organization_and_its_street():
    assert can_register(secretary, COMMUNITY)
    assert can_register(street_a, COMMUNITY)
    assert not can_register(clerk_elsewhere, COMMUNITY)
    assert not can_register(street_other, COMMUNITY)
    assert not can_register(member, COMMUNITY)
    assert not can_register(admin, COMMUNITY)
    assert wf.can_propose(secretary, COMMUNITY) and not wf.can_propose(clerk_elsewhere, COMMUNITY)


def test_a_secretary_reads_only_their_own_organization():
    assert can_read(secretary, COMMUNITY)
    assert not can_read(secretary, NEIGHBOUR)
    assert can_read(county, NEIGHBOUR)
    assert not can_read(member, COMMUNITY)
    assert can_browse(secretary) and not can_browse(member) and not can_browse(admin)


def test_the_first_level_check_is_the_funds_street_and_not_the_proposer():
    assert wf.can_review(street_a, app())
    assert not wf.can_review(street_other, app())
    assert not wf.can_review(county, app())  # 初审 is the street's
    assert not wf.can_review(secretary, app())
    assert not wf.can_review(street_a, app(state=wf.State.REVIEWED))


@pytest.mark.parametrize("level", ["review", "approve"])
def test_a_maker_cannot_check_or_approve_their_own_application(level):
    mine = app(proposed_by=street_a.user_id)
    if level == "review":
        assert not wf.can_review(street_a, mine)
        assert not wf.can_reject(street_a, mine)
        assert wf.can_review(street_b, mine)
    else:
        reviewed = replace(mine, state=wf.State.REVIEWED, reviewed_by=street_b.user_id)
        assert not wf.can_approve(street_a, reviewed)
        assert not wf.can_reject(street_a, reviewed)
        assert wf.can_approve(county, reviewed)


def test_the_checker_cannot_also_approve():
    reviewed = app(state=wf.State.REVIEWED, reviewed_by=street_a.user_id)
    assert not wf.can_approve(street_a, reviewed)
    assert wf.can_approve(street_b, reviewed)
    assert wf.can_approve(county, reviewed)
    assert not wf.can_approve(street_other, reviewed)
    assert not wf.can_approve(secretary, reviewed)


def test_an_actor_without_an_account_id_takes_no_step():
    anonymous_street = Actor(role="street", org_path="/1/2/", org_id=2)
    assert not wf.can_review(anonymous_street, app())
    assert not wf.can_approve(anonymous_street, app(state=wf.State.REVIEWED, reviewed_by=21))


def test_the_notice_runs_through_approved_plus_days_and_blocks_early_pay():
    until = wf.notice_until(DAY, 5)
    assert until == dt.date(2026, 3, 6)
    noticed = app(state=wf.State.NOTICE, reviewed_by=20, approved_by=30, notice_until=until)
    assert not wf.can_pay(street_b, noticed, today=dt.date(2026, 3, 6))
    assert wf.pay_problem(noticed, today=dt.date(2026, 3, 6)) == "公示期未满，不能发放。"
    assert wf.can_pay(street_b, noticed, today=dt.date(2026, 3, 7))
    assert wf.pay_problem(noticed, today=dt.date(2026, 3, 7)) == ""
    assert not wf.can_pay(secretary, noticed, today=dt.date(2026, 3, 7))


def test_no_notice_days_means_payable_at_once():
    assert wf.notice_until(DAY, 0) is None
    noticed = app(state=wf.State.NOTICE, notice_until=None)
    assert wf.can_pay(county, noticed, today=DAY)


def test_pay_problems_name_the_state():
    assert wf.pay_problem(app(), today=DAY) == "该申请尚未审批通过，不能发放。"
    assert wf.pay_problem(app(state=wf.State.PAID), today=DAY) == "该申请已发放。"


def test_only_a_paid_unreversed_application_is_corrected_by_the_office():
    paid = app(state=wf.State.PAID)
    assert wf.can_correct(street_a, paid) and wf.can_correct(county, paid)
    assert not wf.can_correct(secretary, paid)
    assert not wf.can_correct(street_a, replace(paid, payout_reversed=True))
    assert not wf.can_correct(street_a, app(state=wf.State.NOTICE))


def test_rejecting_in_notice_is_the_offices_and_never_the_makers():
    noticed = app(state=wf.State.NOTICE, notice_until=dt.date(2026, 3, 6))
    assert wf.can_reject(county, noticed)
    assert not wf.can_reject(secretary, noticed)
    assert not wf.can_reject(street_a, replace(noticed, proposed_by=street_a.user_id))
    assert not wf.can_reject(county, app(state=wf.State.PAID))


def test_steps_for_gives_each_role_its_buttons():
    assert wf.steps_for(street_a, app(), today=DAY) == {wf.Step.REVIEW, wf.Step.REJECT}
    assert wf.steps_for(secretary, app(), today=DAY) == frozenset()
    reviewed = app(state=wf.State.REVIEWED, reviewed_by=20)
    assert wf.steps_for(county, reviewed, today=DAY) == {wf.Step.APPROVE, wf.Step.REJECT}


def test_the_payout_key_is_stable_per_application():
    assert wf.payout_key(7) == "carefund-app-7-payout" == wf.payout_key(7)
    assert wf.payout_key(7) != wf.payout_key(8)
