"""Demo data of 党内关爱基金 (carefund)."""

from __future__ import annotations

import datetime as dt


def load_carefund(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
