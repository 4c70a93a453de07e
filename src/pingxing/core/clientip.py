"""The visitor's address, also behind the reverse proxy that production puts in front.

With PINGXING_PROXY_COUNT = N (default 0), the address is the one the N-th trusted proxy
saw: the N-th entry from the right of X-Forwarded-For. Entries further left are the
client's own words and are never trusted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def client_ip(request: Any) -> str:
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote[:45]
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote[:45]
    return forwarded[-proxies][:45]
