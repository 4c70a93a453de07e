"""The menu and home page are filled by the apps: a new app registers itself, and a role
sees only the pages it may open."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from factories import make_world
from pingxing.core import nav

pytestmark = pytest.mark.django_db


def _menu(client) -> list[str]:
    html = client.get(reverse("core:home")).content.decode()
    block = re.search(r'<nav class="nav">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<]+)</a>", block)


@pytest.fixture
def w(settings):
    settings.REQUIRE_STAFF_2FA = False
    return make_world()


def test_an_app_defined_only_in_the_tests_adds_a_menu_entry_and_a_home_card(client, w, settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "core.navapp"]
    try:
        client.force_login(w.county_user)
        html = client.get(reverse("core:home")).content.decode()
        assert 'id="navapp-card"' in html and ">128<" in html
        assert "志愿服务（测试）" in _menu(client)
        client.force_login(w.secretary)  # the app's own predicate keeps it from other roles
        assert "志愿服务（测试）" not in _menu(client)
        assert 'id="navapp-card"' not in client.get(reverse("core:home")).content.decode()
    finally:
        nav.remove("navapp.page")
        nav.remove("navapp.card")


def test_each_role_sees_only_the_pages_it_may_open(client, w):
    menus = {}
    for name in ("county_user", "street_user", "secretary", "clerk", "member_user", "admin"):
        client.force_login(getattr(w, name))
        menus[name] = _menu(client)
    assert "目标看板" in menus["county_user"] and "目标看板" in menus["street_user"]
    assert "目标看板" not in menus["admin"]  # the administrator's link used to lead to a 404
    # 民主评议, 先锋承诺, 积分: their own ballot, pledges and points
    assert menus["member_user"] == ["首页", "民主评议", "党员先锋承诺", "我的档案", "我的积分", "我的岗位", "我的培训", "我的志愿服务", "公示"]
    assert "审计日志" in menus["county_user"] and "审计日志" in menus["admin"]
    assert "审计日志" not in menus["street_user"]


def test_every_menu_link_opens_for_the_role_that_sees_it(client, w):
    for name in ("county_user", "street_user", "secretary", "clerk", "member_user", "admin"):
        user = getattr(w, name)
        client.force_login(user)
        for _label, url in nav.menu_for(user):
            # An entry may lead on to the role's own page (积分 → the user's organization or street).
            response = client.get(url, follow=True)
            assert response.status_code == 200, (name, url)
            assert len(response.redirect_chain) <= 1, (name, url, response.redirect_chain)
