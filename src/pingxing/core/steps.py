"""The shape of a write from a page: run one service call, show its message (or the refusal,
in the user's words) on the page it came from, and go back there."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

MIN_YEAR, MAX_YEAR = 2000, 2100


def run_write(request: HttpRequest, write: Callable[[], str], back: str, *,
              refusals: tuple[type[Exception], ...]) -> HttpResponse:
    """`write()` returns the success message; an exception of `refusals` is the refusal."""
    try:
        messages.success(request, write())
    except refusals as error:
        messages.error(request, str(error))
    return redirect(back)


def year_of(request: HttpRequest, *, param: str = "year") -> int:
    """The year asked for in the query string, or this year when it is missing or impossible."""
    raw = request.GET.get(param, "")
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw)
    return timezone.localdate().year
