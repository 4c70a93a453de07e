"""Pure rules of volunteer service (no Django): signing up, hours, yearly totals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_HOURS = Decimal("12")
STEP = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    date: dt.date
    capacity: int
    taken: int
    signup_open: bool


def signup_problem(activity: ActivityFacts, *, today: dt.date, already: bool) -> str:
    """"" when the member may sign up; else a code: closed, full, already, past."""
    if not activity.signup_open:
        return "closed"
    if activity.date < today:
        return "past"
    if already:
        return "already"
    if activity.taken >= activity.capacity:
        return "full"
    return ""


def can_cancel(activity_date: dt.date, *, today: dt.date) -> bool:
    """A sign-up may be withdrawn until the day before the activity."""
    return today < activity_date


def parse_hours(value: object) -> Decimal | None:
    """Hours of one activity: 0 < h ≤ 12 in steps of 0.5; None otherwise."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not hours.is_finite() or hours <= 0 or hours > MAX_HOURS:
        return None
    if hours % STEP != 0:
        return None
    return hours.quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class EntryFacts:
    member_id: int
    team_id: int | None
    date: dt.date
    hours: Decimal


def yearly_by_member(entries: Iterable[EntryFacts], *, year: int) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for e in entries:
        if e.date.year == year:
            totals[e.member_id] += e.hours
    return dict(totals)


def yearly_by_team(entries: Iterable[EntryFacts], *, year: int) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for e in entries:
        if e.date.year == year and e.team_id is not None:
            totals[e.team_id] += e.hours
    return dict(totals)


def per_year(entries: Iterable[EntryFacts]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for e in entries:
        totals[e.date.year] += e.hours
    return dict(sorted(totals.items(), reverse=True))
