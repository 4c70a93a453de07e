"""领导小组与工作计划 (plans): JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["领导小组与工作计划"])
