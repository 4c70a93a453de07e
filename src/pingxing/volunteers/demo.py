"""Demo data of 党员志愿者 (volunteers)."""

from __future__ import annotations

import datetime as dt


def load_volunteers(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
