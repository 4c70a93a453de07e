"""Session idle timeout and the two-factor requirement for county and street staff."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

LAST_SEEN_KEY = "pingxing_last_seen"


class IdleTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_SECONDS:
                from pingxing.audit.services import AuditAction, audit_record

                audit_record(action=AuditAction.LOGOUT, user=request.user, request=request,
                             changes={"reason": ["", "idle_timeout"]})
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?timeout=1&next={request.path}")
            request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


# Paths a staff user may reach before passing TOTP: login, 2FA setup and check, logout, static.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/public/")


class StaffTwoFactorMiddleware:
    """County and street staff must verify a TOTP device before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.REQUIRE_STAFF_2FA
            and user.is_authenticated
            and user.needs_two_factor
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.path}")
        return self.get_response(request)
