"""When analysis meetings (研判) are due, which were missed, and who holds them. Pure Python.

Seed 四.3: each grid team meets weekly, each community Party organization fortnightly, the
street monthly. The periods, one rule each:

* **Week** (team): Monday to Sunday; named by its ISO week ("2026年第48周").
* **Fortnight** (organization): two-week periods counted from a fixed anchor Monday,
  `FORTNIGHT_ANCHOR` = Monday 2024-01-01. A fixed anchor (rather than the first Monday of each
  year) keeps every period exactly 14 days long across New Year: a period may start in one
  year and end in the next, and no short or long fortnight appears in January.
* **Month** (street): the calendar month.

A period is **missed** when it has no meeting and the grace after its end has run out: the
meeting may still be held and recorded until the `grace_days`-th working day after the
period's last day (China's holidays and 调休 from `pingxing.ratings.calendar`); from the
next day on, the period is missed. A meeting recorded late still counts as held.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pingxing.core.scope import Actor, within
from pingxing.ratings.calendar import add_working_days

FORTNIGHT_ANCHOR = date(2024, 1, 1)  # a Monday
GRACE_WORKING_DAYS = 3


class Level(StrEnum):
    """= models_meetings.MeetingLevel (a pure copy, checked in tests)."""

    TEAM = "team"
    ORGANIZATION = "organization"
    STREET = "street"


LEVEL_TEXT = {Level.TEAM: "网格研判", Level.ORGANIZATION: "社区党组织研判", Level.STREET: "街道研判"}
# How far back the home page looks for missed meetings (older ones are history, not news).
LOOKBACK_DAYS = {Level.TEAM: 28, Level.ORGANIZATION: 56, Level.STREET: 92}


@dataclass(frozen=True, order=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (for trends)."""
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_of(level: Level | str, day: date) -> Period:
    """The period of `level` that contains `day`."""
    level = Level(level)
    if level is Level.TEAM:
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6))
    if level is Level.ORGANIZATION:
        n = (day - FORTNIGHT_ANCHOR).days // 14  # floor division: also right before the anchor
        start = FORTNIGHT_ANCHOR + timedelta(days=14 * n)
        return Period(start, start + timedelta(days=13))
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def is_period_start(level: Level | str, day: date) -> bool:
    return period_of(level, day).start == day


def due_periods(level: Level | str, *, start: date, today: date) -> list[Period]:
    """Every period of `level` from the one containing `start` to the one containing `today`
    (the current period included: it is due, not yet missed), oldest first."""
    if start > today:
        return []
    out = []
    period = period_of(level, start)
    while period.start <= today:
        out.append(period)
        period = period_of(level, period.end + timedelta(days=1))
    return out


def grace_end(period: Period, grace_days: int = GRACE_WORKING_DAYS, *,
              days_off: Collection[date] = (), extra_working_days: Collection[date] = ()) -> date:
    """The last day a meeting of `period` is still on time."""
    if grace_days <= 0:
        return period.end
    return add_working_days(period.end + timedelta(days=1), grace_days, days_off=days_off,
                            extra_working_days=extra_working_days)


def missed(held_periods: Iterable[date | Period], due_periods: Iterable[Period], today: date,
           grace_days: int = GRACE_WORKING_DAYS, *, days_off: Collection[date] = (),
           extra_working_days: Collection[date] = ()) -> list[Period]:
    """The due periods past their end and grace with no meeting (held periods are given by
    their start day or as periods), oldest first."""
    held = {p.start if isinstance(p, Period) else p for p in held_periods}
    return [p for p in sorted(due_periods) if p.start not in held
            and today > grace_end(p, grace_days, days_off=days_off, extra_working_days=extra_working_days)]


def period_label(level: Level | str, period: Period) -> str:
    """"2026年第48周", "2026年11月30日—12月13日", "2026年11月"."""
    level = Level(level)
    if level is Level.TEAM:
        year, week, _ = period.start.isocalendar()
        return f"{year}年第{week}周"
    if level is Level.ORGANIZATION:
        end = f"{period.end.month}月{period.end.day}日"
        if period.end.year != period.start.year:
            end = f"{period.end.year}年{end}"
        return f"{period.start.year}年{period.start.month}月{period.start.day}日—{end}"
    return f"{period.start.year}年{period.start.month}月"


def missed_text(level: Level | str, period: Period) -> str:
    """The plain flag of a missed meeting: "2026年第48周网格研判未召开"."""
    return f"{period_label(level, period)}{LEVEL_TEXT[Level(level)]}未召开"


# --- who holds and who reads each level's meetings -------------------------------------------

ORG_STAFF = frozenset({"secretary", "clerk"})
OVERSEERS = frozenset({"street", "county"})


@dataclass(frozen=True)
class ScopeFacts:
    """A meeting's scope: the level, the organization (community or street) and, for a team,
    the grid and whether the actor leads that grid's team (read from TeamMember by the caller)."""

    level: Level
    org_id: int
    org_path: str
    grid_id: int | None = None
    actor_leads_grid: bool = False


def can_hold_meeting(actor: Actor, scope: ScopeFacts) -> bool:
    """Records the meeting and its decisions: the team leader for a team, the secretary or
    clerk for their organization, the street committee for the street."""
    if scope.level is Level.TEAM:
        return scope.actor_leads_grid
    if scope.level is Level.ORGANIZATION:
        return actor.role in ORG_STAFF and actor.org_id == scope.org_id
    return actor.role == "street" and actor.org_id == scope.org_id


def can_read_meetings(actor: Actor, scope: ScopeFacts) -> bool:
    """Those who hold them, the organization's staff for its grids' teams, and the street and
    county above."""
    if can_hold_meeting(actor, scope):
        return True
    if actor.role in ORG_STAFF and scope.level is Level.TEAM:
        return actor.org_id == scope.org_id
    if actor.role in OVERSEERS:
        return within(scope.org_path, actor.org_path)
    return False


def can_view_dashboard(actor: Actor, org_path: str, org_id: int) -> bool:
    """The dashboard of a community: its secretary and clerk, the street and county above."""
    if actor.role in ORG_STAFF:
        return actor.org_id == org_id
    if actor.role in OVERSEERS:
        return within(org_path, actor.org_path)
    return False
