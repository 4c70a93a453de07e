"""On a phone: a member records a pledge fulfilment with a photo; the clerk approves it; the
member's page shows it approved; the organization's public pledge page lists the pledge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import PASSWORD, make_world

pytestmark = pytest.mark.usefixtures("transactional_db")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 256


def test_a_member_records_a_fulfilment_with_a_photo_on_a_phone(browser, live_server, settings, tmp_path):
    import datetime as dt

    from django.utils import timezone

    from pingxing.pledges import services
    from pingxing.pledges.models import Fulfilment, PledgeArea

    settings.REQUIRE_STAFF_2FA = False
    settings.MEDIA_ROOT = tmp_path
    year = timezone.localdate().year
    world = make_world()
    sheet = services.sheet_for_member(member=world.m_a1, year=year, by=world.member_user)
    for area, label in PledgeArea.choices:
        services.item_add(sheet=sheet, area=area, text=f"{label}：每月走访独居老人两次", due_date=dt.date(year, 12, 31),
                          by=world.member_user)
    services.sheet_submit(sheet=sheet, by=world.member_user)
    services.sheet_approve(sheet=sheet, by=world.clerk)
    services.sheet_publish(sheet=sheet, by=world.clerk)
    item = sheet.items.get(area="service")

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.member_user.username, PASSWORD)
    page.goto("/pledges/")
    expect(page.locator("#sheet-state")).to_have_text("已公开")
    entry = page.locator(f"#item-{item.pk}")
    entry.locator("summary").click()
    form = entry.locator("form.fulfil-form")
    form.locator("input[name=done_on]").fill(timezone.localdate().isoformat())
    form.locator("textarea[name=text]").fill("走访独居老人3户，帮助买药")
    form.locator("input[type=file]").set_input_files({"name": "走访.jpg", "mimeType": "image/jpeg", "buffer": JPEG})
    form.locator("button[type=submit]").click()
    expect(page.locator(".fulfilment").first).to_contain_text("待审核")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"my pledges page is wider than the phone: {width}px"
    context.close()
    fulfilment = Fulfilment.objects.get()
    assert fulfilment.evidence.name.endswith(".jpg") and "走访" not in fulfilment.evidence.name

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.clerk.username, PASSWORD)
    page.goto("/pledges/")
    page.click(f"#sheet-list a:has-text('{world.m_a1.name}')")
    page.locator(f"#fulfilment-{fulfilment.pk} button[value=approve]").click()
    expect(page.locator(f"#fulfilment-{fulfilment.pk} .fulfilment-state")).to_have_text("已认定")
    context.close()

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.member_user.username, PASSWORD)
    page.goto("/pledges/")
    expect(page.locator(f"#fulfilment-{fulfilment.pk}")).to_contain_text("走访独居老人3户，帮助买药")
    expect(page.locator(f"#fulfilment-{fulfilment.pk} .fulfilment-state")).to_have_text("已认定")
    screenshot(page, "pledges-phone-member")
    context.close()

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()  # anyone, no login
    page.goto(f"/pledges/public/{world.a1.pk}/")
    expect(page.locator(".public-pledge")).to_contain_text(world.m_a1.name)
    expect(page.locator(".public-pledge")).to_contain_text("联系服务群众：每月走访独居老人两次")
    context.close()
