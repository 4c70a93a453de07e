"""The care fund's register and applications through the services (database)."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import make_user
from pingxing.carefund import ledger, services
from pingxing.carefund.models import Account, Application, HardshipRecord, Posting
from pingxing.carefund.services import CarefundError

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def world(db):
    from factories import make_world

    w = make_world()
    w.street_checker = make_user(role="street", organization=w.street_a)
    w.fund = ledger.open_fund(organization=w.street_a, name="甲街道党内关爱基金", notice_days=5, by=w.street_user)
    ledger.donate(fund=w.fund, key="seed", amount=100_000, donor="某爱心企业", booked_on=DAY, by=w.street_user)
    w.record = services.hardship_register(member=w.m_a1, kind="illness", situation="患重病住院，家庭收入低",
                                          support_received="街道慰问金500元", registered_on=DAY, by=w.secretary)
    return w


def _propose(w, amount="300"):
    return services.application_propose(fund=w.fund, purpose="hardship", hardship=w.record, amount=amount,
                                        reason="住院费用负担重", by=w.secretary)


def _bank(w):
    return Account.objects.get(fund=w.fund, code="1002").balance


def test_the_full_path_to_paid(world):
    w = world
    app = _propose(w)
    assert app.state == "submitted" and app.amount == 30_000
    app = services.application_review(app=app, by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    assert app.state == "notice" and app.notice_until == dt.date(2026, 3, 7)
    app = services.application_pay(app=app, by=w.street_user, today=dt.date(2026, 3, 8))
    assert app.state == "paid" and app.payout.idempotency_key == f"carefund-app-{app.pk}-payout"
    assert _bank(w) == 70_000
    assert app.payout.counterparty == "甲一党员"


def test_the_notice_period_blocks_early_pay(world):
    w = world
    app = services.application_review(app=_propose(w), by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    with pytest.raises(CarefundError, match="公示期未满"):
        services.application_pay(app=app, by=w.street_user, today=dt.date(2026, 3, 7))
    assert Posting.objects.filter(kind="disbursement").count() == 0


def test_no_notice_days_pays_at_approval(world):
    w = world
    w.fund.notice_days = 0
    w.fund.save()
    app = services.application_review(app=_propose(w), by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    assert app.state == "paid" and app.notice_until is None


def test_the_proposer_cannot_check_or_approve(world):
    w = world
    app = services.application_propose(fund=w.fund, purpose="hardship", hardship=w.record, amount="100",
                                       reason="临时困难", by=w.street_user)
    with pytest.raises(CarefundError, match="提出人"):
        services.application_review(app=app, by=w.street_user)
    app = services.application_review(app=app, by=w.street_checker)
    with pytest.raises(CarefundError, match="提出人"):
        services.application_approve(app=app, by=w.street_user, today=DAY)
    with pytest.raises(CarefundError, match="初审人"):
        services.application_approve(app=app, by=w.street_checker, today=DAY)
    assert Application.objects.get(pk=app.pk).state == "reviewed"


def test_paying_twice_pays_once(world):
    w = world
    app = services.application_review(app=_propose(w), by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    later = dt.date(2026, 3, 9)
    stale = Application.objects.get(pk=app.pk)
    services.application_pay(app=app, by=w.street_user, today=later)
    again = services.application_pay(app=stale, by=w.county_user, today=later)
    assert again.state == "paid"
    assert Posting.objects.filter(kind="disbursement").count() == 1
    assert _bank(w) == 70_000


def test_refused_when_the_fund_is_short(world):
    w = world
    app = services.application_review(app=_propose(w, amount="1500"), by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    with pytest.raises(CarefundError, match="余额不足.*1,500.00"):
        services.application_pay(app=app, by=w.street_user, today=dt.date(2026, 3, 9))
    assert Application.objects.get(pk=app.pk).state == "notice"
    assert _bank(w) == 100_000


def test_a_rejection_needs_a_reason_and_ends_the_application(world):
    w = world
    app = _propose(w)
    with pytest.raises(CarefundError, match="不通过理由"):
        services.application_reject(app=app, reason=" ", by=w.street_user)
    app = services.application_reject(app=app, reason="材料不全", by=w.street_user)
    assert app.state == "rejected" and app.decision_note == "材料不全"
    with pytest.raises(CarefundError):
        services.application_review(app=app, by=w.street_user)


def test_a_stale_page_is_told_to_refresh(world):
    w = world
    app = _propose(w)
    stale = Application.objects.get(pk=app.pk)
    services.application_review(app=app, by=w.street_user)
    with pytest.raises(CarefundError, match="刷新"):
        services.application_reject(app=stale, reason="重复", by=w.street_checker)


def test_a_paid_application_is_corrected_by_reversal_only(world):
    w = world
    app = services.application_review(app=_propose(w), by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    app = services.application_pay(app=app, by=w.street_user, today=dt.date(2026, 3, 9))
    app = services.application_correct(app=app, reason="重复发放", by=w.street_user, today=dt.date(2026, 3, 10))
    assert app.state == "rejected" and "重复发放" in app.decision_note
    assert Posting.objects.filter(reverses=app.payout).count() == 1
    assert _bank(w) == 100_000
    with pytest.raises(CarefundError):
        services.application_correct(app=app, reason="再次", by=w.street_user)


def test_a_startup_application_names_its_business_plan(world):
    w = world
    with pytest.raises(CarefundError, match="创业计划"):
        services.application_propose(fund=w.fund, purpose="startup", member=w.m_a1_other, amount="800",
                                     reason="", by=w.secretary)
    app = services.application_propose(fund=w.fund, purpose="startup", member=w.m_a1_other, amount="800",
                                       reason="开办农家乐，计划投入2万元", by=w.secretary)
    assert app.hardship is None and app.amount == 80_000


def test_a_bad_amount_is_refused_naming_the_field(world):
    with pytest.raises(CarefundError, match="申请金额.*格式不正确"):
        _propose(world, amount="三百")
    with pytest.raises(CarefundError, match="申请金额"):
        _propose(world, amount="-5")


def test_a_secretary_cannot_register_or_propose_for_another_organization(world):
    w = world
    with pytest.raises(CarefundError, match="不能登记"):
        services.hardship_register(member=w.m_a2, kind="illness", situation="x", by=w.secretary)
    other = services.hardship_register(member=w.m_b1, kind="elderly", situation="独居", by=make_user(
        role="secretary", organization=w.b1))
    with pytest.raises(CarefundError):
        services.application_propose(fund=w.fund, purpose="hardship", hardship=other, amount="100",
                                     reason="x", by=w.secretary)


def test_the_register_shows_kind_situation_and_support_received(world):
    from pingxing.carefund import queries

    w = world
    rows = list(queries.hardship_register(HardshipRecord.objects.all()))
    assert [(r.member.name, r.get_kind_display(), r.situation, r.support_received) for r in rows] == [
        ("甲一党员", "因病致困", "患重病住院，家庭收入低", "街道慰问金500元")]
    with pytest.raises(CarefundError, match="已在困难党员名册"):
        services.hardship_register(member=w.m_a1, kind="illness", situation="again", by=w.secretary)
    services.hardship_close(record=w.record, by=w.secretary)
    assert queries.hardship_register(HardshipRecord.objects.all(), open_only=True).count() == 0


def test_a_donation_form_resubmitted_posts_once(world):
    w = world
    for _ in range(2):
        services.donation_record(fund=w.fund, donor="张先生", amount="200.50", booked_on=DAY, key="tok-1",
                                 by=w.street_user)
    assert Posting.objects.filter(kind="donation", counterparty="张先生").count() == 1
    assert _bank(w) == 100_000 + 20_050
    with pytest.raises(CarefundError, match="金额"):
        services.donation_record(fund=w.fund, donor="张先生", amount="abc", booked_on=DAY, key="tok-2",
                                 by=w.street_user)
    with pytest.raises(CarefundError, match="不能为该基金记账"):
        services.donation_record(fund=w.fund, donor="张先生", amount="1", booked_on=DAY, key="tok-3",
                                 by=w.secretary)
