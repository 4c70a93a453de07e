"""Issue 4 in a real browser: the year's 评星晋级 campaign as the people who run it see it.

Each person works in their own browser context (own login) side by side: the community
secretary declares, the street assesses, the county office accepts, approves and
publishes, and an anonymous resident on a phone files an objection on the public notice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import screenshot
from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.ratings import engine, samples, services
from pingxing.ratings.models import CaseState, RatingCase, StarResult

pytestmark = pytest.mark.usefixtures("transactional_db")

YEAR = 2010
DOC_NUMBER = "绍县评星办〔2010〕9号"
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
# A tiny but genuine-looking PDF: the upload checks the first bytes against the extension.
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass
class World:
    street: Any
    hutang: Any  # the four-star community
    diyang: Any  # the two-star community
    county_user: Any
    street_user: Any
    hutang_secretary: Any
    diyang_secretary: Any
    campaign: Any

    def case(self, org: Any) -> RatingCase:
        return self.campaign.cases.get(organization=org)


def _world() -> World:
    county = make_county(name="绍兴县委组织部")
    street = make_street(parent=county, name="柯桥街道党工委")
    hutang = make_community(parent=street, name="湖塘社区党支部")
    diyang = make_community(parent=street, name="笛扬社区党支部")
    county_user = make_user(role="county", organization=county, username="county_office")
    campaign = services.campaign_open(
        year=YEAR, by=county_user, declaration_deadline=dt.date(YEAR, 9, 30),
        assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30),
    )
    return World(
        street=street, hutang=hutang, diyang=diyang, county_user=county_user,
        street_user=make_user(role="street", organization=street, username="street_assessor"),
        hutang_secretary=make_user(role="secretary", organization=hutang, username="hutang_secretary"),
        diyang_secretary=make_user(role="secretary", organization=diyang, username="diyang_secretary"),
        campaign=campaign,
    )


def _draft(world: World, org: Any, facts: dict[str, Any], secretary: Any) -> RatingCase:
    """What the secretary typed on earlier days, kept as a draft (the form has ~60 facts)."""
    case = world.case(org)
    services.declaration_save_draft(case=case, facts=facts, by=secretary)
    return case


def _as(open_page, user: Any, **options: Any) -> Any:
    return open_page(username=user.username, password=PASSWORD, **options)


def _submit_declaration(page: Any, case: RatingCase, declared_star: int) -> None:
    page.select_option("#declared_star", str(declared_star))
    page.once("dialog", lambda dialog: dialog.accept())  # "提交后将冻结本版本事实，确定提交吗？"
    page.click("#submit-declaration")
    page.wait_for_url(f"**/ratings/case/{case.pk}/")
    expect(page.locator("#case-state")).to_have_text("已申报，待街道考核")


def _step(page: Any, case: RatingCase, button: str, state: str) -> None:
    """Click one of the case page's step buttons and wait for the new state."""
    page.goto(f"/ratings/case/{case.pk}/")
    page.click(button)
    # Irreversible steps first show their consequences on a confirm page (issue 8).
    page.click(button.replace("#do-", "#confirm-"))
    page.wait_for_url(f"**/ratings/case/{case.pk}/")
    expect(page.locator("#case-state")).to_have_text(state)


def _download(page: Any, selector: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_four_star_case_with_objection_and_two_star_case_through_approval_are_published(
    open_page, monkeypatch, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    # The objection form refuses a post sent within seconds of the page (bots); the
    # visitor below types quickly, so the minimum is lifted rather than slept through.
    monkeypatch.setattr(services, "MIN_SECONDS_ON_FORM", 0)
    world = _world()
    four = samples.facts_for_star(4, world.hutang.code, YEAR, seed=1)
    # The draft still says there were major criminal cases: that caps it at two stars.
    spoiled = {**four, "major_criminal_cases": 3}
    assert engine.judge(spoiled).star == 2
    case4 = _draft(world, world.hutang, spoiled, world.hutang_secretary)
    two = samples.facts_for_star(2, world.diyang.code, YEAR, seed=2)
    case2 = _draft(world, world.diyang, two, world.diyang_secretary)

    # --- The 湖塘 secretary: evidence, a corrected fact, the live star, submission.
    secretary = _as(open_page, world.hutang_secretary)
    secretary.goto(f"/ratings/case/{case4.pk}/declare/")
    star_now = secretary.locator("#verdict .stars")
    expect(star_now).to_have_text("2星级")
    expect(secretary.locator("#verdict")).to_contain_text("距3星级的差距")
    # Evidence is attached next to the fact it proves (issue 8).
    secretary.locator("#fact-major_criminal_cases summary", has_text="证明材料").click()
    secretary.set_input_files("#ev-file-major_criminal_cases", files=[{
        "name": "湖塘社区治安情况说明.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}])
    secretary.click("#ev-upload-major_criminal_cases")
    expect(secretary.locator(".messages")).to_contain_text("证明材料已上传。")
    uploaded = secretary.locator(".evidence-list li")
    expect(uploaded).to_have_count(1)
    expect(uploaded).to_contain_text("湖塘社区治安情况说明.pdf")
    expect(uploaded).to_contain_text("重大刑事、治安案件数")  # the fact it proves, in Chinese

    secretary.fill("#f-major_criminal_cases", "0")
    secretary.press("#f-major_criminal_cases", "Tab")  # the change event: htmx asks the engine
    expect(star_now).to_have_text("4星级")
    # The gap to five stars is the one fact facts_for_star spoiled, in the standard's words.
    expect(secretary.locator("#verdict")).to_contain_text("距5星级的差距")
    expect(secretary.locator("#verdict .gaps")).to_contain_text("党员先锋模范作用明显")
    # The declared star follows the live star until the secretary chooses one herself.
    expect(secretary.locator("#declared_star")).to_have_value("4")
    screenshot(secretary, "campaign-1-declare-live-star")
    _submit_declaration(secretary, case4, 4)
    expect(secretary.locator(".messages")).to_contain_text("自评申报已提交")

    # --- The street assessor corrects one fact, with a reason; the engine keeps 4 stars.
    street = _as(open_page, world.street_user)
    street.goto(f"/ratings/case/{case4.pk}/")
    street.click("#go-assess")
    street.wait_for_url(f"**/ratings/case/{case4.pk}/assess/")
    evidence = street.locator(".evidence-list li")
    expect(evidence).to_contain_text("湖塘社区治安情况说明.pdf")
    with street.expect_download() as info:
        evidence.get_by_role("link").click()
    assert Path(info.value.path()).read_bytes() == EVIDENCE_PDF
    street.fill("#inspection_date", f"{YEAR}-10-12")
    street.fill("#inspectors", "柯桥街道考核组")
    street.fill("#findings", "查阅台账，走访居民。")
    street.select_option("#c-civilized_community_level", "province")
    street.fill("#r-civilized_community_level", "文明社区证书为省级，非全国")
    street.click("#submit-review")
    street.wait_for_url(f"**/ratings/case/{case4.pk}/")
    expect(street.locator("#case-state")).to_have_text("街道已考核，待县审定/验收")
    expect(street.locator("#assessed-star")).to_have_text("4")
    # Both values are kept and shown, worded as on the form.
    correction = street.locator("tr.correction td")
    expect(correction).to_have_text(["文明社区（已成功创建的最高级别）", "全国", "省级",
                                     "文明社区证书为省级，非全国"])
    screenshot(street, "campaign-1b-case-assessed")

    # The 笛扬 case: declared as drafted, assessed without a change.
    secretary2 = _as(open_page, world.diyang_secretary)
    secretary2.goto(f"/ratings/case/{case2.pk}/declare/")
    expect(secretary2.locator("#verdict .stars")).to_have_text("2星级")
    _submit_declaration(secretary2, case2, 2)
    street.goto(f"/ratings/case/{case2.pk}/assess/")
    street.fill("#inspection_date", f"{YEAR}-10-13")
    street.fill("#inspectors", "柯桥街道考核组")
    street.click("#submit-review")
    street.wait_for_url(f"**/ratings/case/{case2.pk}/")
    expect(street.locator("#assessed-star")).to_have_text("2")
    expect(street.locator("tr.correction")).to_have_count(0)

    # --- The county office: approval for two stars (no acceptance, no notice) ...
    county = _as(open_page, world.county_user)
    county.goto(f"/ratings/case/{case2.pk}/")
    expect(county.locator("#go-accept")).to_have_count(0)
    _step(county, case2, "#do-approve", "县已审定，待发文")
    expect(county.locator("#final-star")).to_have_text("2")

    # ... acceptance and public notice for four.
    county.goto(f"/ratings/case/{case4.pk}/")
    expect(county.locator("#do-approve")).to_have_count(0)
    county.click("#go-accept")
    county.wait_for_url(f"**/ratings/case/{case4.pk}/accept/")
    county.fill("#inspection_date", f"{YEAR}-11-02")
    county.fill("#inspectors", "县评星办验收组：张明、李华")
    county.fill("#findings", "实地查看活动阵地和台账，与申报一致。")
    county.click("#submit-review")
    expect(county.locator("#confirm-acceptance")).to_contain_text("不能再修改")  # issue 8: confirm first
    county.click("#confirm-review")
    county.wait_for_url(f"**/ratings/case/{case4.pk}/")
    expect(county.locator("#case-state")).to_have_text("已验收，待公示")
    _step(county, case4, "#do-start_notice", "公示中")
    expect(county.get_by_text("公示期：")).to_be_visible()

    # --- An anonymous resident on a phone: the notice, then an objection.
    resident = open_page(**PHONE)
    resident.goto("/public/notice/")
    entry = resident.locator(f"#case-{case4.pk}")
    expect(entry.get_by_role("heading", name="湖塘社区党支部")).to_be_visible()
    expect(entry).to_contain_text("柯桥街道党工委")
    expect(entry.locator(".star")).to_have_text("四星级")
    expect(entry).to_contain_text("省级")  # the assessed value of 文明社区, not the declared one
    assert "笛扬社区党支部" not in resident.content()  # two stars: no notice
    assert resident.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    screenshot(resident, "campaign-2-public-notice-phone")
    entry.get_by_role("link", name="对该组织提出异议").click()
    resident.wait_for_url(f"**/public/notice/{case4.pk}/")
    resident.fill("#contact", "13957500000")
    resident.fill("#text", "听说该社区今年发生过一起重大治安案件，请核实。")
    resident.get_by_role("button", name="提交异议").click()
    resident.wait_for_url("**/public/objection/receipt/")
    expect(resident.locator("#receipt")).to_contain_text("您对湖塘社区党支部的异议已收到")
    expect(resident.locator("#receipt-code")).to_be_in_viewport()  # a phone shows the receipt at once
    receipt_code = resident.locator("#receipt-code").inner_text()
    assert "13957500000" not in resident.content()

    # --- The county office answers the objection on the case page.
    county.goto(f"/ratings/case/{case4.pk}/")
    objection = county.locator("tr", has_text="请核实")
    expect(objection).to_contain_text("13957500000")
    objection.locator("textarea[name=response]").fill("经公安派出所核实，该案件发生在相邻社区，异议不成立。")
    objection.get_by_role("button", name="记录处理意见").click()
    county.wait_for_url(f"**/ratings/case/{case4.pk}/")
    expect(county.locator(".messages")).to_contain_text("异议处理意见已记录。")
    answered = county.locator("tr", has_text="请核实")
    expect(answered.locator(".tag")).to_have_text("异议不成立")
    expect(answered).to_contain_text("该案件发生在相邻社区")

    # --- The resident, with the receipt code only, reads the answer on the phone.
    resident.goto("/public/objection/status/")
    resident.fill("#code", receipt_code)
    resident.get_by_role("button", name="查询").click()
    expect(resident.locator("#status-state")).to_have_text("已答复")
    expect(resident.locator("#status-response")).to_contain_text("该案件发生在相邻社区")
    expect(resident.locator("#status-outcome")).to_contain_text("异议不成立")

    # The notice cannot end early: no button until the period is over ...
    county.goto(f"/ratings/case/{case4.pk}/")
    expect(county.locator("#case-state")).to_have_text("公示中")
    expect(county.locator("#do-close_notice")).to_have_count(0)
    # ... five working days pass (nobody can wait them out in a test) ...
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    RatingCase.objects.filter(pk=case4.pk).update(notice_ends_on=yesterday)
    _step(county, case4, "#do-close_notice", "公示结束，待发文")

    # --- Publication: both cases in one document, downloaded as DOCX and PDF.
    county.goto(f"/ratings/{YEAR}/publish/")
    table = county.locator("#publishable-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tr", has_text="湖塘社区党支部")).to_contain_text("4★")
    expect(table.locator("tr", has_text="笛扬社区党支部")).to_contain_text("2★")
    # 成文日期 comes filled in with today, in the form a date input accepts.
    expect(county.locator("#id_issued_on")).to_have_value(timezone.localdate().isoformat())
    county.fill("#id_doc_number", DOC_NUMBER)
    # Issuing is irreversible: first a preview of the document and the list, then the confirmation.
    county.click("#do-preview")
    expect(county.locator("#document-preview")).to_be_visible()
    county.click("#do-publish")
    county.wait_for_url(re.compile(r"/ratings/publication/\d+/$"))
    expect(county.locator(".messages")).to_contain_text("已发文公布。")
    expect(county.get_by_text(DOC_NUMBER)).to_be_visible()
    results = county.locator("#results-table tbody tr")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("湖塘社区党支部")
    expect(results.nth(0)).to_contain_text("四星级")
    expect(results.nth(1)).to_contain_text("笛扬社区党支部")
    expect(results.nth(1)).to_contain_text("二星级")
    screenshot(county, "campaign-3-publication")

    docx_name, docx_bytes = _download(county, "#download-docx")
    assert docx_name.endswith(".docx")
    document = Document(io.BytesIO(docx_bytes))
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {"湖塘社区党支部", "笛扬社区党支部", "四星级", "二星级"} <= cells
    assert any(DOC_NUMBER in p.text for p in document.paragraphs)

    pdf_name, pdf_bytes = _download(county, "#download-pdf")
    assert pdf_name.endswith(".pdf")
    assert pdf_bytes.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)
    for expected in ("湖塘社区党支部", "笛扬社区党支部", DOC_NUMBER):
        assert expected in text

    assert dict(StarResult.objects.filter(year=YEAR).values_list("organization__name", "star")) == {
        "湖塘社区党支部": 4, "笛扬社区党支部": 2}
    assert set(RatingCase.objects.filter(pk__in=[case4.pk, case2.pk]).values_list("state", flat=True)) == {
        CaseState.PUBLISHED}

    # The secretary finds the whole way on the case page.
    secretary.goto(f"/ratings/case/{case4.pk}/")
    expect(secretary.locator("#final-star")).to_have_text("4")
    expect(secretary.locator("#timeline li")).to_have_text(
        [re.compile(label) for label in ("提交自评申报", "提交街道考核评定", "县验收通过", "开始公示",
                                          "公示期满", "发文公布")])


def test_street_returns_a_declaration_with_a_reason_and_the_secretary_resubmits(
    open_page, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    world = _world()
    three = samples.facts_for_star(3, world.hutang.code, YEAR, seed=3)
    # The secretary forgot that the supervision committee is fully built (5).
    case = _draft(world, world.hutang, {**three, "supervision_committee_level": 4}, world.hutang_secretary)
    reason = "居务监督委员会已全面建成，请按实际填写并补充材料。"

    secretary = _as(open_page, world.hutang_secretary)
    secretary.goto(f"/ratings/case/{case.pk}/declare/")
    declared_star = int(secretary.locator("#verdict .stars").get_attribute("data-star"))
    _submit_declaration(secretary, case, declared_star)

    street = _as(open_page, world.street_user)
    street.goto(f"/ratings/case/{case.pk}/")
    street.fill("#reason-return_to_community", reason)
    street.click("#do-return_to_community")
    street.wait_for_url(f"**/ratings/case/{case.pk}/")
    expect(street.locator("#case-state")).to_have_text("退回社区修改")
    expect(street.locator("#go-assess")).to_have_count(0)

    secretary.goto(f"/ratings/case/{case.pk}/")
    expect(secretary.locator("#case-state")).to_have_text("退回社区修改")
    returned = secretary.locator("#timeline li").nth(1)
    expect(returned).to_contain_text("退回社区修改")
    expect(returned).to_contain_text("street_assessor")
    expect(returned.locator(".reason")).to_have_text(f"理由：{reason}")
    secretary.get_by_role("link", name="填写自评申报").click()
    secretary.wait_for_url(f"**/ratings/case/{case.pk}/declare/")
    # The draft is what was submitted: nothing was lost by the return.
    expect(secretary.locator("#f-supervision_committee_level")).to_have_value("4")
    secretary.select_option("#f-supervision_committee_level", "5")
    _submit_declaration(secretary, case, declared_star)

    expect(secretary.locator("#timeline li")).to_have_text([
        re.compile("提交自评申报.*hutang_secretary"),
        re.compile(f"退回社区修改.*street_assessor.*{reason}"),
        re.compile("提交自评申报.*hutang_secretary"),
    ])
    screenshot(secretary, "campaign-4-case-timeline")
    # Both versions are kept: the first (returned) and the corrected one.
    versions = secretary.locator("details.sheet > summary")
    expect(versions).to_have_count(2)
    case.refresh_from_db()
    first, second = case.sheets.order_by("number")
    assert (first.facts["supervision_committee_level"], second.facts["supervision_committee_level"]) == (4, 5)

    # The street now finds the corrected declaration to assess.
    street.goto(f"/ratings/case/{case.pk}/")
    expect(street.locator("#case-state")).to_have_text("已申报，待街道考核")
    expect(street.locator("#go-assess")).to_be_visible()
