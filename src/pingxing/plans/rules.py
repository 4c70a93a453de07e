"""The plain arithmetic of plans (pure: no Django).

Behind schedule (落后于进度), chosen simply:
- an item not done whose due date has passed (逾期); or
- an item not done due within SOON_DAYS days that has had no progress note for QUIET_DAYS
  days (or none at all) — it is close to its date and nobody has reported on it.

A plan's progress rate is the share of its items done (None when it has no items).
Target vs achieved: 达成 when the published star reaches the target, 未达成 when it is below,
待评定 while no star is published for that year; 未申报 when there is no target at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

SOON_DAYS = 7
QUIET_DAYS = 14

DONE = "done"


class Outcome(StrEnum):
    ACHIEVED = "achieved"  # 达成
    MISSED = "missed"  # 未达成
    PENDING = "pending"  # 待评定
    NO_TARGET = "no_target"  # 未申报


@dataclass(frozen=True, slots=True)
class ItemFacts:
    state: str
    due_on: dt.date
    last_note_on: dt.date | None = None


def is_overdue(item: ItemFacts, today: dt.date) -> bool:
    return item.state != DONE and item.due_on < today


def is_behind(item: ItemFacts, today: dt.date) -> bool:
    if item.state == DONE:
        return False
    if item.due_on < today:
        return True
    if (item.due_on - today).days > SOON_DAYS:
        return False
    return item.last_note_on is None or (today - item.last_note_on).days > QUIET_DAYS


def progress_rate(states: list[str]) -> int | None:
    """Percent of items done, rounded down; None for a plan without items."""
    if not states:
        return None
    return sum(1 for s in states if s == DONE) * 100 // len(states)


def outcome(target: int | None, achieved: int | None) -> Outcome:
    if target is None:
        return Outcome.NO_TARGET
    if achieved is None:
        return Outcome.PENDING
    return Outcome.ACHIEVED if achieved >= target else Outcome.MISSED
