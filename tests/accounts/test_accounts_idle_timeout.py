"""Sessions end after 30 minutes without a request."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from factories import make_user
from pingxing.accounts.middleware import LAST_SEEN_KEY
from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db


def _idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds
    session.save()


def test_thirty_one_minutes_idle_logs_out_and_is_audited(client):
    user = make_user(role="member")
    client.force_login(user)
    _idle_for(client, 31 * 60)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login") + "?timeout=1")
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.newest_first().first()
    assert (entry.action, entry.user_id) == (AuditAction.LOGOUT, user.pk)
    assert entry.changes == {"reason": [None, "idle_timeout"]}
    login_page = client.get(response["Location"]).content.decode()
    assert "30分钟未操作" in login_page


def test_twenty_nine_minutes_idle_is_fine(client):
    client.force_login(make_user(role="member"))
    _idle_for(client, 29 * 60)
    assert client.get(reverse("core:home")).status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5
    assert not AuditEntry.objects.filter(action=AuditAction.LOGOUT).exists()


def test_idle_htmx_request_is_sent_to_the_login_page_whole(client):
    client.force_login(make_user(role="member"))
    _idle_for(client, 31 * 60)
    response = client.get(reverse("core:home"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("accounts:login") + "?timeout=1")


def test_requests_within_a_minute_do_not_rewrite_the_session(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user(role="member"))
    client.get(reverse("core:home"))  # sets the last-seen time
    seen = client.session[LAST_SEEN_KEY]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home")).status_code == 200
    writes = [q["sql"] for q in ctx.captured_queries
              if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert client.session[LAST_SEEN_KEY] == seen


def test_a_request_after_a_minute_refreshes_the_last_seen_time(client):
    client.force_login(make_user(role="member"))
    _idle_for(client, 90)
    client.get(reverse("core:home"))
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5
