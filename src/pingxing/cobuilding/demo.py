"""Demo data of 结对共建 (cobuilding)."""

from __future__ import annotations

import datetime as dt


def load_cobuilding(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
