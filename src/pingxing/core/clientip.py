"""The visitor's address, also behind the reverse proxy that production puts in front.

With PINGXING_PROXY_COUNT = N (default 0), the address is the one the N-th trusted proxy
saw: the N-th entry from the right of X-Forwarded-For. Entries further left are the
client's own words and are never trusted.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)
_noted = False


def forwarded_marker() -> Path:
    """A file that says requests came through a proxy while PROXY_COUNT was 0 (read by
    `pingxing check --deploy`)."""
    return Path(settings.DATA_DIR) / ".forwarded-for-seen"


def _note_unexpected_proxy() -> None:
    global _noted
    if _noted:
        return
    _noted = True
    logger.warning("requests carry X-Forwarded-For but PINGXING_PROXY_COUNT is 0: every visitor "
                   "looks like the proxy (lockout and objection limits act for everyone)")
    with contextlib.suppress(OSError):
        forwarded_marker().touch()


def client_ip(request: Any) -> str:
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        if "HTTP_X_FORWARDED_FOR" in request.META:
            _note_unexpected_proxy()
        return remote[:45]
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote[:45]
    return forwarded[-proxies][:45]
