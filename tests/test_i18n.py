"""The whole UI is available in English; Chinese stays the default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from factories import make_community, make_county, make_member, make_street, make_user

_ENTRY_RE = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$')


def _en_po() -> Path:
    return Path(django_settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def _catalogue_entries(text: str) -> list[dict[str, str]]:
    """The .po entries as {keyword: unescaped-enough value}, with their flag lines."""
    entries = []
    for block in text.strip().split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        keyword = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line[2:]
            elif match := _ENTRY_RE.match(line):
                keyword = match.group(1)
                entry[keyword] = match.group(2)
            elif line.startswith('"') and keyword:
                entry[keyword] += line[1:-1]
        entries.append(entry)
    return entries


@pytest.fixture
def county_client(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    county = make_county()
    street = make_street(parent=county, name="东门街道党工委")
    community = make_community(parent=street, name="东门社区党支部")
    make_member(organization=community, name="张三")
    client.force_login(make_user(role="county", organization=county))
    return client


def _english(client, url: str) -> str:
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_language_cookie_is_the_one_the_tests_set(settings):
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"


@pytest.mark.django_db
def test_login_page_is_in_english_with_the_language_cookie(client):
    html = _english(client, reverse("accounts:login"))
    assert '<html lang="en">' in html
    assert "Log in to the Star Rating Management Platform" in html
    assert "Username" in html and "Password" in html
    for chinese in ("登录评星晋级管理平台", "用户名", "密码", "评星晋级管理平台"):
        assert chinese not in html


@pytest.mark.django_db
def test_login_page_is_in_chinese_by_default(client):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "登录评星晋级管理平台" in html
    assert "用户名" in html
    assert "Log in to the Star Rating Management Platform" not in html


@pytest.mark.django_db
def test_home_page_and_navigation_are_in_english(county_client):
    html = _english(county_client, reverse("core:home"))
    for label in ("Home", "Organizations", "Members", "Star rating", "Public notice",
                  "Audit log", "Log out", "Change password", "Workbench", "Member roll"):
        assert label in html
    for chinese in ("首页", "组织架构", "党员管理", "审计日志", "退出", "修改密码", "工作台", "党员名册"):
        assert chinese not in html


@pytest.mark.django_db
def test_home_page_is_in_chinese_without_a_language_cookie(county_client):
    html = county_client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    for chinese in ("首页", "组织架构", "党员管理", "工作台"):
        assert chinese in html
    assert "Workbench" not in html


@pytest.mark.django_db
def test_organization_tree_is_in_english(county_client):
    html = _english(county_client, reverse("orgs:tree"))
    assert "Export to Excel" in html
    assert "1 member" in html
    assert "名党员" not in html and "导出 Excel" not in html
    # Data stays as entered: organization names are not translated.
    assert "东门社区党支部" in html


@pytest.mark.django_db
def test_member_list_is_in_english(county_client):
    html = _english(county_client, reverse("members:list"))
    for label in ("1 member", "Name", "Gender", "Party group", "ID number", "Phone",
                  "Import from Excel", "Search by name", "Male"):
        assert label in html
    for chinese in ("姓名", "性别", "党小组", "身份证号", "联系电话", "按姓名搜索", "男"):
        assert chinese not in html
    assert "张三" in html


@pytest.mark.django_db
def test_rating_campaigns_page_is_in_english(county_client):
    html = _english(county_client, reverse("ratings:campaigns"))
    for label in ("Rating year", "Standard", "Self-declaration deadline", "Open the yearly star rating"):
        assert label in html
    for chinese in ("考评年度", "街道考核截止", "自评申报截止", "开启年度评星"):
        assert chinese not in html


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    text = _en_po().read_text(encoding="utf-8")
    entries = [e for e in _catalogue_entries(text) if e.get("msgid")]
    assert len(entries) > 400
    assert "#, fuzzy" not in text
    untranslated = [
        e["msgid"] for e in entries
        if not all(value for key, value in e.items() if key.startswith("msgstr"))
    ]
    assert untranslated == []
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert fuzzy == []


def test_compiled_english_catalogue_translates_gettext_calls():
    assert _en_po().with_suffix(".mo").exists()
    with translation.override("en"):
        assert translation.gettext("首页") == "Home"
        assert translation.ngettext("共 %(n)s 名党员", "共 %(n)s 名党员", 2) % {"n": 2} == "2 members"
    with translation.override("zh-hans"):
        assert translation.gettext("首页") == "首页"
