"""Issue 8 in a real browser on a phone (390×844): nothing typed is lost, and the street
sees the star change with each correction before it submits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import screenshot
from factories import PASSWORD, make_community, make_county, make_street, make_user
from pingxing.ratings import samples, services

pytestmark = pytest.mark.usefixtures("transactional_db")

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EVIDENCE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _one_line(page: Any, locator: Any) -> bool:
    """The element's text stands on one line: no Chinese word broken mid-word."""
    return locator.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e);"
                            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size === 1; }")


def _in_view(page: Any, selector: str) -> bool:
    return page.evaluate(f"""() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }}""")


def test_typed_facts_survive_an_upload_and_a_reload_and_the_street_sees_the_star_change(
    open_page, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    county = make_county(name="绍兴县委组织部")
    street = make_street(parent=county, name="柯桥街道党工委")
    hutang = make_community(parent=street, name="湖塘社区党支部")
    county_user = make_user(role="county", organization=county, username="county_office")
    campaign = services.campaign_open(
        year=2010, by=county_user, declaration_deadline=dt.date(2010, 9, 30),
        assessment_deadline=dt.date(2010, 10, 31), county_deadline=dt.date(2010, 11, 30),
    )
    secretary_user = make_user(role="secretary", organization=hutang, username="hutang_secretary")
    street_user = make_user(role="street", organization=street, username="street_assessor")
    case = campaign.cases.get(organization=hutang)
    facts = samples.facts_for_star(4, hutang.code, 2010, seed=1)
    services.declaration_save_draft(case=case, facts={**facts, "disputes_total": 10, "disputes_mediated": 10,
                                                      "disputes_resolved": 10}, by=secretary_user)

    # --- The secretary on her phone types two facts, then uploads evidence without saving.
    secretary = open_page(username=secretary_user.username, password=PASSWORD, **PHONE)
    secretary.goto(f"/ratings/case/{case.pk}/declare/")
    secretary.fill("#f-disputes_total", "40")
    secretary.fill("#f-disputes_mediated", "40")
    secretary.fill("#f-disputes_resolved", "39")
    # The live star and 提交申报 stay on screen while she types, far down the form.
    assert _in_view(secretary, "#sticky-star") and _in_view(secretary, "#submit-declaration")
    fact = secretary.locator("#fact-major_criminal_cases")
    fact.locator("summary", has_text="证明材料").click()
    secretary.set_input_files("#ev-file-major_criminal_cases", files=[{
        "name": "湖塘社区治安情况说明.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE_PDF}])
    secretary.click("#ev-upload-major_criminal_cases")
    expect(secretary.locator(".messages")).to_contain_text("证明材料已上传。")
    expect(fact.locator(".fact-evidence")).to_contain_text("湖塘社区治安情况说明.pdf")  # next to its fact
    for selector, value in (("#f-disputes_total", "40"), ("#f-disputes_mediated", "40"),
                            ("#f-disputes_resolved", "39")):
        expect(secretary.locator(selector)).to_have_value(value)
    secretary.reload()
    for selector, value in (("#f-disputes_total", "40"), ("#f-disputes_mediated", "40"),
                            ("#f-disputes_resolved", "39")):
        expect(secretary.locator(selector)).to_have_value(value)
    assert secretary.evaluate("[window.innerWidth, document.documentElement.scrollWidth]") == [390, 390]
    screenshot(secretary, "no-lost-input-1-declare-phone")

    # Autosave: a value typed and left is in the draft without any button.
    secretary.fill("#f-disputes_resolved", "38")
    secretary.press("#f-disputes_resolved", "Tab")
    expect(secretary.locator("#autosave-status")).to_contain_text("已自动保存草稿")
    case.refresh_from_db()
    assert case.draft_facts["disputes_resolved"] == 38
    # A declared star above the computed one is allowed, with a warning and the gaps.
    secretary.select_option("#declared_star", "5")
    expect(secretary.locator("#declared-warning")).to_contain_text("高于按现有事实计算的星级")
    secretary.wait_for_timeout(1500)  # the debounced autosave (1 s after the last input event)
    secretary.reload()
    expect(secretary.locator("#declared_star")).to_have_value("5")  # kept in the draft
    secretary.fill("#f-disputes_resolved", "40")  # every dispute resolved after all: four stars
    secretary.press("#f-disputes_resolved", "Tab")
    expect(secretary.locator("#sticky-star")).to_have_text("4星级")
    secretary.select_option("#declared_star", "4")
    expect(secretary.locator("#declared-warning")).to_have_count(0)
    secretary.wait_for_timeout(1500)  # the debounced autosave
    secretary.once("dialog", lambda dialog: dialog.accept())
    secretary.click("#submit-declaration")
    secretary.wait_for_url(f"**/ratings/case/{case.pk}/")
    expect(secretary.locator("#case-state")).to_have_text("已申报，待街道考核")

    # --- The header on a phone: no word broken mid-word.
    for link in ("修改密码", "退出"):
        item = secretary.locator(".userbox").get_by_text(link, exact=True)
        assert _one_line(secretary, item), link
    expect(secretary.locator(".lang option[value=en]")).to_have_text("English")
    expect(secretary.locator(".lang option[value=zh-hans]")).to_have_text("简体中文")
    secretary.locator(".topbar").screenshot(path=str(tmp_path / "header.png"))
    screenshot(secretary, "no-lost-input-2-case-header-phone")

    # --- The street corrects a fact on its phone and sees the star change before submitting.
    assessor = open_page(username=street_user.username, password=PASSWORD, **PHONE)
    assessor.goto(f"/ratings/case/{case.pk}/assess/")
    expect(assessor.locator("#cmp-declared")).to_have_text("4")
    expect(assessor.locator("#cmp-declaration")).to_have_text("4")
    expect(assessor.locator("#cmp-corrected")).to_have_text("4")
    assessor.fill("#inspectors", "柯桥街道考核组")
    assessor.fill("#c-major_criminal_cases", "3")
    assessor.press("#c-major_criminal_cases", "Tab")
    expect(assessor.locator("#cmp-corrected")).to_have_text("2")
    expect(assessor.locator("#review-sticky-star")).to_have_text("2星级")
    expect(assessor.locator("#star-changed")).to_contain_text("更正后星级由4星级变为2星级")
    # The wide table scrolls sideways; the reason box at its end can be reached and typed in.
    reason = assessor.locator("#r-major_criminal_cases")
    reason.scroll_into_view_if_needed()
    expect(reason).to_be_visible()
    assert assessor.evaluate("[window.innerWidth, document.documentElement.scrollWidth]") == [390, 390]
    # Submitted without a reason: refused, and the corrected value is still on the page.
    assessor.click("#submit-review")
    expect(assessor.locator(".messages")).to_contain_text("请更正标红的项目。")
    expect(assessor.locator("#c-major_criminal_cases")).to_have_value("3")
    expect(assessor.locator("#inspectors")).to_have_value("柯桥街道考核组")
    expect(assessor.locator("#cmp-corrected")).to_have_text("2")
    screenshot(assessor, "no-lost-input-3-review-phone")
    reason.fill("派出所记录有3起重大案件")
    assessor.click("#submit-review")
    assessor.wait_for_url(f"**/ratings/case/{case.pk}/")
    expect(assessor.locator("#assessed-star")).to_have_text("2")
    expect(assessor.locator("#case-evidence")).to_contain_text("湖塘社区治安情况说明.pdf")
    screenshot(assessor, "no-lost-input-4-case-phone")
