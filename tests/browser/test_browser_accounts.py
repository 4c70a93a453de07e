"""Issue 7 in a real browser: the county office creates a street clerk account; the clerk logs
in with the temporary password and must change it; the office resets the password and lifts
a lockout; a street committee cannot create an account in another street or a county one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import login, screenshot
from factories import PASSWORD, make_community, make_county, make_street, make_user

pytestmark = pytest.mark.usefixtures("transactional_db")
NEW_PASSWORD = "Jiedao-Eigenes-2026"


def _temporary_password(page) -> str:
    page.get_by_role("heading", level=1).wait_for()
    password = page.locator("td.secret-cell").first.inner_text().strip()
    assert re.fullmatch(r"[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}", password)
    return password


def _change_password(page, old: str, new: str) -> None:
    page.wait_for_url("**/accounts/password/")
    page.get_by_text("临时密码").first.wait_for()
    page.fill("#id_old_password", old)
    page.fill("#id_new_password1", new)
    page.fill("#id_new_password2", new)
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url("**/accounts/password/done/")


def _log_out(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def test_county_office_creates_a_street_clerk_who_changes_the_password_then_resets_and_unlocks(open_page):
    county = make_county(name="绍兴县委组织部")
    street = make_street(parent=county, name="柯桥街道党工委")
    make_community(parent=street, name="湖塘社区党支部")
    make_user(role="county", organization=county, username="county_office")

    office = open_page(username="county_office", password=PASSWORD)
    office.get_by_role("link", name="账号管理").first.click()
    office.wait_for_url("**/accounts/manage/")
    office.get_by_role("link", name="新建账号").click()
    office.fill("#id_username", "keqiao_clerk")
    office.fill("#id_display_name", "钱七")
    office.select_option("#id_role", "street")
    office.select_option("#id_organization", str(street.pk))
    office.get_by_role("button", name="创建账号").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("账号已创建")
    assert office.get_by_role("button", name="打印").is_visible()
    password = _temporary_password(office)
    screenshot(office, "accounts-1-created")

    # The clerk logs in with the temporary password and is sent to change it first.
    clerk = open_page()
    login(clerk, "keqiao_clerk", password)
    _change_password(clerk, password, NEW_PASSWORD)
    clerk.goto("/orgs/")
    clerk.get_by_role("heading", name="组织架构").wait_for()
    _log_out(clerk)

    # The office resets the password: the old one stops working, the new one must be changed.
    office.goto("/accounts/manage/")
    office.get_by_role("link", name="keqiao_clerk").click()
    office.get_by_role("link", name="重置密码").click()
    office.get_by_role("button", name="确定").click()
    reset_password = _temporary_password(office)
    assert reset_password != password

    # Six wrong passwords through the login form lock the account out.
    for _ in range(6):
        clerk.goto("/accounts/login/")
        clerk.fill("#id_username", "keqiao_clerk")
        clerk.fill("#id_password", "Wrong-Passw0rd-x")
        clerk.click("button[type=submit]")
    clerk.get_by_role("heading", name="账号已锁定").wait_for()

    office.goto("/accounts/manage/?q=keqiao")
    expect(office.locator("#results")).to_contain_text("已锁定")
    office.get_by_role("link", name="keqiao_clerk").click()
    office.get_by_role("link", name="解除登录锁定").click()
    office.get_by_role("button", name="确定").click()
    expect(office.locator(".messages")).to_contain_text("已解除登录锁定")
    expect(office.locator("table.facts")).to_contain_text("未锁定")

    login(clerk, "keqiao_clerk", reset_password)
    _change_password(clerk, reset_password, NEW_PASSWORD + "!")
    clerk.goto("/")
    assert "keqiao_clerk" not in clerk.url

    # The account list on a phone.
    phone = open_page(username="county_office", password=PASSWORD, viewport={"width": 390, "height": 844})
    phone.goto("/accounts/manage/")
    expect(phone.locator("#results")).to_contain_text("keqiao_clerk")
    screenshot(phone, "accounts-2-list-phone")


def test_street_committee_cannot_create_an_account_in_another_street_or_for_the_county(open_page):
    county = make_county(name="绍兴县委组织部")
    own = make_street(parent=county, name="柯桥街道党工委")
    other = make_street(parent=county, name="华舍街道党工委")
    make_community(parent=own, name="湖塘社区党支部")
    elsewhere = make_community(parent=other, name="华舍社区党支部")
    make_user(role="street", organization=own, username="keqiao_office")

    page = open_page(username="keqiao_office", password=PASSWORD)
    page.goto("/accounts/manage/new/")
    roles = page.locator("#id_role option").evaluate_all("options => options.map(o => o.value)")
    assert "county" not in roles and "admin" not in roles
    assert "street" in roles and "secretary" in roles
    orgs = page.locator("#id_organization").inner_text()
    assert "湖塘社区党支部" in orgs and "华舍" not in orgs

    assert page.goto(f"/accounts/manage/new/?organization={elsewhere.pk}").status == 404

    # A forged form: an organization of the other street.
    page.goto("/accounts/manage/new/")
    page.fill("#id_username", "intruder")
    page.select_option("#id_role", "clerk")
    page.evaluate(f"""() => {{ const s = document.querySelector('#id_organization');
        s.add(new Option('x', '{elsewhere.pk}')); s.value = '{elsewhere.pk}'; }}""")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="创建账号").click()
    assert navigation.value.status == 404

    # A forged form: the county office's role.
    page.goto("/accounts/manage/new/")
    page.fill("#id_username", "boss")
    page.evaluate("""() => { const s = document.querySelector('#id_role');
        s.add(new Option('x', 'county')); s.value = 'county'; }""")
    page.select_option("#id_organization", str(own.pk))
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="创建账号").click()
    assert navigation.value.status == 404
