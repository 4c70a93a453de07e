"""Opening hours of a station (pure: plain values in). A week is a list of slots
{"weekday": 0 (Monday) … 6, "from": "HH:MM", "to": "HH:MM"}."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Slot:
    weekday: int
    start: dt.time
    end: dt.time


def _time(value: Any) -> dt.time | None:
    try:
        hour, minute = str(value).split(":")
        return dt.time(int(hour), int(minute))
    except (ValueError, TypeError):
        return None


def parse_slots(raw: Iterable[Mapping[str, Any]]) -> list[Slot]:
    """The valid slots of stored hours (a slot ending before it starts, or unreadable, is left out)."""
    slots = []
    for item in raw:
        weekday, start, end = item.get("weekday"), _time(item.get("from")), _time(item.get("to"))
        if not isinstance(weekday, int) or not 0 <= weekday <= 6 or start is None or end is None:
            continue
        if start < end:
            slots.append(Slot(weekday, start, end))
    return sorted(slots, key=lambda s: (s.weekday, s.start))


def is_open(slots: Iterable[Slot], at: dt.datetime) -> bool:
    """Whether the station is open at `at` (the start minute included, the end minute not)."""
    now = at.time()
    return any(s.weekday == at.weekday() and s.start <= now < s.end for s in slots)


def next_opening(slots: Iterable[Slot], at: dt.datetime) -> dt.datetime | None:
    """When the station next opens after `at` (now, if open now: the current slot's start is
    in the past, so the next one); None when it never opens."""
    ordered = list(slots)
    if not ordered:
        return None
    for days in range(8):
        day = at.date() + dt.timedelta(days=days)
        for slot in ordered:
            if slot.weekday != day.weekday():
                continue
            start = dt.datetime.combine(day, slot.start, tzinfo=at.tzinfo)
            if start > at:
                return start
    return None


def slots_as_data(slots: Iterable[Slot]) -> list[dict[str, Any]]:
    return [{"weekday": s.weekday, "from": s.start.strftime("%H:%M"), "to": s.end.strftime("%H:%M")}
            for s in slots]
