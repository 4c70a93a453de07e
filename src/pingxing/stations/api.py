"""党员服务中心(站) (stations): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["党员服务中心(站)"])
