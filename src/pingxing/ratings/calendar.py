"""Working days (工作日) for the public notice period (公示期) and deadlines. Pure Python.

China's public holidays and adjusted working days (调休, a Saturday or Sunday worked in
exchange for a bridge day) come from the `chinese_calendar` package, which holds the State
Council's schedule for every year from 2004 and gains each new year when it is announced
(usually in November of the year before). County-defined days off are passed in by the
caller, which reads them from the database.

A year the package does not know yet falls back to weekends only: the day is still counted
(never an error), and `WorkingPeriod.estimated_years` names the years so counted, so the
caller can say the end date is only an estimate.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

# A notice period is a few weeks at most; this bounds the walk should a caller pass a
# calendar of days off that never ends.
_MAX_DAYS_WALKED = 3660


@dataclass(frozen=True)
class WorkingPeriod:
    """`days` working days from `starts_on` (the first working day) to `ends_on` (the last)."""

    starts_on: date
    ends_on: date
    days: int
    estimated_years: tuple[int, ...] = ()  # years counted by weekends only (no official schedule)

    @property
    def is_estimate(self) -> bool:
        return bool(self.estimated_years)


def official_schedule_known(day: date) -> bool:
    """Whether the State Council's holiday schedule for `day`'s year is in the package."""
    return _official_working_day(day) is not None


def is_working_day(
    day: date, *, days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> bool:
    """A working day: not a county day off; a county extra working day; otherwise the
    official calendar (holidays and 调休), or Monday to Friday for a year it does not know."""
    return _working(day, days_off, extra_working_days)[0]


def working_period(
    start: date, days: int, *, days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> WorkingPeriod:
    """The period of `days` working days beginning on `start`, or on the next working day
    when `start` is a weekend, a holiday or a county day off."""
    if days < 1:
        raise ValueError(f"a period needs at least one working day, not {days}")
    estimated: set[int] = set()
    day = start
    first: date | None = None
    counted = 0
    for _walked in range(_MAX_DAYS_WALKED):
        working, guessed = _working(day, days_off, extra_working_days)
        if guessed:
            estimated.add(day.year)
        if working:
            first = first or day
            counted += 1
            if counted == days:
                return WorkingPeriod(starts_on=first, ends_on=day, days=days,
                                     estimated_years=tuple(sorted(estimated)))
        day += timedelta(days=1)
    raise ValueError(f"no {days} working days within {_MAX_DAYS_WALKED} days of {start}")


def add_working_days(
    start: date, days: int, *, days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> date:
    """The last day of a period of `days` working days beginning on `start`
    (or on the next working day when `start` is not one)."""
    return working_period(start, days, days_off=days_off, extra_working_days=extra_working_days).ends_on


def _working(day: date, days_off: Collection[date], extra_working_days: Collection[date]) -> tuple[bool, bool]:
    """(working, guessed): guessed when only the weekend rule could decide."""
    if day in days_off:
        return False, False
    if day in extra_working_days:
        return True, False
    official = _official_working_day(day)
    if official is None:
        return day.weekday() < 5, True
    return official, False


def _official_working_day(day: date) -> bool | None:
    """The official answer for `day`, or None for a year outside the package's data."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None
