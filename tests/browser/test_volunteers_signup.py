"""On a phone: a member signs up for a volunteer activity; the secretary (its organizer)
confirms the hours; the member's 我的志愿服务 page shows them in the year's total."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import PASSWORD, make_world

pytestmark = pytest.mark.usefixtures("transactional_db")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def test_a_member_signs_up_and_sees_the_confirmed_hours_on_a_phone(browser, live_server, settings):
    import datetime as dt

    from django.utils import timezone

    from pingxing.volunteers import services
    from pingxing.volunteers.models import Specialty

    settings.REQUIRE_STAFF_2FA = False
    world = make_world()
    team = services.team_create(organization=world.a1, name="甲一关爱队", specialty=Specialty.CARE, by=world.secretary)
    activity = services.activity_create(organization=world.a1, team=team, title="看望独居老人",
                                        date=timezone.localdate() + dt.timedelta(days=1), planned_hours="3.5",
                                        capacity=5, by=world.secretary)

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.member_user.username, PASSWORD)
    page.goto("/volunteers/")
    page.locator(f"#activity-{activity.pk} .signup-button").click()
    expect(page.locator(f"#activity-{activity.pk} .signed")).to_have_text("已报名")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the activities page is wider than the phone: {width}px"
    context.close()

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.secretary.username, PASSWORD)
    page.goto("/volunteers/")
    page.locator(f"#activity-{activity.pk} .confirm-link").click()
    page.fill(f"input[name=hours-{world.m_a1.pk}]", "3.5")
    page.locator("#confirm-form button[type=submit]").click()
    expect(page.locator(f"#line-{world.m_a1.pk} .confirmed")).to_have_text("3.5")
    context.close()

    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    login(page, world.member_user.username, PASSWORD)
    page.goto(f"/volunteers/mine/?year={activity.date.year}")
    expect(page.locator("#my-year-hours")).to_have_text("3.5")
    expect(page.locator("#my-entries")).to_contain_text("看望独居老人")
    screenshot(page, "volunteers-phone-member")
    context.close()
