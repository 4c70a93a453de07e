"""结对共建 (cobuilding): the reads."""

from __future__ import annotations
