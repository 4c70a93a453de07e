"""On a phone: a mass representative opens the slip's address, grades five members, submits and
sees the receipt; the same code is refused afterwards. A member votes in their account and
finds no way to grade themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import login

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluations"))
from evaluation_world import make_evaluation_world

from factories import PASSWORD

pytestmark = pytest.mark.usefixtures("transactional_db")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def _grade_all(page, grade_label: str) -> None:
    for fieldset in page.locator("fieldset.ballot-member").all():
        fieldset.get_by_label(grade_label, exact=True).check()


def test_a_mass_representative_and_a_member_vote_on_a_phone(browser, live_server, settings):
    from pingxing.evaluations import services

    settings.REQUIRE_STAFF_2FA = False
    world = make_evaluation_world(members=5)
    code = services.codes_issue(evaluation=world.evaluation, count_=1, by=world.secretary)[0]

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/evaluations/v/#{code}")
    expect(page.locator("#code")).to_have_value(code)  # filled from the slip's QR address
    assert "#" not in page.url  # and the code is gone from the address bar
    page.click("#code-form button")
    expect(page.locator("fieldset.ballot-member")).to_have_count(5)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the ballot is wider than the phone: {width}px"
    _grade_all(page, "优秀")
    page.locator("fieldset.ballot-member").first.locator("summary").click()
    page.locator("fieldset.ballot-member").first.get_by_label("长期不参加组织生活，不交纳党费").check()
    page.click("#cast-ballot")
    receipt = page.locator("#receipt-code")
    expect(receipt).to_be_visible()
    assert len(receipt.inner_text().replace("-", "")) == 16
    page.goto("about:blank")  # a fresh load, not a jump within the receipt page
    page.goto(f"/evaluations/v/#{code}")
    page.click("#code-form button")
    expect(page.locator("#code-error")).to_contain_text("已经投过票")
    context.close()

    voter = world.accounts[0]
    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, voter.username, PASSWORD)
    page.goto("/evaluations/")
    page.click("text=参加民主测评")
    names = page.locator("fieldset.ballot-member legend").all_inner_texts()
    assert world.members[0].name not in names and len(names) == 4
    _grade_all(page, "合格")
    page.click("#cast-ballot")
    expect(page.locator("#receipt-code")).to_be_visible()
    page.goto(f"/evaluations/{world.evaluation.pk}/ballot/")
    expect(page.locator("#already-voted")).to_be_visible()
    context.close()
