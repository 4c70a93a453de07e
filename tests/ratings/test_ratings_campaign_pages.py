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


# --- Issue 8: no lost input, live and explicit review, confirmation of irreversible steps.

def _form(facts, **extra):
    """Facts as a browser posts them (identity fields are not on the form)."""
    data = {}
    for name, value in facts.items():
        if name in ("org_code", "org_name", "year"):
            continue
        data[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    data.update(extra)
    return data


EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_the_live_preview_autosaves_the_draft_with_the_declared_star(client, county):
    case = county.case(county.community)
    facts = samples.facts_for_star(3, county.community.code, 2010, seed=2)
    client.force_login(county.secretary)
    response = client.post(reverse("ratings:preview", args=[case.pk]), _form(facts, declared_star="4", declared_star_chosen="1"),
                           headers={"HX-Request": "true"})
    assert "已自动保存草稿" in response.content.decode()
    case.refresh_from_db()
    assert case.draft_facts["declared_star"] == 4
    assert case.draft_facts["disputes_total"] == facts["disputes_total"]
    page = client.get(reverse("ratings:declare", args=[case.pk])).content.decode()
    assert re.search(r'<option value="4"\s+selected', page)  # the chosen star comes back from the draft


def test_a_street_previewing_a_declaration_saves_no_draft(client, county):
    case = county.case(county.community)
    client.force_login(county.street_user)
    client.post(reverse("ratings:preview", args=[case.pk]), {"disputes_total": "3"})
    case.refresh_from_db()
    assert case.draft_facts == {}


def test_a_declared_star_above_the_computed_one_is_shown_with_a_warning_and_the_gaps(client, county):
    case = county.case(county.community)
    facts = samples.facts_for_star(2, county.community.code, 2010, seed=2)
    client.force_login(county.secretary)
    body = client.post(reverse("ratings:preview", args=[case.pk]),
                       _form(facts, declared_star="4", declared_star_chosen="1")).content.decode()
    assert 'id="declared-warning"' in body
    assert "申报星级（4星级）高于按现有事实计算的星级（2星级）" in body
    assert "3星级尚未达到" in body and "刑事发案总量和严重刑事犯罪活动得到有效控制" in body
    same = client.post(reverse("ratings:preview", args=[case.pk]),
                       _form(facts, declared_star="2", declared_star_chosen="1")).content.decode()
    assert 'id="declared-warning"' not in same


def test_an_evidence_upload_saves_the_typed_facts_and_sits_next_to_its_fact(client, county, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = county.case(county.community)
    facts = samples.facts_for_star(3, county.community.code, 2010, seed=2)
    client.force_login(county.secretary)
    upload = SimpleUploadedFile("治安情况说明.pdf", EVIDENCE_PDF, content_type="application/pdf")
    response = client.post(reverse("ratings:evidence_upload", args=[case.pk]), {
        **_form(facts, declared_star="3", declared_star_chosen="1"), "evidence_for": "major_criminal_cases",
        "evidence_file_major_criminal_cases": upload,
    })
    assert response.status_code == 302 and response.url == reverse("ratings:declare", args=[case.pk])
    case.refresh_from_db()
    identity = ("org_code", "org_name", "year", "declared_star")
    assert {k: v for k, v in case.draft_facts.items() if k not in identity} == {
        k: v for k, v in facts.items() if k not in identity}
    assert case.evidence.get().field == "major_criminal_cases"
    page = client.get(reverse("ratings:declare", args=[case.pk])).content.decode()
    fact_block = page[page.index('id="fact-major_criminal_cases"'):]
    fact_block = fact_block[:fact_block.index('<div class="fact"')]
    assert "治安情况说明.pdf" in fact_block


def test_a_long_evidence_name_keeps_its_extension_and_the_file_its_bytes(client, county, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = county.case(county.community)
    client.force_login(county.secretary)
    long_name = "关于" + "社区治安情况" * 60 + "的说明.pdf"
    upload = SimpleUploadedFile(long_name, EVIDENCE_PDF, content_type="application/pdf")
    client.post(reverse("ratings:evidence_upload", args=[case.pk]), {
        "evidence_for": "major_criminal_cases", "evidence_file_major_criminal_cases": upload})
    item = case.evidence.get()
    assert len(item.original_name) == 200 and item.original_name.endswith(".pdf")
    assert item.original_name.startswith("关于社区治安情况")
    assert item.file.name.endswith(".pdf") and "社区" not in item.file.name  # stored under a random name
    download = client.get(reverse("ratings:evidence", args=[item.pk]))
    assert b"".join(download.streaming_content) == EVIDENCE_PDF
    assert ".pdf" in download["Content-Disposition"]


def test_a_refused_upload_still_keeps_the_typed_facts(client, county, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = county.case(county.community)
    client.force_login(county.secretary)
    client.post(reverse("ratings:evidence_upload", args=[case.pk]),
                {"disputes_total": "12", "evidence_for": "disputes_total"})  # no file chosen
    case.refresh_from_db()
    assert case.draft_facts["disputes_total"] == 12 and not case.evidence.exists()


def _review_form(case, **extra):
    """The review form as the browser posts it: every fact with its current value."""
    latest = case.sheets.order_by("-number").first()
    data = {"c_" + k: v for k, v in _form(latest.facts).items()}
    data.update(extra)
    return data


def test_the_review_preview_recomputes_the_star_from_the_corrections(client, county):
    case = _declare(county, county.community, 4)
    client.force_login(county.street_user)
    body = client.post(reverse("ratings:review_preview", args=[case.pk]),
                       _review_form(case, c_major_criminal_cases="3")).content.decode()
    assert 'id="cmp-declared">4<' in body and 'id="cmp-declaration">4<' in body
    assert re.search(r'id="cmp-corrected" data-star="2">2<', body)
    assert "更正后星级由4星级变为2星级" in body
    page = client.get(reverse("ratings:assess", args=[case.pk])).content.decode()
    assert "按申报事实计算" in page and "按更正后事实计算" in page


def test_a_correction_without_a_reason_keeps_the_corrected_value_on_the_error_page(client, county):
    case = _declare(county, county.community, 4)
    client.force_login(county.street_user)
    response = client.post(reverse("ratings:assess", args=[case.pk]), _review_form(
        case, inspectors="考核组", findings="走访居民", c_major_criminal_cases="3", r_major_criminal_cases=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "须填写理由" in body
    assert re.search(r'name="c_major_criminal_cases" id="c-major_criminal_cases" value="3"', body)
    assert 'value="考核组"' in body and "走访居民" in body
    case.refresh_from_db()
    assert case.state == CaseState.DECLARED


def test_acceptance_asks_for_confirmation_before_it_is_recorded(client, county):
    case = _declare(county, county.community, 5)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    client.force_login(county.county_user)
    url = reverse("ratings:accept", args=[case.pk])
    first = client.post(url, _review_form(case, inspectors="验收组", inspection_date="2010-11-02")).content.decode()
    assert re.search(r'<dialog id="confirm-acceptance" class="confirm-dialog" open>', first)
    assert 'value="验收组"' in first
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED
    client.post(url, _review_form(case, inspectors="验收组", inspection_date="2010-11-02", confirmed="1"))
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED


def test_county_approval_shows_its_consequences_before_the_post(client, county):
    case = _declare(county, county.community, 2)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    client.force_login(county.county_user)
    page = client.get(reverse("ratings:case", args=[case.pk])).content.decode()
    assert re.search(rf'href="{reverse("ratings:step", args=[case.pk, "approve"])}" id="do-approve"', page)
    confirm = client.get(reverse("ratings:step", args=[case.pk, "approve"])).content.decode()
    assert "审定后评定为二星级，等待发文公布，不能再修改。" in confirm
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSED  # looking at the consequences changes nothing
    client.post(reverse("ratings:step", args=[case.pk, "approve"]))
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED and case.final_star == 2


def test_a_return_has_no_confirm_page(client, county):
    case = _declare(county, county.community, 2)
    client.force_login(county.street_user)
    assert client.get(reverse("ratings:step", args=[case.pk, "return_to_community"])).status_code == 404


def test_closing_the_notice_lists_the_objections_received(client, county):
    import datetime as dt

    from pingxing.ratings.models import Objection

    case = _declare(county, county.community, 5)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 2), inspectors="验收组", findings="")
    services.notice_start(case=case, by=county.county_user)
    Objection.objects.create(case=case, text="请核实")
    client.force_login(county.county_user)
    confirm = client.get(reverse("ratings:step", args=[case.pk, "close_notice"])).content.decode()
    assert "公示期满后评定为五星级" in confirm and "公示期间收到异议1件，其中1件尚未处理。" in confirm


def test_the_case_page_lists_the_evidence_and_every_version_of_the_facts(client, county, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = county.case(county.community)
    services.evidence_add(case=case, field="major_criminal_cases", by=county.secretary,
                          upload=SimpleUploadedFile("说明.pdf", EVIDENCE_PDF))
    facts = samples.facts_for_star(4, county.community.code, 2010, seed=2)
    services.declaration_submit(case=case, facts=facts, declared_star=4, by=county.secretary)
    services.assessment_submit(case=case, corrections={"major_criminal_cases": (3, "派出所记录有3起")},
                               by=county.street_user)
    client.force_login(county.county_user)
    page = client.get(reverse("ratings:case", args=[case.pk])).content.decode()
    evidence = page[page.index('id="case-evidence"'):]
    assert "说明.pdf" in evidence[:2000] and "重大刑事、治安案件数" in evidence[:2000]
    assert "第1版的全部事实" in page and "第2版的全部事实" in page
    assert page.count("本版更正") == 1  # the one corrected fact, marked in version 2
    assert "按现有事实计算" in page and "引擎评定" not in page


def test_no_page_template_says_the_engine_rated():
    from pathlib import Path

    import pingxing.ratings

    templates = Path(pingxing.ratings.__file__).parent / "templates" / "ratings"
    for name in ("case_detail.html", "declare.html", "review.html", "_verdict.html"):
        assert "引擎评定" not in (templates / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_language_menu_names_each_language_in_its_own_tongue(client, county, language):
    client.force_login(county.county_user)
    client.cookies["django_language"] = language
    page = client.get(reverse("ratings:campaigns"), headers={"Accept-Language": language}).content.decode()
    assert re.search(r'<option value="zh-hans" lang="zh-hans"[^>]*>简体中文</option>', page)
    assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', page)


def test_a_star_the_secretary_did_not_choose_is_not_kept_in_the_draft(client, county):
    case = county.case(county.community)
    client.force_login(county.secretary)
    client.post(reverse("ratings:preview", args=[case.pk]), {"disputes_total": "3", "declared_star": "2"})
    case.refresh_from_db()
    assert "declared_star" not in case.draft_facts  # the select only followed the live star
