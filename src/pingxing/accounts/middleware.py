"""Session idle timeout, the two-factor requirement for county and street staff, and the
forced change of a temporary password."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

LAST_SEEN_KEY = "pingxing_last_seen"
# The last-seen time is written at most once a minute: a session is not rewritten on every
# request (a database write each), and the idle timeout is still exact to the minute.
LAST_SEEN_GRANULARITY = 60
# Read by the logout signal receiver so the audit entry says why the session ended.
LOGOUT_REASON_ATTR = "pingxing_logout_reason"


class IdleTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_SECONDS without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_SECONDS:
                setattr(request, LOGOUT_REASON_ATTR, "idle_timeout")
                logout(request)  # audited by accounts.auth_events
                query = urlencode({"timeout": 1, "next": request.get_full_path()})
                login_url = f"{reverse(settings.LOGIN_URL)}?{query}"
                if request.headers.get("HX-Request") == "true":
                    # htmx would swap the login page into a fragment: load it whole instead.
                    return HttpResponse(status=204, headers={"HX-Redirect": login_url})
                return redirect(login_url)
            if last_seen is None or now - int(last_seen) >= LAST_SEEN_GRANULARITY:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


def _two_factor_open_paths() -> frozenset[str]:
    # Only what a staff user needs to pass TOTP or leave: not the password page.
    return frozenset(reverse(name) for name in ("accounts:login", "accounts:logout", "accounts:two_factor"))


_OPEN_PREFIXES = ("/static/", "/i18n/")


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
            and request.path not in _two_factor_open_paths()
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return self.get_response(request)


def _password_open_paths() -> frozenset[str]:
    # What a user with a temporary password needs: change it, pass TOTP, or leave.
    return frozenset(reverse(name) for name in (
        "accounts:login", "accounts:logout", "accounts:two_factor",
        "accounts:password_change", "accounts:password_change_done",
    ))


class PasswordChangeRequiredMiddleware:
    """A user whose password an account manager set (new account, reset) must choose their
    own before anything else. Comes after StaffTwoFactorMiddleware: staff bind or verify
    their authenticator first, then change the password."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.path not in _password_open_paths()
        ):
            url = reverse("accounts:password_change")
            if request.headers.get("HX-Request") == "true":
                # htmx would swap the page into a fragment: load it whole instead.
                return HttpResponse(status=204, headers={"HX-Redirect": url})
            return redirect(url)
        return self.get_response(request)
