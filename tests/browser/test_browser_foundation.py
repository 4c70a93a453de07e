"""Issue 2 in a real browser: a street clerk adds a member, sees the ID number masked and
the county office finds the change in the audit trail; a secretary cannot open another
community's member; the member list fits a phone screen."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import (
    PASSWORD,
    fictional_id_number,
    make_community,
    make_county,
    make_member,
    make_street,
    make_user,
)

pytestmark = pytest.mark.usefixtures("transactional_db")


def _logout(page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def test_street_clerk_adds_member_sees_id_masked_and_county_finds_it_in_audit_log(page) -> None:
    county = make_county(name="绍兴县委组织部")
    street = make_street(parent=county, name="柯桥街道党工委")
    community = make_community(parent=street, name="湖塘社区党支部", secretary_name="王书记")
    make_community(parent=street, name="笛扬社区党支部")
    clerk = make_user(role="street", organization=street, username="street_clerk")
    make_user(role="county", organization=county, username="county_office")
    birth = dt.date(1986, 4, 12)
    id_number = fictional_id_number(n=516, birth=birth)  # 17th digit even: a woman
    phone = "13957512345"

    login(page, clerk.username, PASSWORD)
    page.goto("/orgs/")
    page.get_by_role("heading", name="组织架构").wait_for()
    screenshot(page, "foundation-1-org-tree")
    page.get_by_role("link", name="湖塘社区党支部").click()
    page.wait_for_url(f"**/orgs/{community.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "湖塘社区党支部"
    screenshot(page, "foundation-2-community")

    page.get_by_role("link", name="党员名册").click()
    page.wait_for_url(re.compile(rf"/members/\?org={community.pk}$"))
    page.get_by_role("link", name="登记党员").click()
    page.wait_for_url(re.compile(rf"/members/new/\?org={community.pk}$"))
    # The community we came from is already chosen.
    assert page.input_value("#id_organization") == str(community.pk)
    page.fill("#id_name", "陈晓燕")
    page.select_option("#id_gender", "F")
    page.fill("#id_birth_date", birth.isoformat())
    page.select_option("#id_education", "college")
    page.fill("#id_joined_on", "2010-07-01")
    page.fill("#id_occupation", "社区工作者")
    page.fill("#id_phone", phone)
    page.fill("#id_id_number", id_number)
    page.select_option("#id_status", "full")
    screenshot(page, "foundation-3-member-form")
    page.get_by_role("button", name="保存").click()

    page.wait_for_url(re.compile(r"/members/\d+/$"))
    member_id = int(re.search(r"/members/(\d+)/$", page.url).group(1))
    assert page.get_by_role("heading", level=1).inner_text() == "陈晓燕"
    assert "已登记党员“陈晓燕”" in page.locator(".messages").inner_text()
    masked = page.locator("#id-number").inner_text()
    assert masked == f"3306{'*' * 10}{id_number[-4:]}"
    content = page.content()
    assert id_number not in content
    assert phone not in content
    screenshot(page, "foundation-4-member-detail")

    # The list shows the new member masked too.
    page.goto(f"/members/?org={community.pk}")
    row = page.locator("tr", has=page.get_by_role("link", name="陈晓燕"))
    assert masked in row.inner_text()
    assert id_number not in page.content()

    # The audit trail is the county office's page: a street clerk is turned away.
    assert page.goto("/audit/").status == 404
    page.goto("/")
    _logout(page)

    login(page, "county_office", PASSWORD)
    page.get_by_role("link", name="审计日志").click()
    page.wait_for_url("**/audit/")
    page.fill("#id_text", "陈晓燕")
    page.select_option("#id_action", "create")
    page.get_by_role("button", name="筛选").click()
    # htmx swaps the table in place: wait for the filtered count, not a page load.
    expect(page.locator("#audit-table .toolbar .muted")).to_have_text("共 1 条")
    rows = page.locator("#audit-table tbody tr")
    assert rows.count() == 1
    entry = rows.first.inner_text()
    assert "street_clerk" in entry
    assert "湖塘社区党支部" in entry
    assert "新增" in entry
    assert f"#{member_id}" in entry
    assert "姓名：— → 陈晓燕" in entry
    assert id_number not in page.content()
    assert phone not in page.content()
    screenshot(page, "foundation-5-audit-log")


def test_secretary_cannot_open_another_communitys_member(page) -> None:
    county = make_county()
    street = make_street(parent=county, name="柯桥街道党工委")
    own = make_community(parent=street, name="湖塘社区党支部")
    other = make_community(parent=street, name="笛扬社区党支部")
    make_member(organization=own, name="本社区党员")
    outsider_id = fictional_id_number(n=733, birth=dt.date(1979, 9, 9))
    outsider = make_member(organization=other, name="邻社区党员甲", id_number=outsider_id)
    secretary = make_user(role="secretary", organization=own)

    login(page, secretary.username, PASSWORD)
    # Their own member is reachable, so the 404 below is about scope, not a broken page.
    page.goto("/members/")
    page.get_by_role("link", name="本社区党员").click()
    page.wait_for_url(re.compile(r"/members/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "本社区党员"
    assert "邻社区党员甲" not in page.goto("/members/").text()

    for url in (f"/members/{outsider.pk}/", f"/members/{outsider.pk}/edit/"):
        response = page.goto(url)
        assert response.status == 404, url
        # The site's own Chinese page, not a bare server error.
        page.get_by_role("heading", name="页面不存在").wait_for()
        content = page.content()
        assert "邻社区党员甲" not in content
        assert outsider_id not in content
        assert outsider_id[-4:] not in content
        assert "笛扬社区党支部" not in content
    screenshot(page, "foundation-6-secretary-404")


def test_member_list_fits_a_phone_screen_and_nav_toggle_opens_menu(browser, live_server) -> None:
    county = make_county()
    street = make_street(parent=county, name="柯桥街道党工委")
    community = make_community(parent=street, name="湖塘社区党支部")
    for i in range(12):
        make_member(organization=community, name=f"手机党员{i:02d}")
    clerk = make_user(role="clerk", organization=community)
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740},
                                  base_url=live_server.url, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, clerk.username, PASSWORD)
        page.goto("/members/")
        page.get_by_role("link", name="手机党员00").wait_for()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        nav_link = page.locator("nav.nav").get_by_role("link", name="党员管理")
        assert not nav_link.is_visible()
        screenshot(page, "foundation-7-phone-list")
        page.locator("label.nav-toggle-label").click()
        nav_link.wait_for(state="visible")
        screenshot(page, "foundation-8-phone-nav-open")
        nav_link.click()
        page.wait_for_url(re.compile(r"/members/$"))
    finally:
        context.close()
