"""The care fund's pages: scoped, 404 for others' ids, no 500 for bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from factories import make_user
from pingxing.carefund import ledger, services
from pingxing.carefund.models import Application, HardshipRecord, Posting

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(db):
    from factories import make_world

    w = make_world()
    w.checker = make_user(role="street", organization=w.street_a)
    w.fund = ledger.open_fund(organization=w.street_a, name="甲街道党内关爱基金", notice_days=5, by=w.street_user)
    ledger.donate(fund=w.fund, key="seed", amount=100_000, donor="某爱心企业", booked_on=DAY, by=w.street_user)
    w.record = services.hardship_register(member=w.m_a1, kind="illness", situation="患病住院",
                                          support_received="慰问金500元", by=w.secretary)
    w.other_record = services.hardship_register(member=w.m_a2, kind="elderly", situation="高龄独居",
                                                by=w.street_user)
    w.app = services.application_propose(fund=w.fund, purpose="hardship", hardship=w.record, amount="300",
                                         reason="住院费用", by=w.secretary)
    return w


def test_the_register_is_scoped_to_the_secretarys_organization(client, world):
    client.force_login(world.secretary)
    page = client.get("/carefund/hardship/").content.decode()
    assert "甲一党员" in page and "因病致困" in page and "患病住院" in page and "慰问金500元" in page
    assert "甲二党员" not in page
    client.force_login(world.street_user)
    assert "甲二党员" in client.get("/carefund/hardship/").content.decode()


def test_a_secretary_of_another_community_gets_404_on_an_application(client, world):
    other = make_user(role="secretary", organization=world.a2)
    client.force_login(other)
    assert client.get(f"/carefund/applications/{world.app.pk}/").status_code == 404
    assert client.post(f"/carefund/applications/{world.app.pk}/review/").status_code == 404
    assert client.get("/carefund/applications/99999999999999999999999/").status_code == 404
    client.force_login(world.secretary)
    assert client.get(f"/carefund/applications/{world.app.pk}/").status_code == 200


def test_the_funds_page_is_the_offices(client, world):
    client.force_login(world.secretary)
    assert client.get(f"/carefund/funds/{world.fund.pk}/").status_code == 404
    client.force_login(world.street_user)
    page = client.get(f"/carefund/funds/{world.fund.pk}/").content.decode()
    assert "1,000.00" in page and "donation-form" in page and "statement.pdf" in page


def test_a_bad_amount_gives_the_chinese_error_and_posts_nothing(client, world):
    client.force_login(world.street_user)
    before = Posting.objects.count()
    response = client.post(f"/carefund/funds/{world.fund.pk}/donate/", {
        "donor": "张先生", "amount": "一百", "booked_on": timezone.localdate().isoformat(), "token": "t-1"})
    assert response.status_code == 400
    assert "金额格式不正确" in response.content.decode()
    assert Posting.objects.count() == before


def test_a_donation_form_resubmitted_posts_once(client, world):
    client.force_login(world.street_user)
    data = {"donor": "张先生", "amount": "88.8", "booked_on": timezone.localdate().isoformat(), "token": "tok-x"}
    for _ in range(2):
        assert client.post(f"/carefund/funds/{world.fund.pk}/donate/", data).status_code == 302
    assert Posting.objects.filter(counterparty="张先生").count() == 1


def test_the_steps_show_per_role_and_the_proposer_sees_no_check_button(client, world):
    client.force_login(world.secretary)
    page = client.get(f"/carefund/applications/{world.app.pk}/").content.decode()
    assert 'value="review"' not in page
    client.force_login(world.street_user)
    page = client.get(f"/carefund/applications/{world.app.pk}/").content.decode()
    assert 'value="review"' in page and 'value="approve"' not in page
    assert client.post(f"/carefund/applications/{world.app.pk}/review/").status_code == 302
    page = client.get(f"/carefund/applications/{world.app.pk}/").content.decode()
    assert 'value="approve"' not in page  # the checker cannot approve
    client.force_login(world.county_user)
    client.post(f"/carefund/applications/{world.app.pk}/approve/")
    app = Application.objects.get(pk=world.app.pk)
    assert app.state == "notice"
    page = client.get(f"/carefund/applications/{world.app.pk}/").content.decode()
    assert "公示期至" in page and 'value="pay"' not in page
    client.post(f"/carefund/applications/{world.app.pk}/pay/")
    assert Application.objects.get(pk=world.app.pk).state == "notice"
    assert client.post(f"/carefund/applications/{world.app.pk}/nonsense/").status_code == 404


def test_the_application_form_proposes_and_bad_ids_are_404(client, world):
    client.force_login(world.secretary)
    assert client.get("/carefund/applications/new/").status_code == 200
    response = client.post("/carefund/applications/new/", {
        "fund": world.fund.pk, "purpose": "startup", "member": world.m_a1_other.pk, "amount": "500",
        "reason": "开网店"})
    assert response.status_code == 302
    assert Application.objects.filter(purpose="startup").count() == 1
    bad = client.post("/carefund/applications/new/", {
        "fund": world.fund.pk, "purpose": "hardship", "hardship": world.other_record.pk, "amount": "5",
        "reason": "x"})
    assert bad.status_code == 404
    bad_amount = client.post("/carefund/applications/new/", {
        "fund": world.fund.pk, "purpose": "startup", "member": world.m_a1_other.pk, "amount": "1.234",
        "reason": "x"})
    assert bad_amount.status_code == 400 and "申请金额" in bad_amount.content.decode()


def test_registering_through_the_form_and_closing(client, world):
    client.force_login(world.secretary)
    response = client.post("/carefund/hardship/", {"member": world.m_a1_other.pk, "kind": "disaster",
                                                  "situation": "房屋受灾"})
    assert response.status_code == 302
    record = HardshipRecord.objects.get(member=world.m_a1_other)
    assert client.post("/carefund/hardship/", {"member": world.m_a2.pk, "kind": "illness",
                                               "situation": "x"}).status_code == 404
    assert client.post(f"/carefund/hardship/{record.pk}/close/").status_code == 302
    assert HardshipRecord.objects.get(pk=record.pk).closed_on is not None
    assert client.post(f"/carefund/hardship/{world.other_record.pk}/close/").status_code == 404


def test_a_payout_is_reversed_from_the_fund_page_with_a_reason(client, world):
    w = world
    app = services.application_review(app=w.app, by=w.street_user)
    app = services.application_approve(app=app, by=w.county_user, today=DAY)
    app = services.application_pay(app=app, by=w.street_user, today=DAY + dt.timedelta(days=10))
    client.force_login(w.checker)
    url = f"/carefund/funds/{w.fund.pk}/postings/{app.payout_id}/reverse/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "发错人"}).status_code == 302
    assert Application.objects.get(pk=app.pk).state == "rejected"
    assert client.get(f"/carefund/funds/{w.fund.pk}/postings/abc/reverse/").status_code == 404


def test_the_statement_downloads(client, world):
    client.force_login(world.street_user)
    pdf = client.get(f"/carefund/funds/{world.fund.pk}/statement.pdf?year=2026")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/carefund/funds/{world.fund.pk}/statement.xlsx?year=abc")
    assert xlsx.status_code == 200
    assert client.get(f"/carefund/funds/{world.fund.pk}/statement.doc").status_code == 404


def test_the_lists_and_the_menu(client, world, django_assert_max_num_queries):
    from pingxing.core import nav

    client.force_login(world.street_user)
    with django_assert_max_num_queries(20):
        page = client.get("/carefund/applications/").content.decode()
    assert "甲一党员" in page
    assert client.get("/carefund/").status_code == 200
    assert ("党内关爱基金", "/carefund/") in [(str(label), url) for label, url in nav.menu_for(world.street_user)]
    assert "/carefund/" not in [url for _label, url in nav.menu_for(world.member_user)]
    client.force_login(world.member_user)
    assert client.get("/carefund/applications/").status_code == 404


def test_the_api_gives_the_statement_to_the_office_only(client, world):
    client.force_login(world.street_user)
    data = client.get(f"/api/carefund/funds/{world.fund.pk}/statement/2026").json()
    assert data["closing_fen"] == data["opening_fen"] + data["total_in_fen"] - data["total_out_fen"]
    client.force_login(world.secretary)
    assert client.get(f"/api/carefund/funds/{world.fund.pk}/statement/2026").status_code == 404
