"""结对共建 (cobuilding): forms."""

from __future__ import annotations
