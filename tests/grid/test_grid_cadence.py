"""When analysis meetings are due and when one counts as missed (pure: no database)."""

from __future__ import annotations

from datetime import date

from pingxing.core.scope import Actor
from pingxing.grid import cadence
from pingxing.grid.cadence import (
    FORTNIGHT_ANCHOR,
    Level,
    Period,
    ScopeFacts,
    due_periods,
    missed,
    period_of,
)


def test_a_team_week_runs_from_monday_to_sunday_and_is_named_by_its_iso_week():
    week = period_of(Level.TEAM, date(2026, 11, 25))
    assert week == Period(date(2026, 11, 23), date(2026, 11, 29))
    assert cadence.period_label(Level.TEAM, week) == "2026年第48周"
    assert cadence.missed_text(Level.TEAM, week) == "2026年第48周网格研判未召开"


def test_fortnights_count_from_the_fixed_anchor_monday_and_cross_new_year_unbroken():
    assert FORTNIGHT_ANCHOR.weekday() == 0
    assert period_of(Level.ORGANIZATION, date(2024, 1, 14)) == Period(date(2024, 1, 1), date(2024, 1, 14))
    assert period_of(Level.ORGANIZATION, date(2024, 1, 15)) == Period(date(2024, 1, 15), date(2024, 1, 28))
    across = period_of(Level.ORGANIZATION, date(2025, 1, 5))
    assert across == Period(date(2024, 12, 30), date(2025, 1, 12)) and across.days == 14
    assert cadence.period_label(Level.ORGANIZATION, across) == "2024年12月30日—2025年1月12日"
    assert period_of(Level.ORGANIZATION, date(2023, 12, 31)) == Period(date(2023, 12, 18), date(2023, 12, 31))


def test_the_street_meets_by_calendar_month():
    assert period_of(Level.STREET, date(2024, 2, 10)) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert period_of(Level.STREET, date(2026, 12, 31)) == Period(date(2026, 12, 1), date(2026, 12, 31))
    assert cadence.period_label(Level.STREET, Period(date(2026, 11, 1), date(2026, 11, 30))) == "2026年11月"


def test_due_periods_run_from_the_start_to_the_current_period():
    assert due_periods(Level.TEAM, start=date(2026, 11, 25), today=date(2026, 12, 2)) == [
        Period(date(2026, 11, 23), date(2026, 11, 29)), Period(date(2026, 11, 30), date(2026, 12, 6))]
    assert len(due_periods(Level.STREET, start=date(2026, 1, 31), today=date(2026, 12, 2))) == 12
    assert due_periods(Level.TEAM, start=date(2026, 12, 3), today=date(2026, 12, 2)) == []


def test_a_meeting_is_missed_only_after_three_working_days_of_grace_which_skip_national_day():
    # The week ends on Sunday 2025-09-28, a 调休 working day; grace: 09-29, 09-30, then 国庆
    # (10-01 to 10-08), then Thursday 10-09.
    week = period_of(Level.TEAM, date(2025, 9, 24))
    assert cadence.grace_end(week) == date(2025, 10, 9)
    assert missed([], [week], date(2025, 10, 9)) == []
    assert missed([], [week], date(2025, 10, 10)) == [week]
    assert missed([week.start], [week], date(2025, 10, 10)) == []  # held (even late): not missed
    assert missed([week], [week], date(2025, 12, 1)) == []


def test_missed_lists_only_the_periods_without_a_meeting_oldest_first():
    due = due_periods(Level.TEAM, start=date(2026, 11, 2), today=date(2026, 12, 2))
    held = [due[1].start, due[3].start]
    assert missed(held, due, date(2026, 12, 2)) == [due[0], due[2]]  # due[3] (11-23..29) held, due[4] current


def test_the_level_copies_the_model_choices():
    from pingxing.grid.models_meetings import MeetingLevel

    assert [level.value for level in Level] == list(MeetingLevel.values)


TEAM = ScopeFacts(level=Level.TEAM, org_id=11, org_path="/1/2/11/", grid_id=5)
ORG = ScopeFacts(level=Level.ORGANIZATION, org_id=11, org_path="/1/2/11/")
STREET = ScopeFacts(level=Level.STREET, org_id=2, org_path="/1/2/")


def test_each_level_is_recorded_by_its_own_convener_only():
    leader = ScopeFacts(level=Level.TEAM, org_id=11, org_path="/1/2/11/", grid_id=5, actor_leads_grid=True)
    secretary = Actor(role="secretary", org_path="/1/2/11/", org_id=11)
    street = Actor(role="street", org_path="/1/2/", org_id=2)
    county = Actor(role="county", org_path="/1/", org_id=1)
    member = Actor(role="member", org_path="/1/2/11/", org_id=11, user_id=9)
    assert cadence.can_hold_meeting(member, leader) and not cadence.can_hold_meeting(member, TEAM)
    assert not cadence.can_hold_meeting(secretary, TEAM) and cadence.can_read_meetings(secretary, TEAM)
    assert cadence.can_hold_meeting(secretary, ORG) and not cadence.can_hold_meeting(street, ORG)
    assert cadence.can_hold_meeting(street, STREET) and not cadence.can_hold_meeting(county, STREET)
    assert cadence.can_read_meetings(county, STREET) and cadence.can_read_meetings(street, ORG)
    assert not cadence.can_read_meetings(member, ORG) and not cadence.can_read_meetings(secretary, STREET)
    other = Actor(role="secretary", org_path="/1/2/12/", org_id=12)
    assert not cadence.can_read_meetings(other, TEAM) and not cadence.can_view_dashboard(other, "/1/2/11/", 11)
    assert cadence.can_view_dashboard(street, "/1/2/11/", 11) and not cadence.can_view_dashboard(member, "/1/2/11/", 11)
