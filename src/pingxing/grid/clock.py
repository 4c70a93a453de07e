"""The working-day clock of a service case (办事档案): deadlines and the warning light. Pure Python.

Working days come from `pingxing.ratings.calendar` (China's holidays and 调休 from the
`chinese_calendar` package; county days off and extra working days passed in by the caller,
who reads them from the database).

The rules, one place each:

* **Deadline.** A time limit of N working days runs from the working day *after* the day the
  case is registered (受理次日起算, as 12345 hotlines count): a case registered on Friday
  2024-09-27 with 3 days ends on 2024-10-08 (Sunday 09-29 is a 调休 working day, 09-30,
  then 国庆 until 10-07, then 10-08). `working_days_between(registered_on, deadline(...))`
  is therefore exactly N. An approved extension of M days is M more working days after the
  old deadline: `deadline(old_deadline, M)`.
* **Warning light.** red once the date is past the deadline; yellow once the working days
  used reach `yellow_at` (80 %) of the period, today counted as used — so the last working
  day of any period is always yellow, a 5-day case turns yellow on its 4th working day and a
  1-day case on its only day; green before that.
* **Local date.** Times are timezone-aware; the date of an event is its date in China
  (Asia/Shanghai), whatever zone the caller's datetime carries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pingxing.ratings.calendar import add_working_days, is_working_day

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
YELLOW_AT = 0.8  # share of the period used from which the light is yellow

Light = Literal["green", "yellow", "red"]
GREEN: Light = "green"
YELLOW: Light = "yellow"
RED: Light = "red"
LIGHT_TEXT: dict[Light, str] = {GREEN: "正常", YELLOW: "临期预警", RED: "已超期"}


def local_date(at: datetime) -> date:
    """The date of `at` in China; a naive datetime is refused (it has no place in time)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is needed")
    return at.astimezone(LOCAL_TZ).date()


def deadline(
    registered_on: date, working_days: int, *,
    days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> date:
    """The last day of `working_days` working days counted from the day after `registered_on`."""
    if working_days < 1:
        raise ValueError(f"a time limit needs at least one working day, not {working_days}")
    return add_working_days(registered_on + timedelta(days=1), working_days,
                            days_off=days_off, extra_working_days=extra_working_days)


def working_days_between(
    start: date, end: date, *,
    days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> int:
    """The working days after `start` up to and including `end` (0 when `end` <= `start`)."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day, days_off=days_off, extra_working_days=extra_working_days):
            count += 1
        day += timedelta(days=1)
    return count


def warning_light(
    now_date: date, deadline: date, started_on: date, *,
    yellow_at: float = YELLOW_AT,
    days_off: Collection[date] = (), extra_working_days: Collection[date] = (),
) -> Light:
    """green, yellow or red for a case whose period began on `started_on` (the registration
    or reopening date) and ends on `deadline` (see the module's rules)."""
    if not 0 < yellow_at <= 1:
        raise ValueError(f"yellow_at is a share of the period in (0, 1], not {yellow_at}")
    if now_date > deadline:
        return RED
    period = working_days_between(started_on, deadline, days_off=days_off,
                                  extra_working_days=extra_working_days)
    used = working_days_between(started_on, now_date, days_off=days_off,
                                extra_working_days=extra_working_days)
    # The small tolerance keeps 4 of 5 days at exactly 80 % yellow despite float rounding.
    if period == 0 or used >= period * yellow_at - 1e-9:
        return YELLOW
    return GREEN


@dataclass(frozen=True)
class WorkCalendar:
    """A county's calendar: its own days off and extra working days over the official one."""

    days_off: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()

    def deadline(self, registered_on: date, working_days: int) -> date:
        return deadline(registered_on, working_days, days_off=self.days_off,
                        extra_working_days=self.extra_working_days)

    def working_days_between(self, start: date, end: date) -> int:
        return working_days_between(start, end, days_off=self.days_off,
                                    extra_working_days=self.extra_working_days)

    def warning_light(self, now_date: date, deadline: date, started_on: date, *,
                      yellow_at: float = YELLOW_AT) -> Light:
        return warning_light(now_date, deadline, started_on, yellow_at=yellow_at,
                             days_off=self.days_off, extra_working_days=self.extra_working_days)
