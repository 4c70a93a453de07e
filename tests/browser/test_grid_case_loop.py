"""The closed loop on the pages: a grid worker records a visit with a concern and a photo on a
phone; the visit opens a prefilled case; the community registers and dispatches it to the
worker, who acknowledges and reports the result; the community checks and closes it; the
follow-up is 不满意 and the case is back in handling, with every step on its timeline; the
household file shows the visit."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import PASSWORD, make_user, make_world

pytestmark = pytest.mark.usefixtures("transactional_db")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def _step(page, action: str, *, reason: str = "", target: str = "", satisfaction: str = "") -> None:
    form = page.locator(f"#action-{action}")
    expect(form).to_be_visible()
    if target:
        form.locator("select[name=target]").select_option(target)
    if satisfaction:
        form.locator("select[name=satisfaction]").select_option(satisfaction)
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")


def test_a_visit_concern_goes_round_the_loop_and_an_unsatisfied_follow_up_reopens_it(
        browser, live_server, settings, tmp_path):
    from pingxing.grid import services
    from pingxing.grid.models import ServiceCase, TeamRole, Visit

    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    w = make_world()
    services.team_roles_ensure()
    large = services.grid_create(community=w.a1, level="large", code="A", name="第一大网格", by=w.secretary)
    small = services.grid_create(community=w.a1, level="small", code="A-1", name="第一小网格", parent=large,
                                 by=w.secretary)
    worker = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    services.team_member_add(grid=small, role=TeamRole.objects.get(name="网格员"), member=w.m_a1_other, user=worker,
                             by=w.secretary)
    home = services.household_create(grid=small, address="柯桥街道笛扬新村3幢2单元101室", building="3幢",
                                     by=w.secretary)
    category = services.case_catalogue().categories[0]

    phone = browser.new_context(base_url=live_server.url, **PHONE)
    phone.set_default_timeout(15_000)
    worker_page = phone.new_page()
    login(worker_page, worker.username, PASSWORD)
    worker_page.goto("/grid/visits/new/")
    worker_page.locator(".household-option", has_text="3幢").locator("input").check()
    worker_page.fill("#id_heard", "居民反映楼道灯坏了，晚上出门不便")
    worker_page.set_input_files("#id_photos", files=[{"name": "楼道.png", "mimeType": "image/png", "buffer": PNG}])
    worker_page.locator("input[name=concern_text]").first.fill("楼道灯损坏")
    worker_page.locator("select[name=concern_category]").first.select_option(category.code)
    worker_page.click("#visit-submit")
    expect(worker_page.locator("#queue-status")).to_have_text("已发送", timeout=25_000)
    visit = Visit.objects.get()
    assert visit.photos.count() == 1
    case = ServiceCase.objects.get(visit=visit)
    # prefilled from the visit: its title, grid, household and community, opened by the worker
    assert (case.title, case.grid_id, case.household_id, case.community_id, case.source) == (
        "楼道灯损坏", small.pk, home.pk, w.a1.pk, "visit")
    assert "楼道灯坏了" in case.description

    office = browser.new_context(base_url=live_server.url)
    office.set_default_timeout(15_000)
    secretary_page = office.new_page()
    login(secretary_page, w.secretary.username, PASSWORD)
    secretary_page.goto(f"/grid/cases/{case.pk}/")
    _step(secretary_page, "register")
    _step(secretary_page, "dispatch", target=f"person:{worker.pk}")

    worker_page.goto(f"/grid/cases/{case.pk}/")
    _step(worker_page, "acknowledge")
    _step(worker_page, "feed_back", reason="已联系物业更换灯泡")
    screenshot(worker_page, "grid-case-fed-back")

    secretary_page.reload()
    _step(secretary_page, "check_pass")
    _step(secretary_page, "close")
    _step(secretary_page, "follow_up", satisfaction="dissatisfied", reason="居民说灯仍然时亮时灭")

    case.refresh_from_db()
    assert case.state == "handling" and case.reopen_count == 1 and case.satisfaction == "dissatisfied"
    assert list(case.steps.order_by("at", "pk").values_list("action", flat=True)) == [
        "receive", "register", "dispatch", "acknowledge", "feed_back", "check_pass", "close", "follow_up"]
    timeline = secretary_page.locator("#case-timeline")
    expect(timeline).to_contain_text("居民说灯仍然时亮时灭")
    expect(timeline).to_contain_text("已联系物业更换灯泡")
    # the reopened case is the worker's again
    worker_page.goto(f"/grid/cases/{case.pk}/")
    expect(worker_page.locator("#action-feed_back")).to_be_visible()

    worker_page.goto(f"/grid/households/{home.pk}/")
    expect(worker_page.locator("#history")).to_contain_text("居民反映楼道灯坏了")
    phone.close()
    office.close()
