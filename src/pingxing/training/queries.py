"""Reads of training records: course lists, a session's attendance, yearly hours against the
targets (computed by the pure `hours` module) for an organization, a subtree, a member, and the
street overview — each in a bounded number of queries whatever the number of people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from pingxing.core.access import reach_q
from pingxing.core.http import actor_of
from pingxing.orgs.models import Organization
from pingxing.training.hours import (
    ZERO,
    AttendanceFact,
    HoursRow,
    TargetFact,
    TraineeFact,
    target_for,
    yearly_hours,
)
from pingxing.training.models import (
    DEFAULT_TARGET_HOURS,
    Attendance,
    Course,
    HoursTarget,
    Session,
    Trainee,
    TraineeCategory,
)
from pingxing.training.permissions import people_reach


@dataclass(frozen=True)
class TrainingOverview:
    """One organization's year of training, for the street overview."""

    people: int  # trainees registered in the organization with any hours in the year
    hours: Decimal  # their total hours
    below_target: int  # trainees registered in the organization below their category's target


def _year_span(year: int) -> Q:
    return Q(session__date__gte=dt.date(year, 1, 1), session__date__lt=dt.date(year + 1, 1, 1))


def targets_of(year: int) -> list[TargetFact]:
    """Every office's targets of the year (a handful of rows: one query)."""
    return [TargetFact(org_path=path, category=category, hours=hours) for path, category, hours in
            HoursTarget.objects.filter(year=year).values_list("organization__path", "category", "hours")]


def _facts(trainees: QuerySet[Trainee]) -> tuple[list[TraineeFact], dict[int, str]]:
    facts, names = [], {}
    for row in trainees.order_by("organization__path", "name", "pk").values(
            "pk", "name", "category", "organization_id", "organization__path", "organization__name"):
        facts.append(TraineeFact(id=row["pk"], name=row["name"], category=row["category"],
                                 org_id=row["organization_id"], org_path=row["organization__path"]))
        names[row["organization_id"]] = row["organization__name"]
    return facts, names


def _attendance_facts(attendances: QuerySet[Attendance], year: int) -> list[AttendanceFact]:
    return [AttendanceFact(trainee_id=trainee_id, year=year, hours=hours)
            for trainee_id, hours in attendances.filter(_year_span(year)).values_list("trainee_id", "hours")]


@dataclass(frozen=True)
class HoursTable:
    rows: list[HoursRow]
    org_names: dict[int, str]

    @property
    def below_target(self) -> int:
        return sum(1 for r in self.rows if r.below_target)


def hours_table(org: Organization, *, year: int) -> HoursTable:
    """Every trainee of `org` and below: hours of the year, target, shortfall (three queries)."""
    facts, names = _facts(Trainee.objects.filter(organization__path__startswith=org.path))
    attendances = _attendance_facts(Attendance.objects.filter(trainee__organization__path__startswith=org.path), year)
    rows = yearly_hours(facts, attendances, year=year, targets=targets_of(year), defaults=DEFAULT_TARGET_HOURS)
    return HoursTable(rows=rows, org_names=names)


def overview_by_org(*, org_ids: Sequence[int], year: int) -> dict[int, TrainingOverview]:
    """Per organization (trainees registered in it, not below it): people with hours in the
    year, their total hours, and people below target. Three queries whatever the count."""
    ids = list(org_ids)
    facts, _names = _facts(Trainee.objects.filter(organization_id__in=ids))
    attendances = _attendance_facts(Attendance.objects.filter(trainee__organization_id__in=ids), year)
    rows = yearly_hours(facts, attendances, year=year, targets=targets_of(year), defaults=DEFAULT_TARGET_HOURS)
    out: dict[int, dict[str, Any]] = {i: {"people": 0, "hours": ZERO, "below_target": 0} for i in ids}
    for row in rows:
        figures = out[row.org_id]
        if row.hours > 0:
            figures["people"] += 1
            figures["hours"] += row.hours
        if row.below_target:
            figures["below_target"] += 1
    return {i: TrainingOverview(**figures) for i, figures in out.items()}


@dataclass(frozen=True)
class MyTraining:
    trainee: Trainee | None
    year: int
    row: HoursRow | None
    attendances: list[Attendance]


def member_training(member_id: int | None, *, year: int) -> MyTraining:
    """我的培训: the member's sessions of the year and their hours against the target."""
    trainee = (Trainee.objects.select_related("organization").filter(member_id=member_id).first()
               if member_id else None)
    if trainee is None:
        return MyTraining(trainee=None, year=year, row=None, attendances=[])
    attendances = list(Attendance.objects.filter(_year_span(year), trainee=trainee)
                       .select_related("session__course").order_by("session__date", "pk"))
    fact = TraineeFact(id=trainee.pk, name=trainee.name, category=trainee.category,
                       org_id=trainee.organization_id, org_path=trainee.organization.path)
    row = yearly_hours([fact], [AttendanceFact(trainee.pk, year, a.hours) for a in attendances], year=year,
                       targets=targets_of(year), defaults=DEFAULT_TARGET_HOURS)[0]
    return MyTraining(trainee=trainee, year=year, row=row, attendances=attendances)


def course_list(courses: QuerySet[Course], *, year: int) -> QuerySet[Course]:
    """The year's courses with their organizer, number of sessions and hours offered."""
    return (courses.for_year(year).select_related("organizer")  # type: ignore[attr-defined]
            .annotate(session_count=Count("sessions", distinct=True), hours_total=Sum("sessions__hours"))
            .order_by("organizer__path", "title", "pk"))


def course_sessions(course: Course) -> QuerySet[Session]:
    return course.sessions.annotate(attendance_count=Count("attendances")).order_by("date", "pk")


def session_attendance(session: Session, user: Any) -> list[Attendance]:
    """The session's attendance the user may read (people of their reach), by organization and name."""
    reach = people_reach(actor_of(user))
    return list(session.attendances.filter(reach_q(reach, path="trainee__organization__path",
                                                   member="trainee__member_id"))
                .select_related("trainee__organization").order_by("trainee__organization__path", "trainee__name"))


@dataclass(frozen=True)
class TargetLine:
    category: str
    label: str
    own: Decimal | None  # what this office set, if anything
    applies: Decimal  # the target in force for its subtree (its own, an office above, or the default)
    default: Decimal


def target_lines(org: Organization, *, year: int) -> list[TargetLine]:
    """Each category's target as the office sees it (one query)."""
    targets = targets_of(year)
    own = {t.category: t.hours for t in targets if t.org_path == org.path}
    return [TargetLine(category=value, label=str(label), own=own.get(value),
                       applies=target_for(org.path, value, targets, DEFAULT_TARGET_HOURS),
                       default=DEFAULT_TARGET_HOURS[value])
            for value, label in TraineeCategory.choices]
