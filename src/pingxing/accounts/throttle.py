"""The second lockout: one username guessed at from many addresses.

django-axes locks a username at one address after AXES_FAILURE_LIMIT failures (for
AXES_COOLOFF_TIME). Guesses spread over many addresses get past that, so the failures of a
username are also counted across addresses — each address counting at most
AXES_FAILURE_LIMIT, so that guesses from one address alone can never slow the real user down.
From USERNAME_THRESHOLD failures on, each further login of that username waits a delay that
doubles with each failure (DELAY_BASE … DELAY_MAX) after the newest failure: a delay, not a
hard lock, so the real user is never shut out for good and no one must be called to unlock.
A successful login starts the count afresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

USERNAME_THRESHOLD = 20
WINDOW = timedelta(hours=1)
DELAY_BASE = timedelta(seconds=30)
DELAY_MAX = timedelta(minutes=15)


@dataclass(frozen=True)
class Failure:
    address: str | None
    at: datetime


def counted_failures(failures: Iterable[Failure], per_address: int) -> tuple[int, datetime | None]:
    """How many failures count (at most `per_address` from each address), and the newest."""
    per: Counter[str | None] = Counter()
    counted, newest = 0, None
    for failure in failures:
        if per[failure.address] < per_address:
            per[failure.address] += 1
            counted += 1
        if newest is None or failure.at > newest:
            newest = failure.at
    return counted, newest


def retry_at(failures: Iterable[Failure], *, per_address: int, threshold: int = USERNAME_THRESHOLD,
             base: timedelta = DELAY_BASE, cap: timedelta = DELAY_MAX) -> datetime | None:
    """When the username may try again, or None when it need not wait (pure)."""
    counted, newest = counted_failures(failures, per_address)
    if counted < threshold or newest is None:
        return None
    doublings = min(counted - threshold, 30)
    return newest + min(base * (2 ** doublings), cap)


def username_retry_at(username: str, *, now: datetime | None = None) -> datetime | None:
    """When `username` may try to log in again; None when now. Reads axes' failure log."""
    from axes.models import AccessFailureLog

    from pingxing.accounts.models import User

    now = now or timezone.now()
    since = now - WINDOW
    last_login = User.objects.filter(username=username).values_list("last_login", flat=True).first()
    if last_login is not None and last_login > since:
        since = last_login
    rows = AccessFailureLog.objects.filter(username=username, attempt_time__gt=since).values_list(
        "ip_address", "attempt_time")
    failures = [Failure(address=ip, at=at) for ip, at in rows]
    when = retry_at(failures, per_address=int(settings.AXES_FAILURE_LIMIT))
    return when if when is not None and when > now else None


def forget_failures(username: str) -> int:
    """An account manager lifts the delay (with the axes lock): the failures stop counting."""
    from axes.models import AccessFailureLog

    removed, _details = AccessFailureLog.objects.filter(username=username).delete()
    return int(removed)
