"""Demo data of 党员服务中心(站) (stations)."""

from __future__ import annotations

import datetime as dt


def load_stations(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
