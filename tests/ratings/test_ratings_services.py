"""The campaign's steps against the database: stars come from the engine."""

from __future__ import annotations

import datetime as dt

import pytest

from pingxing.ratings import samples, services, workflow
from pingxing.ratings.models import CaseState, FactCorrection, StarResult, Transition


def _declare(county, org, star):
    case = county.case(org)
    facts = samples.facts_for_star(star, org.code, 2010, seed=1)
    services.declaration_submit(case=case, facts=facts, declared_star=star, by=county.secretary)
    return case


def test_opening_a_campaign_makes_a_draft_case_per_community(county):
    cases = county.campaign.cases.all()
    assert {c.organization for c in cases} == {county.community, county.neighbour, county.far_community}
    assert all(c.state == CaseState.DRAFT for c in cases)


def test_declaration_freezes_a_version_with_the_engine_star(county):
    case = _declare(county, county.community, 3)
    sheet = case.sheets.get()
    assert (case.state, sheet.star, case.declared_star) == (CaseState.DECLARED, 3, 3)
    with pytest.raises(workflow.WorkflowError):
        services.declaration_save_draft(case=case, facts={}, by=county.secretary)


def test_invalid_facts_are_refused_with_the_field_named_and_nothing_saved(county):
    case = county.case(county.community)
    facts = samples.facts_for_star(3, "x", 2010)
    facts["disputes_mediated"] = facts["disputes_total"] + 1
    with pytest.raises(services.InvalidFacts) as raised:
        services.declaration_submit(case=case, facts=facts, declared_star=3, by=county.secretary)
    assert "disputes_mediated" in {e["field"] for e in raised.value.errors}
    case.refresh_from_db()
    assert case.state == CaseState.DRAFT and not case.sheets.exists()


def test_a_street_correction_keeps_both_values_and_the_engine_sets_the_star(county):
    case = _declare(county, county.community, 4)
    sheet = services.assessment_submit(
        case=case, by=county.street_user,
        corrections={"governance_office_level": (1, "实地检查未达县级示范标准")},
    )
    correction = FactCorrection.objects.get(sheet=sheet)
    assert (correction.declared_value, correction.corrected_value) == (2, 1)
    assert correction.reason == "实地检查未达县级示范标准"
    case.refresh_from_db()
    # 三星级 needs 综治工作室 at 县级示范标准 (level 2); level 1 meets only 1–2 stars.
    assert case.assessed_star == sheet.star == 2
    assert case.sheets.count() == 2  # the declaration is still there


def test_a_correction_without_a_reason_is_refused(county):
    case = _declare(county, county.community, 4)
    with pytest.raises(services.InvalidFacts):
        services.assessment_submit(case=case, by=county.street_user,
                                   corrections={"governance_office_level": (1, "")})
    case.refresh_from_db()
    assert case.state == CaseState.DECLARED


def test_two_star_case_through_approval_and_publication(county):
    case = _declare(county, county.community, 2)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.case_approve(case=case, by=county.county_user)
    publication = services.campaign_publish(
        campaign=county.campaign, doc_number="绍县评星办〔2010〕1号", title="评定结果",
        issued_on=dt.date(2010, 12, 20), by=county.county_user,
    )
    result = StarResult.objects.get(organization=county.community, year=2010)
    assert (result.star, result.publication, result.change) == (2, publication, "new")
    case.refresh_from_db()
    assert case.state == CaseState.PUBLISHED


def test_returned_case_is_corrected_and_resubmitted_and_the_timeline_keeps_everything(county):
    case = _declare(county, county.community, 3)
    services.case_return(case=case, reason="缺少居务公开档案证明", by=county.street_user, part=workflow.Part.STREET)
    case.refresh_from_db()
    assert case.state == CaseState.RETURNED_TO_COMMUNITY
    services.declaration_submit(case=case, facts=samples.facts_for_star(3, "x", 2010, seed=2),
                                declared_star=3, by=county.secretary)
    actions = list(Transition.objects.filter(case=case).values_list("action", "reason"))
    assert actions == [("declare", ""), ("return_to_community", "缺少居务公开档案证明"), ("declare", "")]
    assert case.sheets.count() == 2


def test_four_star_case_needs_notice_and_answers_to_every_objection(county):
    case = _declare(county, county.community, 5)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 10), inspectors="张三、李四", findings="属实")
    services.notice_start(case=case, by=county.county_user, starts_on=dt.date(2010, 11, 15))
    assert case.notice_ends_on == dt.date(2010, 11, 19)
    objection = services.objection_file(case=case, contact="13900000000", text="公开栏未更新", ip_address="10.0.0.1")
    with pytest.raises(workflow.WorkflowError, match="异议未处理"):
        services.notice_close(case=case, by=county.county_user, today=dt.date(2010, 11, 22))
    services.objection_respond(objection=objection, response="经核实已更新", upheld=False, by=county.county_user)
    services.notice_close(case=case, by=county.county_user, today=dt.date(2010, 11, 22))
    case.refresh_from_db()
    assert case.state == CaseState.NOTICE_DONE


def test_an_upheld_objection_sends_the_case_back_to_acceptance(county):
    case = _declare(county, county.community, 5)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 10), inspectors="验收组", findings="")
    services.notice_start(case=case, by=county.county_user)
    objection = services.objection_file(case=case, contact="x@example.cn", text="发生过命案", ip_address="10.0.0.2")
    services.objection_respond(objection=objection, response="情况属实", upheld=True, by=county.county_user)
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED


def test_objections_are_rate_limited_per_client(county):
    case = _declare(county, county.community, 5)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 10), inspectors="验收组", findings="")
    services.notice_start(case=case, by=county.county_user)
    for i in range(services.OBJECTIONS_PER_CLIENT_PER_HOUR):
        services.objection_file(case=case, contact="c", text=f"第{i}条", ip_address="10.9.9.9")
    with pytest.raises(services.ObjectionRefused, match="频繁"):
        services.objection_file(case=case, contact="c", text="再来", ip_address="10.9.9.9")
    services.objection_file(case=case, contact="c", text="别人", ip_address="10.9.9.8")


def test_acceptance_that_finds_fewer_than_four_stars_approves_at_that_star(county):
    case = _declare(county, county.community, 4)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, by=county.county_user, inspection_date=dt.date(2010, 11, 10),
                               inspectors="验收组", findings="综治工作室未达标",
                               corrections={"governance_office_level": (1, "未达县级示范标准")})
    case.refresh_from_db()
    assert (case.state, case.final_star) == (CaseState.APPROVED, 2)


def test_a_stale_page_cannot_move_a_case_someone_else_moved(county):
    case = _declare(county, county.community, 2)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    stale = county.case(county.community)
    services.case_approve(case=case, by=county.county_user)
    with pytest.raises(services.CaseChanged):
        services.case_return(case=stale, reason="晚了一步", by=county.county_user, part=workflow.Part.COUNTY)
    assert Transition.objects.filter(case=case, action="approve").count() == 1
