from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pingxing.volunteers import rules

TODAY = dt.date(2026, 5, 1)


def _activity(**kw):
    values = {"date": dt.date(2026, 5, 3), "capacity": 2, "taken": 0, "signup_open": True, **kw}
    return rules.ActivityFacts(**values)


def test_a_member_may_sign_up_for_an_open_future_activity_with_room():
    assert rules.signup_problem(_activity(), today=TODAY, already=False) == ""


def test_sign_up_is_refused_when_closed_full_already_or_past():
    assert rules.signup_problem(_activity(signup_open=False), today=TODAY, already=False) == "closed"
    assert rules.signup_problem(_activity(taken=2), today=TODAY, already=False) == "full"
    assert rules.signup_problem(_activity(), today=TODAY, already=True) == "already"
    assert rules.signup_problem(_activity(date=dt.date(2026, 4, 30)), today=TODAY, already=False) == "past"


def test_cancel_is_allowed_only_before_the_activity_day():
    assert rules.can_cancel(dt.date(2026, 5, 2), today=TODAY)
    assert not rules.can_cancel(TODAY, today=TODAY)


def test_hours_are_positive_at_most_twelve_in_half_hour_steps():
    assert rules.parse_hours("3.5") == Decimal("3.5")
    assert rules.parse_hours(12) == Decimal("12.0")
    for bad in ("0", "-1", "12.5", "1.2", "abc", "NaN", "Infinity", ""):
        assert rules.parse_hours(bad) is None, bad


def test_yearly_totals_per_member_and_team_include_corrections():
    entries = [
        rules.EntryFacts(member_id=1, team_id=7, date=dt.date(2026, 3, 1), hours=Decimal("3")),
        rules.EntryFacts(member_id=1, team_id=7, date=dt.date(2026, 3, 1), hours=Decimal("-1")),
        rules.EntryFacts(member_id=2, team_id=7, date=dt.date(2026, 6, 1), hours=Decimal("2.5")),
        rules.EntryFacts(member_id=1, team_id=None, date=dt.date(2025, 6, 1), hours=Decimal("4")),
    ]
    assert rules.yearly_by_member(entries, year=2026) == {1: Decimal("2"), 2: Decimal("2.5")}
    assert rules.yearly_by_team(entries, year=2026) == {7: Decimal("4.5")}
    assert rules.per_year(entries) == {2026: Decimal("4.5"), 2025: Decimal("4")}
