"""On a phone with the network switched off: a grid worker types a visit with a photo and a
concern; the page keeps it on the phone and sends it when the network returns; it is saved once,
opens a prefilled case, and the household file shows it. The visit page also opens offline
(service worker)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import PASSWORD, make_user, make_world

pytestmark = pytest.mark.usefixtures("transactional_db")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_visit_typed_offline_is_sent_once_when_the_network_returns(browser, live_server, settings, tmp_path):
    from pingxing.grid import services
    from pingxing.grid.models import TeamRole, Visit

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
    home = services.household_create(grid=small, address="柯桥街道笛扬新村3幢2单元101室", building="3幢", by=w.secretary)
    services.household_create(grid=small, address="柯桥街道笛扬新村5幢1单元302室", building="5幢", by=w.secretary)
    category = services.case_catalogue().categories[0]

    context = browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, worker.username, PASSWORD)
    page.goto("/grid/visits/new/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the service worker, which keeps a copy of the page
    page.wait_for_function("navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    page.reload()  # the page opens without network
    expect(page.locator("#visit-form")).to_be_visible()
    page.fill("#household-search", "3幢")
    expect(page.locator(".household-option", has_text="5幢")).to_be_hidden()
    page.locator(".household-option", has_text="3幢").locator("input").check()
    page.fill("#id_heard", "独居老人反映楼道灯坏了，晚上出门不便")
    page.fill("#id_done", "已登记，联系物业")
    page.set_input_files("#id_photos", files=[{"name": "楼道.png", "mimeType": "image/png", "buffer": PNG}])
    page.locator("input[name=concern_text]").first.fill("楼道灯损坏")
    page.locator("select[name=concern_category]").first.select_option(category.code)
    page.click("#visit-submit")
    expect(page.locator("#queue-status")).to_have_text("已保存在手机上，联网后自动发送")
    screenshot(page, "grid-visit-offline-kept")
    assert Visit.objects.count() == 0

    context.set_offline(False)
    expect(page.locator("#queue-status")).to_have_text("已发送", timeout=25_000)
    visit = Visit.objects.get()
    assert visit.photos.count() == 1 and list(visit.households.all()) == [home]
    assert visit.recorded_by_id == worker.pk and visit.member_id == w.m_a1_other.pk
    assert [c.title for c in visit.cases.all()] == ["楼道灯损坏"]

    page.reload()  # the next page load sends nothing again
    page.wait_for_timeout(500)
    assert Visit.objects.count() == 1
    page.goto(f"/grid/households/{home.pk}/")
    expect(page.locator("#history")).to_contain_text("独居老人反映楼道灯坏了")
    context.close()
