"""五好党组织 (fivegood): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["五好党组织"])
