"""The targets dashboard: pure arithmetic against a hand-computed fixture, the page, its scope."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
from django.urls import reverse

from factories import make_community, make_county, make_star_result, make_street, make_user
from pingxing.audit.models import AuditEntry
from pingxing.ratings import stats
from pingxing.ratings.models import StarResult
from pingxing.rubric import load_standard

STD = load_standard()

# Ten communities, stars 5,5,4,3,3,3,2,1,0,3: 3★+ = 7/10, 5★ = 2/10.
STARS = [5, 5, 4, 3, 3, 3, 2, 1, 0, 3]
ATMOSPHERE = "L4.1.atmosphere"  # 四星级：党员创先争优氛围浓厚
LEDGER = "L5.2.integrity_ledger"  # 五星级：建立健全社区党风廉政建设工作台帐
# What each community fails at its next level up (hand-chosen): ATMOSPHERE ×4, LEDGER ×2, veto ×1.
BLOCKING = [[], [], [LEDGER], [ATMOSPHERE], [ATMOSPHERE], [ATMOSPHERE, "V1.family_planning"],
            ["L3.1.leadership"], [], [], [ATMOSPHERE, LEDGER]]


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def test_percent_rounds_half_up_to_one_decimal():
    assert stats.percent(Fraction(7, 10)) == "70.0%"
    assert stats.percent(Fraction(1, 3)) == "33.3%"
    assert stats.percent(Fraction(2, 3)) == "66.7%"
    assert stats.percent(Fraction(1, 8)) == "12.5%"
    assert stats.percent(Fraction(1, 16)) == "6.3%"  # 6.25 → 6.3, not banker's 6.2
    assert stats.percent(Fraction(0)) == "0.0%"
    assert stats.percent(Fraction(1)) == "100.0%"


def test_year_target_of_the_hand_computed_fixture():
    target = stats.year_target(2010, stats.distribution(STARS, STD), STD)
    three_up, five = target.results  # the 2010 standard's goals: 3★+ ≥ 80%, 5★ ≥ 20%
    assert (target.total, three_up.count, five.count) == (10, 7, 2)
    assert (three_up.label, five.label) == ("三星级以上", "五星级")
    assert three_up.share == Fraction(7, 10) and five.share == Fraction(1, 5)
    assert (three_up.percent, five.percent) == ("70.0%", "20.0%")
    assert three_up.met is False  # 70% < 80%
    assert five.met is True  # 20% ≥ 20%


def test_distribution_lists_every_star_five_first():
    assert stats.distribution(STARS, STD) == {5: 2, 4: 1, 3: 4, 2: 1, 1: 1, 0: 1}
    assert list(stats.distribution([], STD)) == [5, 4, 3, 2, 1, 0]


def test_blocking_counts_each_organization_once_per_condition():
    counts = stats.blocking_counts(BLOCKING + [[ATMOSPHERE, ATMOSPHERE]])
    assert counts[ATMOSPHERE] == 5 and counts[LEDGER] == 2


def test_blocking_rows_are_ranked_and_labelled_in_the_standards_words():
    from pingxing.ratings import engine

    labels = stats.condition_labels(engine.standard())
    rows = stats.blocking_rows(stats.blocking_counts(BLOCKING), labels, len(BLOCKING))
    assert [(r.label.id, r.count) for r in rows][:2] == [(ATMOSPHERE, 4), (LEDGER, 2)]
    assert (rows[0].label.level_label, rows[0].label.text, rows[0].percent) == (
        "四星级", "党员创先争优氛围浓厚", "40.0%")
    veto = next(r for r in rows if r.label.id == "V1.family_planning")
    assert (veto.label.level_label, veto.label.text) == ("一票否决", "违反计划生育有关规定")


def test_street_of_finds_the_street_by_tree_path():
    streets = {"/1/4/": "柯桥", "/1/5/": "华舍"}
    assert stats.street_of("/1/4/17/", streets) == "柯桥"
    assert stats.street_of("/1/5/", streets) == "华舍"
    assert stats.street_of("/1/6/20/", streets) is None


@pytest.fixture
def ten(db):
    """Two streets: the first six communities in 柯桥, the other four in 华舍; 2009 and 2010 results."""
    county = make_county()
    keqiao = make_street(parent=county, name="柯桥街道党工委")
    huashe = make_street(parent=county, name="华舍街道党工委")
    orgs = [make_community(parent=keqiao if i < 6 else huashe, name=f"第{i + 1}社区") for i in range(10)]
    for org, star, blocking in zip(orgs, STARS, BLOCKING, strict=True):
        make_star_result(organization=org, year=2010, star=star, previous_star=3, blocking_conditions=blocking)
        make_star_result(organization=org, year=2009, star=3)  # 2009: all ten at 3★
    return county, keqiao, huashe


def _table(html: str, table_id: str) -> list[list[str]]:
    body = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S) for row in rows]
    return [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row] for row in cells if row]


def test_county_dashboard_shows_the_hand_computed_figures(client, ten):
    county, keqiao, huashe = ten
    client.force_login(make_user(role="county", organization=county))
    html = client.get(reverse("ratings:dashboard")).content.decode()
    targets = _table(html, "targets-table")
    assert targets[1][:3] == ["2009", "10", "0"] and targets[1][4].startswith("100.0%")
    assert targets[2][:7] == ["2010", "10", "0", "7", "70.0% 未达标", "2", "20.0% 达标"]
    distribution = _table(html, "distribution-table")
    assert distribution[1:7] == [["五星级", "2", "20.0%"], ["四星级", "1", "10.0%"], ["三星级", "4", "40.0%"],
                                 ["二星级", "1", "10.0%"], ["一星级", "1", "10.0%"], ["未定星", "1", "10.0%"]]
    blocking = _table(html, "blocking-table")
    assert blocking[1] == ["1", "四星级", "党员创先争优氛围浓厚", "4", "40.0%"]
    assert blocking[2] == ["2", "五星级", "建立健全社区党风廉政建设工作台帐", "2", "20.0%"]
    heat = _table(html, "heat-table")
    # 柯桥 (communities 1–6) fails ATMOSPHERE 3 times, 华舍 (7–10) once.
    assert heat[1][:2] == ["柯桥街道党工委", "3"] and heat[2][:2] == ["华舍街道党工委", "1"]
    data = json.loads(re.search(r'id="dashboard-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert data["years"] == ["2009", "2010"]
    assert data["targets"] == [{"name": "三星级以上占比", "target": 80.0, "values": [100.0, 70.0]},
                               {"name": "五星级占比", "target": 20.0, "values": [0.0, 20.0]}]
    assert data["blocking"]["counts"][:2] == [4, 2]


def test_street_filter_and_street_user_see_only_their_street(client, ten):
    county, keqiao, huashe = ten
    client.force_login(make_user(role="county", organization=county))
    filtered = client.get(reverse("ratings:dashboard"), {"street": huashe.pk, "year": 2010}).content.decode()
    # 华舍: communities 7–10 with stars 2,1,0,3 → 3★+ 1 of 4.
    assert _table(filtered, "targets-table")[2][:5] == ["2010", "4", "0", "1", "25.0% 未达标"]
    client.force_login(make_user(role="street", organization=keqiao))
    own = client.get(reverse("ratings:dashboard"), {"year": 2010}).content.decode()
    # 柯桥: 5,5,4,3,3,3 → all six at 3★+, two at 5★.
    assert _table(own, "targets-table")[2][:7] == ["2010", "6", "0", "6", "100.0% 达标", "2", "33.3% 达标"]
    other = client.get(reverse("ratings:dashboard"), {"street": huashe.pk})
    assert other.status_code == 404
    assert AuditEntry.objects.filter(action="denied", object_id=str(huashe.pk)).exists()


def test_selected_year_changes_distribution(client, ten):
    county, *_ = ten
    client.force_login(make_user(role="county", organization=county))
    html = client.get(reverse("ratings:dashboard"), {"year": 2009}).content.decode()
    assert _table(html, "distribution-table")[3] == ["三星级", "10", "100.0%"]


def test_secretaries_and_members_cannot_open_the_dashboard(client, ten):
    county, keqiao, _huashe = ten
    community = keqiao.children.first()
    for role in ("secretary", "member"):
        client.force_login(make_user(role=role, organization=community))
        assert client.get(reverse("ratings:dashboard")).status_code == 404


def test_dashboard_without_results_says_so(client, db):
    county = make_county()
    client.force_login(make_user(role="county", organization=county))
    response = client.get(reverse("ratings:dashboard"))
    assert response.status_code == 200 and 'id="no-results"' in response.content.decode()


def test_county_dashboard_for_2000_organizations_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, db
):
    from pingxing.orgs.models import Organization

    county = make_county()
    streets = [make_street(parent=county, name=f"第{i}街道") for i in range(10)]
    # bulk_create skips org_create's path bookkeeping: set the tree paths by hand.
    orgs = Organization.objects.bulk_create(
        Organization(code=f"B{i:05d}", name=f"社区{i}", level="organization", kind="community",
                     form="branch", parent=streets[i % 10], path="") for i in range(2000)
    )
    for org in orgs:
        org.path = f"{org.parent.path}{org.pk}/"
    Organization.objects.bulk_update(orgs, ["path"])
    blocking = [[ATMOSPHERE], [LEDGER, "V1.family_planning"], [], ["L3.1.leadership"]]
    StarResult.objects.bulk_create(
        make_star_result(organization=org, year=year, star=(i + year) % 6,
                         blocking_conditions=blocking[i % 4], save=False)
        for i, org in enumerate(orgs) for year in (2008, 2009, 2010)
    )
    client.force_login(make_user(role="county", organization=county))
    # session, user, user's organization, streets, counts by year and star, the year's rows,
    # and the session save (savepoint, update, release): nothing grows with the county.
    # 10, the plans panel's "any target declared?" and the 五好 panel's "any assessment?"
    with django_assert_max_num_queries(12):
        response = client.get(reverse("ratings:dashboard"))
    html = response.content.decode()
    assert _table(html, "targets-table")[3][:2] == ["2010", "2000"]
    assert _table(html, "blocking-table")[1][3] == "500"


def test_a_community_of_the_campaign_without_a_published_star_is_in_progress_not_unrated(client, ten):
    """Mid-year the dashboard says how many are published and how many are still 评定中, and the
    shares are of the published ones only, labelled so — never a partial year as the year."""
    import datetime as dt

    from pingxing.ratings.models import Campaign, RatingCase

    county, keqiao, _huashe = ten
    county_user = make_user(role="county", organization=county)
    campaign = Campaign.objects.create(
        year=2010, standard_id="shaoxing-county-2010-community", standard_version="2010.1",
        declaration_deadline=dt.date(2010, 9, 30), assessment_deadline=dt.date(2010, 10, 31),
        county_deadline=dt.date(2010, 11, 30), opened_by=county_user,
    )
    results = StarResult.objects.filter(year=2010).select_related("organization")
    RatingCase.objects.bulk_create(RatingCase(campaign=campaign, organization=r.organization) for r in results)
    stuck = make_community(parent=keqiao, name="第11社区")  # in the campaign, never published
    RatingCase.objects.create(campaign=campaign, organization=stuck)
    client.force_login(county_user)
    html = client.get(reverse("ratings:dashboard") + "?year=2010").content.decode()
    targets = _table(html, "targets-table")
    # 10 published (7 at 3★+, 2 at 5★) and one 评定中, which is neither 未定星 nor in the shares.
    assert targets[2][:7] == ["2010", "10", "1", "7", "70.0% 未达标", "2", "20.0% 达标"]
    distribution = _table(html, "distribution-table")
    assert distribution[6] == ["未定星", "1", "10.0%"]
    assert distribution[-1] == ["评定中", "1", "—"]
    assert "已公布 10 个，评定中 1 个" in html
