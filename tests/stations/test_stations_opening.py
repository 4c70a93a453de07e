"""Open now? and the next opening, from a station's weekly hours (pure)."""

from __future__ import annotations

import datetime as dt

from pingxing.stations.opening import is_open, next_opening, parse_slots, slots_as_data

WEEK = parse_slots([
    {"weekday": 0, "from": "08:30", "to": "11:30"},
    {"weekday": 0, "from": "14:00", "to": "17:00"},
    {"weekday": 2, "from": "09:00", "to": "12:00"},
])
MONDAY = dt.date(2026, 11, 30)


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def test_open_inside_a_slot_and_closed_at_its_end_and_between_slots():
    assert is_open(WEEK, at(MONDAY, 8, 30))
    assert is_open(WEEK, at(MONDAY, 11, 29))
    assert not is_open(WEEK, at(MONDAY, 11, 30))
    assert not is_open(WEEK, at(MONDAY, 12))
    assert not is_open(WEEK, at(MONDAY + dt.timedelta(days=1), 9))


def test_the_next_opening_is_the_afternoon_then_wednesday_then_next_monday():
    assert next_opening(WEEK, at(MONDAY, 12)) == at(MONDAY, 14)
    assert next_opening(WEEK, at(MONDAY, 17)) == at(MONDAY + dt.timedelta(days=2), 9)
    assert next_opening(WEEK, at(MONDAY + dt.timedelta(days=2), 9)) == at(MONDAY + dt.timedelta(days=7), 8, 30)


def test_a_station_without_hours_never_opens():
    assert not is_open([], at(MONDAY, 9))
    assert next_opening([], at(MONDAY, 9)) is None


def test_unreadable_or_backwards_slots_are_left_out_and_the_rest_round_trips():
    slots = parse_slots([{"weekday": 7, "from": "08:00", "to": "09:00"}, {"weekday": 1, "from": "x", "to": "09:00"},
                         {"weekday": 1, "from": "10:00", "to": "09:00"}, {"weekday": 4, "from": "08:00", "to": "09:00"}])
    assert slots_as_data(slots) == [{"weekday": 4, "from": "08:00", "to": "09:00"}]
    assert parse_slots(slots_as_data(WEEK)) == WEEK
