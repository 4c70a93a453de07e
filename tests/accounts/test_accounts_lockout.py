"""Guessing one username from many addresses is slowed down for every address; guesses from one
address alone never shut the real user out; the lock page says when to retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog

from factories import PASSWORD, make_user
from pingxing.accounts import throttle
from pingxing.accounts.throttle import Failure, retry_at

LOGIN = "/accounts/login/"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _failures(per_address: dict[str, int]) -> list[Failure]:
    found = []
    for n, (address, count) in enumerate(per_address.items()):
        found += [Failure(address, T0 + timedelta(seconds=n * 10 + i)) for i in range(count)]
    return found


def test_one_address_alone_never_reaches_the_username_delay():
    assert retry_at(_failures({"10.0.0.1": 500}), per_address=5) is None


def test_the_delay_starts_at_the_threshold_and_doubles_up_to_the_cap():
    four = _failures({f"10.0.0.{i}": 5 for i in range(4)})  # 20 counted: the threshold
    newest = max(f.at for f in four)
    assert retry_at(four, per_address=5) == newest + throttle.DELAY_BASE
    more = four + [Failure("10.0.1.1", newest + timedelta(seconds=1)), Failure("10.0.1.2", newest + timedelta(seconds=2))]
    assert retry_at(more, per_address=5) == newest + timedelta(seconds=2) + throttle.DELAY_BASE * 4
    many = _failures({f"10.0.2.{i}": 5 for i in range(40)})
    assert retry_at(many, per_address=5) == max(f.at for f in many) + throttle.DELAY_MAX


def _login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_fifty_guesses_from_ten_addresses_keep_the_right_password_from_an_eleventh_out(client):
    make_user(role="secretary", username="secretary_kq")
    for i in range(10):
        for _ in range(5):
            _login(client, "secretary_kq", "Wrong-guess-123", f"198.51.100.{i + 1}")
    response = _login(client, "secretary_kq", PASSWORD, "203.0.113.9")
    assert "_auth_user_id" not in client.session
    body = response.content.decode()
    assert "登录失败次数过多" in body and "之后再试" in body
    # Another account is not slowed down.
    make_user(role="member", username="neighbour")
    assert _login(client, "neighbour", PASSWORD, "203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_guesses_from_one_address_do_not_lock_the_real_user_out(client):
    make_user(role="secretary", username="secretary_hs")
    attacker = "198.51.100.7"
    for _round in range(4):  # an hour of guessing, 5 at a time as the lock allows
        for _ in range(6):
            _login(client, "secretary_hs", "Wrong-guess-123", attacker)
        AccessAttempt.objects.all().delete()  # the 15-minute lock at that address runs out
    assert _login(client, "secretary_hs", PASSWORD, "203.0.113.20").status_code == 302


@pytest.mark.django_db
def test_the_delay_passes_by_itself(client):
    make_user(role="secretary", username="secretary_qx")
    for i in range(6):
        for _ in range(5):
            _login(client, "secretary_qx", "Wrong-guess-123", f"198.51.100.{i + 1}")
    assert _login(client, "secretary_qx", PASSWORD, "203.0.113.30").status_code == 200
    # Half an hour later: no one had to unlock anything.
    for entry in AccessFailureLog.objects.filter(username="secretary_qx"):
        AccessFailureLog.objects.filter(pk=entry.pk).update(attempt_time=entry.attempt_time - timedelta(minutes=30))
    assert _login(client, "secretary_qx", PASSWORD, "203.0.113.30").status_code == 302


@pytest.mark.django_db
def test_the_lock_page_says_when_to_retry(client):
    make_user(role="member", username="wangfang")
    for _ in range(5):
        _login(client, "wangfang", "Wrong-guess-123", "192.0.2.5")
    response = _login(client, "wangfang", PASSWORD, "192.0.2.5")
    body = response.content.decode()
    assert response.status_code == 429
    assert "账号已锁定" in body and "之后再试" in body
    newest = AccessAttempt.objects.get(username="wangfang").attempt_time
    from django.utils import timezone

    expected = timezone.localtime(newest + timedelta(minutes=15)).strftime("%H:%M")
    assert expected in body
