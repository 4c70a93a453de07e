"""结对共建 (cobuilding): who may do what (pure)."""

from __future__ import annotations
