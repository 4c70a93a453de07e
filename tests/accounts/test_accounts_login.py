"""Login page: lockout after five failures, session rotation, CSRF, audit of auth events."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from factories import PASSWORD, make_user
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _post_login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_login_page_is_in_chinese_and_fits_a_phone(client):
    response = client.get(LOGIN)
    body = response.content.decode()
    assert response.status_code == 200
    assert "登录评星晋级管理平台" in body
    assert 'name="viewport"' in body
    assert 'autocomplete="current-password"' in body


def test_right_password_logs_in_and_is_audited(client):
    user = make_user(role="member", username="lihua")
    response = _post_login(client, "lihua", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    entry = AuditEntry.objects.newest_first().first()
    assert (entry.action, entry.user_id, entry.username) == (AuditAction.LOGIN, user.pk, "lihua")


def test_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password(client):
    make_user(role="member", username="wangfang")
    for _ in range(4):
        assert _post_login(client, "wangfang", "wrong-Password-1").status_code == 200
    _post_login(client, "wangfang", "wrong-Password-1")
    response = _post_login(client, "wangfang", PASSWORD)
    assert response.status_code in (403, 429)
    assert "账号已锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions.count(AuditAction.LOGIN_FAILED) >= 5
    assert AuditAction.LOCKED_OUT in actions
    assert AuditAction.LOGIN not in actions


def test_lockout_is_per_username_so_another_account_can_still_log_in(client):
    make_user(role="member", username="victim")
    make_user(role="member", username="colleague")
    for _ in range(5):
        _post_login(client, "victim", "wrong-Password-1")
    assert _post_login(client, "colleague", PASSWORD).status_code == 302


def test_session_id_changes_at_login(client):
    make_user(role="member", username="zhangwei")
    session = client.session
    session["seen_login_page"] = True
    session.save()
    before = client.cookies["sessionid"].value
    assert _post_login(client, "zhangwei", PASSWORD).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=before).exists()


def test_login_post_without_csrf_token_is_refused():
    make_user(role="member", username="csrf")
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "csrf", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_logout_is_audited(client):
    user = make_user(role="member", username="leaver")
    client.force_login(user)
    assert client.post(reverse("accounts:logout")).status_code == 302
    entry = AuditEntry.objects.newest_first().first()
    assert (entry.action, entry.user_id) == (AuditAction.LOGOUT, user.pk)


def test_failed_login_keeps_the_password_out_of_logs_and_audit(client, caplog):
    make_user(role="member", username="careful")
    secret = "Sup3r-Secret-Typed-Wrong"
    with caplog.at_level(logging.DEBUG):
        for _ in range(6):
            _post_login(client, "careful", secret)
    assert caplog.records  # axes and django.request did log the failures
    assert secret not in caplog.text
    for record in caplog.records:
        assert secret not in record.getMessage()
    rows = AuditEntry.objects.values_list("username", "object_repr", "changes")
    assert rows
    assert all(secret not in str(row) for row in rows)
