"""五好 assessment through the campaign steps, results, dashboard targets and permissions."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from factories import make_community, make_org, make_user
from pingxing.fivegood import access, queries, services
from pingxing.fivegood.models import Case, FiveGoodResult
from pingxing.fivegood.workflow import CaseState

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def good_facts(**changes: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "team_fully_staffed": True, "election_on_schedule": True, "secretary_reported_on_party_building": True,
        "members_total": 30, "members_dues_paid": 30, "members_attending_org_life": 29, "members_disciplined": 0,
        "three_meetings_one_lesson": True, "party_affairs_disclosed": True, "democratic_centralism_upheld": True,
        "annual_goals_met": True, "excellence_campaign_held": True,
        "survey_respondents": 40, "survey_satisfied": 38, "mass_petitions": 0,
    }
    facts.update(changes)
    return facts


def org(parent: Any, kind: str, name: str = "") -> Any:
    return make_org(level="organization", kind=kind, form="branch", parent=parent, **({"name": name} if name else {}))


def login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def post_form(facts: dict[str, Any], **extra: str) -> dict[str, str]:
    data = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in facts.items()}
    data.update(extra)
    return data


def test_an_enterprise_and_an_institution_are_rated_through_every_step(world: Any, client: Any) -> None:
    ent = org(world.street_a, "enterprise", "甲街道某企业党支部")
    inst = org(world.street_a, "institution", "甲街道某事业单位党支部")
    county = login(client, world.county_user)
    assert county.post(reverse("fivegood:open"), {"year": YEAR}).status_code == 302
    for o, facts in ((ent, good_facts()), (inst, good_facts(survey_satisfied=30))):
        case = Case.objects.get(organization=o, assessment__year=YEAR)
        staff = make_user(role="secretary", organization=o)
        c = login(client, staff)
        assert c.get(reverse("fivegood:case", args=[case.pk])).status_code == 200
        assert c.post(reverse("fivegood:case_save", args=[case.pk]), post_form(facts)).status_code == 302
        assert c.post(reverse("fivegood:case_step", args=[case.pk, "submit"])).status_code == 302
        street = login(client, world.street_user)
        r = street.post(reverse("fivegood:case_step", args=[case.pk, "assess"]), post_form(facts))
        assert r.status_code == 302
        county = login(client, world.county_user)
        for step in ("approve", "publish"):
            assert county.post(reverse("fivegood:case_step", args=[case.pk, step])).status_code == 302
        case.refresh_from_db()
        assert case.state == CaseState.PUBLISHED
        assert [t.action for t in case.transitions.all()] == ["submit", "assess", "approve", "publish"]
    ent_result = FiveGoodResult.objects.get(organization=ent, year=YEAR)
    inst_result = FiveGoodResult.objects.get(organization=inst, year=YEAR)
    assert ent_result.passed is True and ent_result.standard_id == "shaoxing-county-2010-fivegood"
    assert inst_result.passed is False
    assert "满意率达到85%”未达到" in inst_result.explanation["text"]
    page = county.get(reverse("fivegood:published", args=[YEAR])).content.decode()
    assert "甲街道某企业党支部" in page and "甲街道某事业单位党支部" in page
    listing = county.get(reverse("fivegood:index") + f"?year={YEAR}").content.decode()
    assert "五好”基层党组织考评标准（示例）" in listing  # the standard by its title, not its file id
    assert "shaoxing-county-2010-fivegood" not in listing


def test_the_street_corrects_facts_only_with_a_reason(world: Any) -> None:
    ent = org(world.street_a, "enterprise")
    services.assessment_open(year=YEAR, by=world.county_user)
    case = Case.objects.select_related("organization", "assessment").get(organization=ent)
    services.case_save_facts(case=case, values=good_facts(), by=world.county_user)
    services.case_submit(case=case, by=world.county_user)
    with pytest.raises(services.FiveGoodError, match="理由"):
        services.case_assess(case=case, by=world.street_user, corrections={"mass_petitions": 1})
    services.case_assess(case=case, by=world.street_user, corrections={"mass_petitions": 1}, reason="核实有上访")
    case.refresh_from_db()
    assert case.facts["mass_petitions"] == 0 and case.assessed_facts["mass_petitions"] == 1
    assert case.result.passed is False


def test_one_assessment_per_year(world: Any) -> None:
    services.assessment_open(year=YEAR, by=world.county_user)
    with pytest.raises(services.FiveGoodError):
        services.assessment_open(year=YEAR, by=world.county_user)


def _publish(case: Case, facts: dict[str, Any], by: Any) -> None:
    services.case_save_facts(case=case, values=facts, by=by)
    services.case_submit(case=case, by=by)
    services.case_assess(case=case, by=by)
    services.case_approve(case=case, by=by)
    services.case_publish(case=case, by=by)


def test_the_dashboard_shows_the_targets_by_kind(world: Any, client: Any) -> None:
    # world.street_a has 2 communities already: add 3 → 5 communities, 3 pass = 60% met;
    # 4 institutions, 2 pass = 50% not met against 70%.
    comms = [world.a1, world.a2] + [make_community(parent=world.street_a) for _ in range(3)]
    insts = [org(world.street_a, "institution") for _ in range(4)]
    services.assessment_open(year=YEAR, by=world.county_user)
    for i, o in enumerate(comms):
        case = Case.objects.select_related("organization", "assessment").get(organization=o)
        _publish(case, good_facts() if i < 3 else good_facts(members_disciplined=1), world.county_user)
    for i, o in enumerate(insts):
        case = Case.objects.select_related("organization", "assessment").get(organization=o)
        _publish(case, good_facts() if i < 2 else good_facts(annual_goals_met=False), world.county_user)
    rows = {r.kind: r for r in queries.kind_rows(root=world.street_a, year=YEAR)}
    assert (rows["community"].total, rows["community"].passed, rows["community"].met) == (5, 3, True)
    assert (rows["institution"].total, rows["institution"].passed, rows["institution"].met) == (4, 2, False)
    assert rows["enterprise"].total == 0 and rows["enterprise"].met is None
    page = login(client, world.street_user).get(reverse("ratings:dashboard")).content.decode()
    assert 'id="fivegood-targets"' in page
    community_row = page.split('data-kind="community"')[1].split("</tr>")[0]
    assert '<td class="total">5</td>' in community_row and '<td class="passed">3</td>' in community_row
    assert '<td class="share">60%</td>' in community_row and '<td class="target">60%</td>' in community_row
    assert '<td class="met">达到</td>' in community_row
    inst_row = page.split('data-kind="institution"')[1].split("</tr>")[0]
    assert '<td class="share">50%</td>' in inst_row and '<td class="target">70%</td>' in inst_row
    assert '<td class="met">未达到</td>' in inst_row
    assert f'data-year="{YEAR}"' in page.split('id="fivegood-trend"')[1]


def test_a_secretary_cannot_assess_or_edit_another_organization(world: Any, client: Any) -> None:
    services.assessment_open(year=YEAR, by=world.county_user)
    other = Case.objects.get(organization=world.a2)
    own = Case.objects.get(organization=world.a1)
    c = login(client, world.secretary)
    assert c.get(reverse("fivegood:case", args=[other.pk])).status_code == 404
    assert c.post(reverse("fivegood:case_save", args=[other.pk]), post_form(good_facts())).status_code == 404
    assert c.post(reverse("fivegood:case_step", args=[own.pk, "assess"]), post_form(good_facts())).status_code == 404
    assert c.post(reverse("fivegood:case_step", args=[own.pk, "approve"])).status_code == 404


def test_a_member_sees_nothing(world: Any, client: Any) -> None:
    services.assessment_open(year=YEAR, by=world.county_user)
    own = Case.objects.get(organization=world.a1)
    c = login(client, world.member_user)
    assert c.get(reverse("fivegood:index")).status_code == 404
    assert c.get(reverse("fivegood:case", args=[own.pk])).status_code == 404
    assert not access.visible_cases(world.member_user).exists()


def test_ids_of_other_streets_answer_404(world: Any, client: Any) -> None:
    services.assessment_open(year=YEAR, by=world.county_user)
    b1 = Case.objects.get(organization=world.b1)
    c = login(client, world.street_user)
    assert c.get(reverse("fivegood:case", args=[b1.pk])).status_code == 404
    assert c.post(reverse("fivegood:case_step", args=[b1.pk, "assess"]), post_form(good_facts())).status_code == 404
    assert c.get(reverse("fivegood:case", args=[999999])).status_code == 404
    with pytest.raises(Http404):
        access.get_case_for_user(world.street_user, b1.pk)
    listed = c.get(reverse("fivegood:index")).content.decode()
    assert world.b1.name not in listed and world.a1.name in listed


def test_the_demo_publishes_last_year_and_runs_this_year() -> None:
    from pingxing.demo import load_demo_if_empty
    from pingxing.fivegood.models import Assessment

    today = timezone.localdate()
    load_demo_if_empty(today)
    last = Assessment.objects.get(year=today.year - 1)
    kinds = set(last.cases.values_list("organization__kind", flat=True))
    assert {"community", "enterprise", "institution"} <= kinds
    assert set(last.cases.values_list("state", flat=True)) == {CaseState.PUBLISHED}
    assert FiveGoodResult.objects.filter(year=today.year - 1, passed=True).exists()
    assert FiveGoodResult.objects.filter(year=today.year - 1, passed=False).exists()
    this = Assessment.objects.get(year=today.year)
    assert CaseState.PUBLISHED not in set(this.cases.values_list("state", flat=True))


def test_a_return_needs_a_reason_and_reopens_the_self_assessment(world: Any, client: Any) -> None:
    services.assessment_open(year=YEAR, by=world.county_user)
    case = Case.objects.select_related("organization", "assessment").get(organization=world.a1)
    services.case_save_facts(case=case, values=good_facts(), by=world.secretary)
    services.case_submit(case=case, by=world.secretary)
    c = login(client, world.street_user)
    assert c.post(reverse("fivegood:case_step", args=[case.pk, "return_org"]), {"reason": ""}).status_code == 400
    assert c.post(reverse("fivegood:case_step", args=[case.pk, "return_org"]),
                  {"reason": "党费数据待核"}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.RETURNED_TO_ORG
    page = login(client, world.secretary).get(reverse("fivegood:case", args=[case.pk])).content.decode()
    assert 'id="facts-form"' in page and "党费数据待核" in page and "领导班子好" in page


def test_the_list_page_reads_in_a_fixed_number_of_queries(world: Any, client: Any,
                                                        django_assert_max_num_queries: Any) -> None:
    for _ in range(6):
        org(world.street_a, "enterprise")
    services.assessment_open(year=YEAR, by=world.county_user)
    c = login(client, world.street_user)
    with django_assert_max_num_queries(12):
        response = c.get(reverse("fivegood:index"), {"year": YEAR})
    assert response.status_code == 200
    assert response.content.decode().count("/fivegood/case/") == 8


def test_the_self_assessment_starts_from_the_member_register(world: Any, client: Any) -> None:
    from factories import make_members

    ent = org(world.street_a, "enterprise", "甲街道登记企业党支部")
    make_members(organization=ent, count=7)
    login(client, world.county_user).post(reverse("fivegood:open"), {"year": YEAR})
    case = Case.objects.get(organization=ent, assessment__year=YEAR)
    c = login(client, make_user(role="secretary", organization=ent))
    page = c.get(reverse("fivegood:case", args=[case.pk])).content.decode()
    assert 'name="members_total" value="7"' in page and "按党员名册预填" in page


def test_the_api_lists_the_years_cases_with_verdicts_only_once_published(world: Any, client: Any) -> None:
    done, pending = org(world.street_a, "enterprise", "甲企业一"), org(world.street_a, "enterprise", "甲企业二")
    services.assessment_open(year=YEAR, by=world.county_user)
    case = Case.objects.select_related("organization", "assessment").get(organization=done)
    _publish(case, good_facts(), world.county_user)
    rows = {r["organization_name"]: r for r in
            login(client, world.street_user).get(f"/api/fivegood/{YEAR}/cases").json()}
    assert rows["甲企业一"]["passed"] is True and rows["甲企业一"]["state"] == "published"
    assert rows["甲企业二"]["passed"] is None
    assert pending.name in rows and all(r["kind"] for r in rows.values())
    other = make_user(role="street", organization=world.street_b)
    assert "甲企业一" not in {r["organization_name"] for r in login(client, other).get(
        f"/api/fivegood/{YEAR}/cases").json()}
    assert login(client, world.member_user).get(f"/api/fivegood/{YEAR}/cases").status_code == 404
