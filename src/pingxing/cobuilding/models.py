"""结对共建 (cobuilding): models."""

from __future__ import annotations
