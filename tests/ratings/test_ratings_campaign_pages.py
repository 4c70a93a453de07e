"""Campaign pages: the list and opening a campaign, the county and street pages, and who may
see or act on which case through the HTTP views."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from factories import make_community, make_user
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction
from pingxing.ratings import samples, services
from pingxing.ratings.access import get_case_for_user
from pingxing.ratings.models import Campaign, CaseState, FactSheet, RatingCase

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def _declare(county, org, star=3):
    case = county.case(org)
    facts = samples.facts_for_star(star, org.code, 2010, seed=2)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=county.secretary)
    case.refresh_from_db()
    return case


def _open_form(**overrides):
    data = {
        "year": 2011, "standard_id": "shaoxing-county-2010-community",
        "declaration_deadline": "2011-09-30", "assessment_deadline": "2011-10-31",
        "county_deadline": "2011-11-30", "notice_working_days": 5,
    }
    data.update(overrides)
    return data


def test_county_opens_a_campaign_from_the_list_page(client, county):
    client.force_login(county.county_user)
    page = client.get(reverse("ratings:campaigns"))
    assert "开启年度评星" in page.content.decode()
    response = client.post(reverse("ratings:campaigns"), _open_form(notice_working_days=7))
    assert response.status_code == 302 and response.url == reverse("ratings:campaign", args=[2011])
    campaign = Campaign.objects.get(year=2011)
    assert campaign.notice_working_days == 7
    assert campaign.cases.count() == 3


def test_opening_the_same_year_twice_is_refused_with_a_message(client, county):
    client.force_login(county.county_user)
    response = client.post(reverse("ratings:campaigns"), _open_form(year=2010))
    assert response.status_code == 200
    assert "2010年度评星已开启" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_deadlines_out_of_order_are_refused(client, county):
    client.force_login(county.county_user)
    response = client.post(reverse("ratings:campaigns"), _open_form(assessment_deadline="2011-08-01"))
    assert "截止日期须依次为" in response.content.decode()
    assert not Campaign.objects.filter(year=2011).exists()


def test_a_street_sees_the_campaign_but_cannot_open_one(client, county):
    client.force_login(county.street_user)
    page = client.get(reverse("ratings:campaigns")).content.decode()
    assert reverse("ratings:campaign", args=[2010]) in page
    assert 'id="campaign-open"' not in page
    assert client.post(reverse("ratings:campaigns"), _open_form()).status_code == 404
    assert not Campaign.objects.filter(year=2011).exists()


def test_the_county_page_groups_every_community_by_street_with_counts(client, county):
    _declare(county, county.community)
    client.force_login(county.county_user)
    page = client.get(reverse("ratings:campaign", args=[2010])).content.decode()
    for org in (county.street, county.other_street, county.community, county.neighbour, county.far_community):
        assert org.name in page
    headings = re.findall(r"<h2>(\S+) <span", page)
    assert headings == [county.street.name, county.other_street.name]
    assert page.index(county.community.name) < page.index("<h2>" + county.other_street.name)
    assert 'data-state="declared"' in page and "已申报，待街道考核<span class=\"n\">1</span>" in page
    assert "自评填报中<span class=\"n\">2</span>" in page


def test_the_county_page_filters_by_street_and_by_state(client, county):
    _declare(county, county.community)
    client.force_login(county.county_user)
    url = reverse("ratings:campaign", args=[2010])
    by_street = client.get(url, {"street": county.other_street.pk}).content.decode()
    assert county.far_community.name in by_street and county.community.name not in by_street
    by_state = client.get(url, {"state": "declared"}).content.decode()
    assert county.community.name in by_state
    assert county.neighbour.name not in by_state and county.far_community.name not in by_state


def test_the_street_page_lists_only_its_communities_with_a_button_to_assess(client, county):
    case = _declare(county, county.community)
    client.force_login(county.street_user)
    page = client.get(reverse("ratings:campaign", args=[2010])).content.decode()
    assert county.community.name in page and county.neighbour.name in page
    assert county.far_community.name not in page
    assert reverse("ratings:assess", args=[case.pk]) in page


def test_a_secretary_is_sent_to_their_own_case(client, county):
    client.force_login(county.secretary)
    response = client.get(reverse("ratings:campaign", args=[2010]))
    assert response.status_code == 302
    assert response.url == reverse("ratings:case", args=[county.case(county.community).pk])


def test_a_member_has_no_campaign_pages_and_the_attempt_is_recorded(client, county):
    client.force_login(make_user(role="member", organization=county.community))
    assert client.get(reverse("ratings:campaigns")).status_code == 404
    assert client.get(reverse("ratings:campaign", args=[2010])).status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, object_type="ratings.campaign").count() == 2


def test_the_street_page_for_twenty_communities_runs_a_fixed_number_of_queries(
    client, county, django_assert_max_num_queries
):
    states = [CaseState.DRAFT, CaseState.DECLARED, CaseState.ASSESSED, CaseState.APPROVED,
              CaseState.ON_NOTICE, CaseState.RETURNED_TO_COMMUNITY, CaseState.PUBLISHED]
    orgs = [make_community(parent=county.street, name=f"测试社区{i:02d}") for i in range(18)]
    RatingCase.objects.bulk_create(
        RatingCase(campaign=county.campaign, organization=org, state=states[i % len(states)],
                   declared_star=3, assessed_star=i % 6 if i % len(states) > 1 else None)
        for i, org in enumerate(orgs)
    )
    client.force_login(county.street_user)
    url = reverse("ratings:campaign", args=[2010])
    # session, user, its organization, campaign, streets, counts, cases, session save (3)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert page.count('<tr id="case-') == 20
    assert "测试社区17" in page and county.far_community.name not in page


def test_a_community_cannot_see_another_communitys_case_or_declaration(client, county):
    other = county.case(county.neighbour)
    with pytest.raises(Exception) as raised:
        get_case_for_user(county.secretary, other.pk)
    assert raised.typename == "Http404"
    client.force_login(county.secretary)
    assert client.get(reverse("ratings:case", args=[other.pk])).status_code == 404
    assert client.get(reverse("ratings:declare", args=[other.pk])).status_code == 404
    assert client.get(reverse("ratings:case", args=[county.case(county.community).pk])).status_code == 200


def test_a_street_cannot_act_on_another_streets_case(client, county):
    far = county.case(county.far_community)
    facts = samples.facts_for_star(3, county.far_community.code, 2010, seed=3)
    far_secretary = make_user(role="secretary", organization=county.far_community)
    services.declaration_submit(case=far, facts=facts, declared_star=3, by=far_secretary)
    client.force_login(county.street_user)
    step = reverse("ratings:step", args=[far.pk, "return_to_community"])
    assert client.post(step, {"reason": "材料不全"}).status_code == 404
    assess = reverse("ratings:assess", args=[far.pk])
    assert client.get(assess).status_code == 404
    assert client.post(assess, {"inspectors": "张三"}).status_code == 404
    far.refresh_from_db()
    assert far.state == CaseState.DECLARED
    assert FactSheet.objects.filter(case=far).count() == 1
    assert not far.transitions.exclude(action="declare").exists()


def test_a_street_cannot_take_the_county_step_on_its_own_case(client, county):
    case = _declare(county, county.community, 2)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    client.force_login(county.street_user)
    assert client.post(reverse("ratings:step", args=[case.pk, "approve"])).status_code == 404
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED and case.final_star is None
