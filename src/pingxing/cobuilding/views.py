"""结对共建 (cobuilding): pages."""

from __future__ import annotations
