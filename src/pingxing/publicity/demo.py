"""Demo data of 宣传与先进典型 (publicity)."""

from __future__ import annotations

import datetime as dt


def load_publicity(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
