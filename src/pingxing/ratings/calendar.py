"""Working days for the public notice period (公示期). Pure Python."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """The last day of a period of `days` working days beginning on `start`
    (or on the next working day when `start` is a weekend or holiday)."""
    day = start
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    counted = 1
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            counted += 1
    return day
