"""Yearly hours against the targets: a small fixture computed by hand, checked on the pure
function (no database) and on the query that feeds it from the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from pingxing.training.hours import (
    AttendanceFact,
    TargetFact,
    TraineeFact,
    target_for,
    yearly_hours,
)
from pingxing.training.models import DEFAULT_TARGET_HOURS

# Street /1/2/ with communities /1/2/3/ and /1/2/4/. Sessions: 2023 s1 3.0 h, s2 2.5 h, s3 2.0 h;
# 2022 s4 4.0 h. Targets of 2023: the street sets 两委成员 6 h and 居民代表 5 h, the county 居民代表 4 h
# (the street's, nearer, applies); 2022 has none: the defaults (24, 12, 8, 12).
TRAINEES = [
    TraineeFact(1, "甲", "committee_member", 3, "/1/2/3/"),
    TraineeFact(2, "乙", "member_representative", 3, "/1/2/3/"),
    TraineeFact(3, "丙", "resident_representative", 4, "/1/2/4/"),
    TraineeFact(4, "丁", "member", 4, "/1/2/4/"),
]
ATTENDANCE = [  # (trainee, session, hours attended)
    (1, "s1", D("3.0")), (1, "s2", D("2.5")), (1, "s3", D("1.5")), (1, "s4", D("4.0")),
    (2, "s1", D("3.0")), (2, "s3", D("2.0")),
    (3, "s2", D("2.5")), (3, "s3", D("2.0")), (3, "s4", D("4.0")),
]
SESSIONS = {"s1": (dt.date(2023, 3, 1), D("3.0")), "s2": (dt.date(2023, 6, 1), D("2.5")),
            "s3": (dt.date(2023, 12, 31), D("2.0")), "s4": (dt.date(2022, 12, 31), D("4.0"))}
TARGETS_2023 = [("/1/2/", "committee_member", D("6")), ("/1/2/", "resident_representative", D("5")),
                ("/1/", "resident_representative", D("4"))]
# by hand: trainee → (hours, sessions, target, shortfall, below)
EXPECTED = {
    2023: {1: (D("7.0"), 3, D("6"), D("0"), False), 2: (D("5.0"), 2, D("12"), D("7.0"), True),
           3: (D("4.5"), 2, D("5"), D("0.5"), True), 4: (D("0"), 0, D("12"), D("12"), True)},
    2022: {1: (D("4.0"), 1, D("24"), D("20.0"), True), 2: (D("0"), 0, D("12"), D("12"), True),
           3: (D("4.0"), 1, D("8"), D("4.0"), True), 4: (D("0"), 0, D("12"), D("12"), True)},
}


def figures(rows):
    return {r.trainee_id: (r.hours, r.sessions, r.target, r.shortfall, r.below_target) for r in rows}


@pytest.mark.parametrize("year", [2023, 2022])
def test_the_hand_computed_fixture(year):
    attendances = [AttendanceFact(t, SESSIONS[s][0].year, h) for t, s, h in ATTENDANCE]
    targets = [TargetFact(p, c, h) for p, c, h in TARGETS_2023] if year == 2023 else []
    rows = yearly_hours(TRAINEES, attendances, year=year, targets=targets, defaults=DEFAULT_TARGET_HOURS)
    assert [r.trainee_id for r in rows] == [1, 2, 3, 4]
    assert figures(rows) == EXPECTED[year]


def test_the_nearest_office_sets_the_target_and_a_sibling_street_does_not():
    targets = [TargetFact("/1/", "member", D("10")), TargetFact("/1/2/", "member", D("16")),
               TargetFact("/1/5/", "member", D("2"))]
    assert target_for("/1/2/3/", "member", targets, DEFAULT_TARGET_HOURS) == D("16")
    assert target_for("/1/6/7/", "member", targets, DEFAULT_TARGET_HOURS) == D("10")
    assert target_for("/9/", "member", targets, DEFAULT_TARGET_HOURS) == D("12")
    assert target_for("/1/2/3/", "committee_member", targets, DEFAULT_TARGET_HOURS) == D("24")


@pytest.mark.django_db
def test_the_query_gives_the_same_figures_from_the_database(world):
    from factories import fictional_id_number
    from pingxing.training import queries, services
    from pingxing.training.models import HoursTarget

    street = world.street_a
    course = services.course_create(title="课", channel="party_school", audience=["committee_member"],
                                    organizer=street, year=2023, by=None)
    course_2022 = services.course_create(title="课", channel="remote_education", audience=["member"],
                                         organizer=street, year=2022, by=None)
    sessions = {name: services.session_create(course=course if day.year == 2023 else course_2022, date=day,
                                              hours=h, by=None)
                for name, (day, h) in SESSIONS.items()}
    orgs = {3: world.a1, 4: world.a2}
    trainees = {t.id: services.trainee_register(name=t.name, category=t.category, organization=orgs[t.org_id],
                                                id_number=fictional_id_number(n=900 + t.id), by=None)
                for t in TRAINEES}
    for t, s, h in ATTENDANCE:
        services.attendance_record(session=sessions[s], trainee=trainees[t], hours=h, by=None)
    paths = {"/1/2/": street, "/1/": world.county}
    for path, category, hours in TARGETS_2023:
        HoursTarget.objects.create(organization=paths[path], year=2023, category=category, hours=hours)
    ids = {trainee.pk: key for key, trainee in trainees.items()}
    for year in (2023, 2022):
        table = queries.hours_table(street, year=year)
        assert {ids[k]: v for k, v in figures(table.rows).items()} == EXPECTED[year]
    overview = queries.overview_by_org(org_ids=[world.a1.pk, world.a2.pk, world.b1.pk], year=2023)
    assert overview[world.a1.pk] == queries.TrainingOverview(people=2, hours=D("12.0"), below_target=1)
    assert overview[world.a2.pk] == queries.TrainingOverview(people=1, hours=D("4.5"), below_target=2)
    assert overview[world.b1.pk] == queries.TrainingOverview(people=0, hours=D("0"), below_target=0)


def test_every_category_has_a_default_target():
    from pingxing.training.models import TraineeCategory

    assert set(DEFAULT_TARGET_HOURS) == set(TraineeCategory.values)
