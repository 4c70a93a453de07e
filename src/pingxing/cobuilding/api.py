"""结对共建 (cobuilding): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["结对共建"])
