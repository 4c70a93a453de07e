"""宣传与先进典型 (publicity): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["宣传与先进典型"])
