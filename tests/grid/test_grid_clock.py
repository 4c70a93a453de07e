"""The working-day clock of a service case: deadlines across 国庆 and 调休 (real schedules from
chinese_calendar), county days off, and the warning light. Pure: no database, no Django."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pingxing.grid.clock import (
    GREEN,
    RED,
    YELLOW,
    WorkCalendar,
    deadline,
    local_date,
    warning_light,
    working_days_between,
)
from pingxing.ratings.calendar import is_working_day

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def test_the_real_2024_national_day_schedule_is_what_the_tests_assume():
    assert chinese_calendar.is_workday(D(2024, 9, 27))  # Friday
    assert not chinese_calendar.is_workday(D(2024, 9, 28))  # Saturday off
    assert chinese_calendar.is_workday(D(2024, 9, 29))  # Sunday worked (调休)
    assert not any(chinese_calendar.is_workday(D(2024, 10, d)) for d in range(1, 8))  # 国庆
    assert chinese_calendar.is_workday(D(2024, 10, 12))  # Saturday worked (调休)


def test_three_days_from_the_friday_before_national_day_end_after_the_holiday():
    # Counting starts the day after registration: 09-29 (调休 Sunday), 09-30, then 10-08.
    assert deadline(D(2024, 9, 27), 3) == D(2024, 10, 8)
    assert deadline(D(2024, 9, 27), 2) == D(2024, 9, 30)


def test_an_adjusted_working_saturday_counts_as_a_working_day():
    assert D(2024, 10, 12).weekday() == 5
    assert deadline(D(2024, 10, 11), 1) == D(2024, 10, 12)
    assert deadline(D(2024, 10, 18), 1) == D(2024, 10, 21)  # an ordinary Saturday does not


def test_the_registration_day_itself_is_not_counted_even_on_a_weekend():
    assert deadline(D(2024, 11, 4), 1) == D(2024, 11, 5)  # Monday → Tuesday
    assert deadline(D(2024, 11, 2), 1) == D(2024, 11, 4)  # Saturday → Monday


def test_county_days_off_and_extra_working_days_move_the_deadline():
    monday = D(2024, 11, 4)
    assert deadline(monday, 2, days_off={D(2024, 11, 5)}) == D(2024, 11, 7)
    assert deadline(D(2024, 11, 8), 1, extra_working_days={D(2024, 11, 9)}) == D(2024, 11, 9)
    calendar = WorkCalendar(days_off=frozenset({D(2024, 11, 5)}))
    assert calendar.deadline(monday, 2) == D(2024, 11, 7)
    assert calendar.working_days_between(monday, D(2024, 11, 7)) == 2


def test_a_time_limit_needs_at_least_one_day():
    with pytest.raises(ValueError):
        deadline(D(2024, 11, 4), 0)


def test_working_days_between_counts_after_the_start_up_to_the_end():
    assert working_days_between(D(2024, 9, 27), D(2024, 10, 8)) == 3
    assert working_days_between(D(2024, 10, 8), D(2024, 9, 27)) == 0
    assert working_days_between(D(2024, 10, 8), D(2024, 10, 8)) == 0


@settings(max_examples=100, derandomize=True, deadline=None)
@given(start=st.dates(D(2024, 1, 1), D(2025, 12, 1)), days=st.integers(1, 20))
def test_a_deadline_is_a_working_day_exactly_n_working_days_on(start, days):
    end = deadline(start, days)
    assert is_working_day(end)
    assert working_days_between(start, end) == days
    assert deadline(start, days + 1) > end
    assert deadline(end, 2) == deadline(start, days + 2)  # an extension just continues the count


def test_a_five_day_case_turns_yellow_on_its_fourth_working_day_and_red_after_the_deadline():
    start = D(2024, 11, 1)  # Friday; days: 11-04 … 11-08
    end = deadline(start, 5)
    assert end == D(2024, 11, 8)
    assert warning_light(start, end, start) == GREEN
    assert warning_light(D(2024, 11, 6), end, start) == GREEN  # 3 of 5 used
    assert warning_light(D(2024, 11, 7), end, start) == YELLOW  # 4 of 5: 80 %
    assert warning_light(end, end, start) == YELLOW
    assert warning_light(D(2024, 11, 9), end, start) == RED  # the Saturday after
    assert warning_light(D(2024, 11, 6), end, start, yellow_at=0.6) == YELLOW


def test_the_last_working_day_is_always_yellow():
    start = D(2024, 11, 4)
    one_day = deadline(start, 1)
    assert warning_light(start, one_day, start) == GREEN
    assert warning_light(one_day, one_day, start) == YELLOW
    ten = deadline(start, 10)
    assert warning_light(ten, ten, start, yellow_at=1.0) == YELLOW
    assert warning_light(ten - dt.timedelta(days=1), ten, start, yellow_at=1.0) == GREEN


def test_the_national_day_holiday_uses_no_time():
    start = D(2024, 9, 27)
    end = deadline(start, 5)  # 09-29, 09-30, 10-08, 10-09, 10-10
    assert end == D(2024, 10, 10)
    assert warning_light(D(2024, 10, 5), end, start) == GREEN  # 2 of 5 used, the rest holiday


def test_yellow_at_must_be_a_share():
    with pytest.raises(ValueError):
        warning_light(D(2024, 11, 4), D(2024, 11, 8), D(2024, 11, 1), yellow_at=0)


def test_local_date_is_the_date_in_china_and_refuses_naive_times():
    assert local_date(dt.datetime(2024, 9, 27, 17, 0, tzinfo=dt.UTC)) == D(2024, 9, 28)
    assert local_date(dt.datetime(2024, 9, 27, 23, 0, tzinfo=SHANGHAI)) == D(2024, 9, 27)
    with pytest.raises(ValueError):
        local_date(dt.datetime(2024, 9, 27, 10, 0))  # noqa: DTZ001 - the naive time under test
