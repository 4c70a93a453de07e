"""结对共建 (cobuilding): the writes."""

from __future__ import annotations
