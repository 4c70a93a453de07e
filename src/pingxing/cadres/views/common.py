"""What the cadres pages share: the year asked for, and running one write."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from pingxing.cadres.forms import YearForm
from pingxing.cadres.services import CadreError


def year_of(request: HttpRequest) -> int:
    form = YearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return year or timezone.localdate().year


def done(request: HttpRequest, write: Callable[[], str], back: str) -> HttpResponse:
    """Run one write; its message (or its refusal) is shown on the page it came from."""
    try:
        messages.success(request, write())
    except CadreError as error:
        messages.error(request, str(error))
    return redirect(back)
