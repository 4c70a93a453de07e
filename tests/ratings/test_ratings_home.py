"""The home page leads each role to this year's 评星晋级 work."""

from __future__ import annotations

import datetime as dt

from pingxing.ratings import samples, services


def test_a_secretary_sees_her_own_case_on_the_home_page(client, county):
    client.force_login(county.secretary)
    page = client.get("/").content.decode()
    case = county.case(county.community)
    assert f"/ratings/case/{case.pk}/" in page and "填写自评申报" in page
    assert county.neighbour.name not in page


def test_the_street_sees_counts_by_state_of_its_own_communities(client, county, settings):
    settings.REQUIRE_STAFF_2FA = False
    case = county.case(county.community)
    services.declaration_submit(case=case, facts=samples.facts_for_star(3, "x", 2010),
                                declared_star=3, by=county.secretary)
    client.force_login(county.street_user)
    page = client.get("/").content.decode()
    assert "已申报，待街道考核" in page and "自评填报中" in page
    # 柯桥 has two communities (one declared, one draft); 华舍's draft is not counted here.
    assert '?state=draft">自评填报中<span class="n">1</span>' in page


def test_the_notice_can_be_closed_only_once_its_period_is_over(client, county, settings):
    settings.REQUIRE_STAFF_2FA = False
    case = county.case(county.community)
    services.declaration_submit(case=case, facts=samples.facts_for_star(5, "x", 2010),
                                declared_star=5, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 10), inspectors="验收组", findings="")
    services.notice_start(case=case, by=county.county_user)
    client.force_login(county.county_user)
    assert "do-close_notice" not in client.get(f"/ratings/case/{case.pk}/").content.decode()
    # A stale page or a hand-made POST is refused with the reason, and nothing moves.
    early = client.post(f"/ratings/case/{case.pk}/step/close_notice/", follow=True).content.decode()
    assert "期满后方可办理" in early
    case.refresh_from_db()
    assert case.state == "on_notice"
    case.notice_ends_on = dt.date(2010, 1, 1)
    case.save(update_fields=["notice_ends_on"])
    assert "do-close_notice" in client.get(f"/ratings/case/{case.pk}/").content.decode()
    services.notice_close(case=case, by=county.county_user)
