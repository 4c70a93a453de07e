"""结对共建 (cobuilding): scoped access helpers."""

from __future__ import annotations
