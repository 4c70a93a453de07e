"""Working days: China's public holidays and 调休 (real 2010 and 2025 schedules), county days off,
the weekends-only fallback for years without a schedule, and the `days_off` command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pingxing.audit.models import AuditEntry
from pingxing.ratings import samples, services
from pingxing.ratings.calendar import (
    add_working_days,
    is_working_day,
    official_schedule_known,
    working_period,
)
from pingxing.ratings.models import DayOff

D = dt.date
UNKNOWN_YEAR = 2003  # the package's data begins in 2004


# --- pure: no database -------------------------------------------------------------------

def test_five_working_days_skip_the_weekend():
    friday = D(2010, 11, 26)
    assert add_working_days(friday, 5) == D(2010, 12, 2)
    assert add_working_days(D(2010, 11, 27), 1) == D(2010, 11, 29)  # Saturday start
    assert add_working_days(friday, 2, days_off={D(2010, 11, 29)}) == D(2010, 11, 30)


def test_a_2010_notice_crossing_national_day_ends_on_the_adjusted_working_saturday():
    # 2010-09-28 Tue, 29, 30, [10-01 … 10-07 国庆], 10-08 Fri, 10-09 Sat (调休上班)
    assert add_working_days(D(2010, 9, 28), 5) == D(2010, 10, 9)
    assert D(2010, 10, 9).weekday() == 5


def test_a_2025_notice_crossing_national_day_and_mid_autumn_ends_on_the_adjusted_saturday():
    # 2025-09-29 Mon, 30, [10-01 … 10-08 国庆、中秋], 10-09 Thu, 10-10 Fri, 10-11 Sat (调休上班)
    assert add_working_days(D(2025, 9, 29), 5) == D(2025, 10, 11)


def test_an_adjusted_working_sunday_counts_as_the_first_day():
    # 2025-09-28 is a Sunday worked for 国庆
    period = working_period(D(2025, 9, 28), 5)
    assert (period.starts_on, period.ends_on) == (D(2025, 9, 28), D(2025, 10, 10))
    assert not period.is_estimate
    assert is_working_day(D(2010, 9, 26))  # a Sunday worked in 2010 too


def test_a_period_starting_on_a_holiday_begins_on_the_next_working_day():
    period = working_period(D(2010, 10, 1), 1)
    assert (period.starts_on, period.ends_on) == (D(2010, 10, 8), D(2010, 10, 8))
    assert not is_working_day(D(2025, 10, 8))  # the eighth day of the 2025 holiday


def test_a_county_day_off_is_skipped_and_an_extra_working_day_counts():
    assert add_working_days(D(2010, 9, 28), 5, days_off={D(2010, 10, 8)}) == D(2010, 10, 11)
    assert add_working_days(D(2010, 11, 26), 2, extra_working_days={D(2010, 11, 28)}) == D(2010, 11, 28)
    assert not is_working_day(D(2010, 11, 29), days_off={D(2010, 11, 29)}, extra_working_days={D(2010, 11, 29)})


def test_the_package_knows_2010_and_2025_but_not_a_year_before_2004():
    assert official_schedule_known(D(2010, 10, 1))
    assert official_schedule_known(D(2025, 10, 1))
    assert not official_schedule_known(D(UNKNOWN_YEAR, 10, 1))


def test_a_year_without_a_schedule_counts_weekends_only_and_says_so():
    # 2003-10-01 was a holiday, but the package does not know 2003: Mon 29 … Fri 3 October.
    period = working_period(D(UNKNOWN_YEAR, 9, 29), 5)
    assert period.ends_on == D(UNKNOWN_YEAR, 10, 3)
    assert period.estimated_years == (UNKNOWN_YEAR,)
    assert period.is_estimate
    # far future, across a year end (Thu 31 Dec 2099, Fri 1 Jan, Mon 4 Jan): never an error
    assert add_working_days(D(2099, 12, 31), 3) == D(2100, 1, 4)
    assert working_period(D(2099, 12, 31), 3).estimated_years == (2099, 2100)


def test_a_period_needs_at_least_one_day():
    with pytest.raises(ValueError):
        add_working_days(D(2010, 9, 28), 0)


# --- notice_start and the days_off command --------------------------------------------------

def _accepted(county):
    case = county.case(county.community)
    facts = samples.facts_for_star(5, county.community.code, 2010, seed=5)
    services.declaration_submit(case=case, facts=facts, declared_star=5, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=D(2010, 9, 20), inspectors="验收组", findings="属实")
    return case


def test_the_notice_period_skips_national_day_and_the_county_day_off(county):
    DayOff.objects.create(date=D(2010, 10, 8), name="县庆")
    case = services.notice_start(case=_accepted(county), by=county.county_user, starts_on=D(2010, 9, 28))
    case.refresh_from_db()
    assert (case.notice_starts_on, case.notice_ends_on) == (D(2010, 9, 28), D(2010, 10, 11))
    assert case.transitions.get(action="start_notice").reason == ""


def test_the_public_notice_shows_the_end_date_counted_in_working_days(county, client):
    services.notice_start(case=_accepted(county), by=county.county_user, starts_on=D(2010, 9, 28))
    page = client.get("/public/notice/").content.decode()
    assert "2010年9月28日" in page
    assert "2010年10月9日" in page  # the adjusted working Saturday, not 2010-10-04


def test_a_notice_in_a_year_without_a_schedule_is_estimated_and_recorded_so(county):
    case = services.notice_start(case=_accepted(county), by=county.county_user, starts_on=D(UNKNOWN_YEAR, 9, 29))
    case.refresh_from_db()
    assert case.notice_ends_on == D(UNKNOWN_YEAR, 10, 3)
    reason = case.transitions.get(action="start_notice").reason
    assert "仅按周末推算" in reason
    assert str(UNKNOWN_YEAR) in reason


def test_the_county_adds_lists_and_removes_a_day_off_and_each_change_is_audited(db):
    out = StringIO()
    call_command("days_off", "add", "2010-10-08", "县庆", stdout=out)
    assert DayOff.objects.get().name == "县庆"
    call_command("days_off", "list", stdout=out)
    assert "2010-10-08  县庆" in out.getvalue()
    call_command("days_off", "remove", "2010-10-08", stdout=out)
    assert not DayOff.objects.exists()
    entries = AuditEntry.objects.filter(object_type="ratings.dayoff").order_by("seq")
    assert [e.action for e in entries] == ["create", "delete"]
    assert {e.username for e in entries} == {"cli"}


def test_a_bad_or_duplicate_day_off_is_refused_in_chinese(db):
    call_command("days_off", "add", "2010-10-08", "县庆", stdout=StringIO())
    with pytest.raises(CommandError, match="已存在"):
        call_command("days_off", "add", "2010-10-08", stdout=StringIO())
    with pytest.raises(CommandError, match="无法识别"):
        call_command("days_off", "add", "2010-13-40", stdout=StringIO())
    with pytest.raises(CommandError, match="没有日期为"):
        call_command("days_off", "remove", "2010-10-09", stdout=StringIO())
    assert DayOff.objects.count() == 1
