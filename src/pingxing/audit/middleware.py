"""The request being answered, for audit entries written without one.

Most services are called without `request`; the writer still records the client address of
the page that made the change by reading the request this middleware keeps for the duration
of the request (a ContextVar: one per thread or task, never shared between requests).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_current_request: ContextVar[HttpRequest | None] = ContextVar("pingxing_audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being answered, or None outside a request (commands, tests without a client)."""
    return _current_request.get()


class AuditRequestMiddleware:
    """Keep the request in `current_request()` while the view (and every middleware after this
    one) runs; put first in MIDDLEWARE so entries written by later middleware see it too."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current_request.set(request)
        try:
            response: HttpResponse = self.get_response(request)
            return response
        finally:
            _current_request.reset(token)
