"""Demo data of 领导小组与工作计划 (plans)."""

from __future__ import annotations

import datetime as dt


def load_plans(*, today: dt.date) -> None:
    """Load the demo data (nothing yet)."""
