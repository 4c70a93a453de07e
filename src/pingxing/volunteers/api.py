"""党员志愿者 (volunteers): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["党员志愿者"])
