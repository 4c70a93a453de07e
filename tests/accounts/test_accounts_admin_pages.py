"""Account administration over HTTP: reach (404 outside it), one-time credentials, forced change."""

from __future__ import annotations

import re

import pytest
from accounts_sheets import account_sheet, sheet_rows
from django.urls import reverse

from factories import PASSWORD, make_user, make_world
from pingxing.accounts.models import User
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db
LIST = "/accounts/manage/"
NEW = "/accounts/manage/new/"
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _no_staff_2fa(settings):
    settings.REQUIRE_STAFF_2FA = False  # the enrolment rules have their own tests


@pytest.fixture
def w():
    return make_world()


def _password_in(body: str) -> str:
    found = re.findall(r'class="secret-cell">([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})<', body)
    assert len(found) == 1
    return found[0]


def _new_account(client, w, **fields):
    data = {"username": "jiedao_a2", "display_name": "赵六", "role": "street",
            "organization": str(w.street_a.pk), **fields}
    return client.post(NEW, data)


def test_the_county_office_sees_every_account_but_the_administrators(client, w):
    client.force_login(w.county_user)
    body = client.get(LIST).content.decode()
    for user in (w.county_user, w.street_user, w.secretary, w.clerk, w.member_user):
        assert user.username in body
    assert w.admin.username not in body


def test_a_street_committee_sees_only_its_street(client, w):
    other = make_user(role="clerk", organization=w.b1, username="clerk_of_b1")
    client.force_login(w.street_user)
    body = client.get(LIST).content.decode()
    assert w.clerk.username in body
    assert other.username not in body
    assert w.county_user.username not in body


def test_the_list_filters_by_role_and_text_and_keeps_its_queries_few(client, w, django_assert_max_num_queries):
    for i in range(30):
        make_user(role="clerk", organization=w.a2, username=f"bulk_clerk_{i}")
    client.force_login(w.county_user)
    with django_assert_max_num_queries(12):
        body = client.get(LIST, {"role": "clerk", "q": "bulk_clerk_1"}).content.decode()
    assert "bulk_clerk_12" in body
    assert w.clerk.username not in body
    assert "共 11 个账号" in body


@pytest.mark.parametrize("role", ["secretary", "clerk", "member"])
def test_party_organization_roles_have_no_account_pages(client, w, role):
    client.force_login(getattr(w, {"member": "member_user"}.get(role, role)))
    assert client.get(LIST).status_code == 404
    assert client.get(NEW).status_code == 404


def test_a_street_committee_gets_404_for_an_account_in_another_street(client, w):
    client.force_login(w.street_user)
    response = _new_account(client, w, role="clerk", organization=str(w.b1.pk), username="intruder")
    assert response.status_code == 404
    assert client.get(NEW, {"organization": w.b1.pk}).status_code == 404
    assert not User.objects.filter(username="intruder").exists()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED).exists()


def test_a_street_committee_cannot_choose_or_forge_the_county_role(client, w):
    client.force_login(w.street_user)
    body = client.get(NEW).content.decode()
    assert 'value="county"' not in body and 'value="admin"' not in body
    assert 'value="street"' in body and 'value="secretary"' in body
    response = _new_account(client, w, role="county", organization=str(w.street_a.pk), username="boss")
    assert response.status_code == 404
    assert not User.objects.filter(username="boss").exists()


def test_a_street_committee_cannot_open_accounts_outside_its_street(client, w):
    other = make_user(role="clerk", organization=w.b1)
    client.force_login(w.street_user)
    for account in (other, w.county_user, w.admin):
        assert client.get(reverse("accounts:admin_detail", args=[account.pk])).status_code == 404
        assert client.post(reverse("accounts:admin_action", args=[account.pk, "reset-password"])).status_code == 404


def test_creating_an_account_shows_the_temporary_password_once_and_it_must_be_changed(client, w):
    client.force_login(w.county_user)
    response = _new_account(client, w)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = _password_in(response.content.decode())
    account = User.objects.get(username="jiedao_a2")
    assert account.must_change_password
    assert password not in str(list(AuditEntry.objects.values_list("changes", flat=True)))

    newcomer = _logged_in_client(password)
    assert newcomer.get("/orgs/")["Location"] == reverse("accounts:password_change")
    htmx = newcomer.get("/orgs/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == reverse("accounts:password_change")
    assert "临时密码" in newcomer.get(reverse("accounts:password_change")).content.decode()
    same = newcomer.post(reverse("accounts:password_change"), {
        "old_password": password, "new_password1": password, "new_password2": password})
    assert "不能与当前密码相同" in same.content.decode()
    changed = newcomer.post(reverse("accounts:password_change"), {
        "old_password": password, "new_password1": "Mein-Eigenes-2026", "new_password2": "Mein-Eigenes-2026"})
    assert changed.status_code == 302
    account.refresh_from_db()
    assert not account.must_change_password
    assert newcomer.get("/orgs/").status_code == 200


def _logged_in_client(password: str, username: str = "jiedao_a2"):
    from django.test import Client

    newcomer = Client()
    assert newcomer.post(LOGIN, {"username": username, "password": password}).status_code == 302
    return newcomer


def test_a_wrong_level_is_explained_on_the_form(client, w):
    client.force_login(w.county_user)
    response = _new_account(client, w, role="secretary")
    assert response.status_code == 200
    assert "只能属于基层党组织" in response.content.decode()
    assert not User.objects.filter(username="jiedao_a2").exists()


def test_actions_ask_first_and_act_only_on_post(client, w):
    client.force_login(w.street_user)
    url = reverse("accounts:admin_action", args=[w.clerk.pk, "reset-password"])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "确定" in confirm.content.decode()
    w.clerk.refresh_from_db()
    assert w.clerk.check_password(PASSWORD)
    done = client.post(url)
    password = _password_in(done.content.decode())
    w.clerk.refresh_from_db()
    assert w.clerk.check_password(password) and w.clerk.must_change_password


def test_own_account_cannot_be_deactivated_from_the_pages(client, w):
    client.force_login(w.street_user)
    detail = client.get(reverse("accounts:admin_detail", args=[w.street_user.pk])).content.decode()
    assert "停用账号" not in detail
    assert client.post(reverse("accounts:admin_action", args=[w.street_user.pk, "deactivate"])).status_code == 404
    w.street_user.refresh_from_db()
    assert w.street_user.is_active


def test_deactivate_then_reactivate_from_the_detail_page(client, w):
    client.force_login(w.street_user)
    client.post(reverse("accounts:admin_action", args=[w.clerk.pk, "deactivate"]))
    w.clerk.refresh_from_db()
    assert not w.clerk.is_active
    assert "停用" in client.get(LIST, {"active": "no"}).content.decode()
    client.post(reverse("accounts:admin_action", args=[w.clerk.pk, "reactivate"]))
    w.clerk.refresh_from_db()
    assert w.clerk.is_active


def test_the_role_page_moves_an_account_within_the_street_only(client, w):
    client.force_login(w.street_user)
    url = reverse("accounts:admin_role", args=[w.clerk.pk])
    assert client.post(url, {"role": "secretary", "organization": str(w.a2.pk)}).status_code == 302
    w.clerk.refresh_from_db()
    assert (w.clerk.role, w.clerk.organization) == ("secretary", w.a2)
    assert client.post(url, {"role": "clerk", "organization": str(w.b1.pk)}).status_code == 404
    assert client.post(url, {"role": "county", "organization": str(w.county.pk)}).status_code == 404


def test_the_list_shows_a_lockout_and_the_unlock_action_lifts_it(client, w):
    from django.test import Client

    stranger = Client()
    for _ in range(5):
        stranger.post(LOGIN, {"username": w.clerk.username, "password": "Wrong-Passw0rd-x"})
    client.force_login(w.street_user)
    assert "已锁定" in client.get(LIST).content.decode()
    response = client.post(reverse("accounts:admin_action", args=[w.clerk.pk, "unlock"]))
    assert response.status_code == 302
    assert "已锁定" not in client.get(LIST).content.decode()
    assert stranger.post(LOGIN, {"username": w.clerk.username, "password": PASSWORD}).status_code == 302


def test_the_export_is_audited_and_holds_no_password_data(client, w):
    client.force_login(w.street_user)
    response = client.get(reverse("accounts:admin_export"))
    assert response.status_code == 200
    rows = sheet_rows(response.content)
    assert {r[0] for r in rows} == {w.street_user.username, w.secretary.username, w.clerk.username,
                                    w.member_user.username}
    assert all(isinstance(cell, str) or cell is None for row in rows for cell in row)
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="accounts.user").exists()


def test_a_bad_sheet_uploaded_creates_nothing_and_lists_every_error(client, w):
    client.force_login(w.street_user)
    before = User.objects.count()
    sheet = account_sheet([[w.a1.code, "党组织书记", "fine_one", ""], [w.b1.code, "党组织书记", "bad_one", ""]])
    response = client.post(reverse("accounts:admin_import"), {"file": sheet})
    body = response.content.decode()
    assert response.status_code == 200
    assert "未保存任何数据" in body and "不在您的管理范围内" in body
    assert User.objects.count() == before


def test_a_good_sheet_uploaded_shows_the_printable_sheet_of_passwords_once(client, w):
    client.force_login(w.street_user)
    template = client.get(reverse("accounts:admin_template"))
    rows = sheet_rows(template.content)
    assert len(rows) == 4  # a secretary and a clerk for each of the two communities of street A
    response = client.post(reverse("accounts:admin_import"), {"file": account_sheet([r[:4] for r in rows])})
    body = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "data-print" in body and "data:application/vnd.openxmlformats" in body
    passwords = re.findall(r'class="secret-cell">([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})<', body)
    assert len(passwords) == 4
    _logged_in_client(passwords[0], username=rows[0][2])


def test_the_county_picks_the_street_of_the_template_and_a_street_only_its_own(client, w):
    client.force_login(w.county_user)
    rows = sheet_rows(client.get(reverse("accounts:admin_template"), {"street": w.street_b.pk}).content)
    assert [r[0] for r in rows] == [w.b1.code, w.b1.code]
    client.force_login(w.street_user)
    assert client.get(reverse("accounts:admin_template"), {"street": w.street_b.pk}).status_code == 404


def test_the_menu_shows_account_administration_to_managers_only(client, w):
    client.force_login(w.street_user)
    assert LIST in client.get(reverse("core:home")).content.decode()
    client.force_login(w.secretary)
    assert LIST not in client.get(reverse("core:home")).content.decode()


def test_the_api_lists_the_accounts_within_reach_without_password_data(w):
    from ninja.testing import TestClient

    from pingxing.accounts.api import router

    response = TestClient(router).get("/accounts", user=w.street_user)
    assert response.status_code == 200
    names = {a["username"] for a in response.json()}
    assert names == {w.street_user.username, w.secretary.username, w.clerk.username, w.member_user.username}
    assert all("password" not in key for a in response.json() for key in a)


def test_a_member_record_is_linked_only_within_reach_and_names_no_outsider(client, w):
    client.force_login(w.street_user)
    outside = client.post(NEW, {"username": "m_b1", "role": "member", "organization": str(w.a1.pk),
                                "member": str(w.m_b1.pk)})
    body = outside.content.decode()
    assert "没有编号为" in body and w.m_b1.name not in body
    inside = client.post(NEW, {"username": "m_a2", "role": "member", "organization": str(w.a2.pk),
                               "member": str(w.m_a2.pk)})
    assert inside.status_code == 200
    assert User.objects.get(username="m_a2").member == w.m_a2
