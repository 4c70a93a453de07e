"""动态管理: an organization's stars by year, the change, and a downgrade's failed conditions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from factories import make_star_result, make_user
from pingxing.ratings import engine, samples, services, stats

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def test_change_of_names_each_kind_of_move():
    assert [stats.change_of(4, 3), stats.change_of(2, 3), stats.change_of(3, 3), stats.change_of(3, None)] == [
        "up", "down", "same", "new"]


def _publish_2010(county, stars):
    for org, star in stars.items():
        case = county.case(org)
        facts = samples.facts_for_star(star, org.code, 2010, seed=1)
        services.declaration_submit(case=case, facts=facts, declared_star=star, by=county.secretary)
        services.assessment_submit(case=case, corrections={}, by=county.street_user)
        services.case_approve(case=case, by=county.county_user)
    services.campaign_publish(campaign=county.campaign, doc_number="绍县评星办〔2010〕3号", title="评定结果",
                                issued_on=dt.date(2010, 12, 20), by=county.county_user)


def _failed_at(star: int, level: int) -> set[str]:
    """The conditions of `level` that the sample facts for `star` fail, in the standard's words."""
    explanation = engine.judge(samples.facts_for_star(star, "x", 2010, seed=1)).explanation
    return {c["text"] for lv in explanation["levels"] if lv["star"] == level for c in lv["failed"] + lv["unknown"]}


def test_history_shows_each_year_and_a_downgrades_failed_conditions(client, county):
    make_star_result(organization=county.community, year=2008, star=2)
    make_star_result(organization=county.community, year=2009, star=3, previous_star=2)
    _publish_2010(county, {county.community: 2})
    client.force_login(county.secretary)
    html = client.get(reverse("ratings:history", args=[county.community.pk])).content.decode()
    years = re.findall(r'data-year="(\d+)"', html)
    assert years == ["2010", "2009", "2008"]
    assert re.search(r'change-down" data-year="2010".*?降级', html, re.S)
    assert re.search(r'change-up" data-year="2009".*?晋级', html, re.S)
    assert re.search(r'change-new" data-year="2008".*?新评', html, re.S)
    reasons = re.search(r'<div class="downgrade-reasons">(.*?)</div>', html, re.S).group(1)
    failed = _failed_at(2, 3)
    assert failed and all(f"三星级：{text}" in reasons for text in failed)
    assert "绍县评星办〔2010〕3号" in html


def test_a_community_cannot_read_anothers_history(client, county):
    make_star_result(organization=county.community, year=2009, star=3)
    client.force_login(county.neighbour_secretary)
    assert client.get(reverse("ratings:history", args=[county.community.pk])).status_code == 404
    client.force_login(county.other_street_user)
    assert client.get(reverse("ratings:history", args=[county.community.pk])).status_code == 404
    client.force_login(county.street_user)
    assert client.get(reverse("ratings:history", args=[county.community.pk])).status_code == 200


def test_year_changes_list_upgrades_and_downgrades_in_scope(client, county):
    make_star_result(organization=county.community, year=2010, star=2, previous_star=3,
                     downgrade_reasons=[{"star": 3, "id": "L3.1.leadership", "text": "社区党组织和居委会班子健全"}])
    make_star_result(organization=county.neighbour, year=2010, star=4, previous_star=3)
    make_star_result(organization=county.far_community, year=2010, star=5, previous_star=3)
    client.force_login(county.county_user)
    html = client.get(reverse("ratings:changes", args=[2010])).content.decode()
    upgrades = re.search(r'<table id="upgrades-table">(.*?)</table>', html, re.S).group(1)
    downgrades = re.search(r'<table id="downgrades-table">(.*?)</table>', html, re.S).group(1)
    assert "柯亭社区党支部" in upgrades and "华舍社区党支部" in upgrades
    assert "笛扬社区党总支" in downgrades and "三星级：社区党组织和居委会班子健全" in downgrades
    client.force_login(county.street_user)
    own = client.get(reverse("ratings:changes", args=[2010])).content.decode()
    assert "柯亭社区党支部" in own and "华舍社区党支部" not in own
    client.force_login(make_user(role="secretary", organization=county.community))
    assert client.get(reverse("ratings:changes", args=[2010])).status_code == 404
