"""党内关爱基金 (carefund): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["党内关爱基金"])
