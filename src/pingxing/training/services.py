"""Every write of training records: atomic, audited in the same transaction, errors in Chinese.
ID numbers enter only to be checked and digested; neither they nor their digests reach the trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser
from pingxing.members.models import Member, id_number_digest
from pingxing.members.validators import id_number_error, normalize_id_number
from pingxing.orgs.models import Organization
from pingxing.training.models import (
    MAX_SESSION_HOURS,
    Attendance,
    Channel,
    Course,
    HoursTarget,
    Session,
    Trainee,
    TraineeCategory,
)

MIN_YEAR, MAX_YEAR = 2000, 2100
TENTH = Decimal("0.1")


class TrainingError(Exception):
    """A refused write; the message is for the user."""


def as_hours(value: Any) -> Decimal | None:
    """A number of hours to one decimal (2, "1.5", 1.5); None when it is not a number."""
    try:
        hours = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not hours.is_finite():
        return None
    return hours.quantize(TENTH)


def _checked_hours(value: Any, *, limit: Decimal) -> Decimal:
    hours = as_hours(value)
    if hours is None or hours <= 0 or hours > limit:
        raise TrainingError(_("学时应为大于0、不超过%(limit)s的数字（可到一位小数，如1.5）。") % {"limit": limit})
    return hours


def course_create(*, title: str, channel: str, audience: Iterable[str], organizer: Organization, year: int,
                  description: str = "", by: ActingUser | None, request: Any = None) -> Course:
    """A course of one year given by `organizer` through one channel, for some categories."""
    title = (title or "").strip()
    categories = [c for c in TraineeCategory.values if c in set(audience)]
    if not title:
        raise TrainingError(_("请填写课程名称。"))
    if channel not in Channel.values:
        raise TrainingError(_("请选择培训渠道。"))
    if not categories:
        raise TrainingError(_("请至少选择一类培训对象。"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise TrainingError(_("年度“%(year)s”无效。") % {"year": year})
    with transaction.atomic():
        course: Course = Course.objects.create(title=title[:100], channel=channel, audience=categories,
                                               organizer=organizer, year=year, description=description.strip(),
                                               created_by=by if by is not None and by.pk else None)
        audit_record(action=AuditAction.CREATE, user=by, obj=course, organization=organizer, request=request,
                     changes={"title": [None, course.title], "channel": [None, channel],
                              "audience": [None, categories], "year": [None, year]})
    return course


def session_create(*, course: Course, date: dt.date, hours: Any, place: str = "", note: str = "",
                   by: ActingUser | None, request: Any = None) -> Session:
    """One sitting of a course, in the course's year, of at most MAX_SESSION_HOURS hours."""
    checked = _checked_hours(hours, limit=MAX_SESSION_HOURS)
    if date.year != course.year:
        raise TrainingError(_("场次日期应在课程年度（%(year)s年）内。") % {"year": course.year})
    with transaction.atomic():
        session: Session = Session.objects.create(course=course, date=date, hours=checked,
                                                  place=(place or "").strip()[:100], note=(note or "").strip()[:200])
        audit_record(action=AuditAction.CREATE, user=by, obj=session, organization=course.organizer,
                     request=request, object_repr=str(session),
                     changes={"date": [None, date.isoformat()], "hours": [None, str(checked)]})
    return session


def _trainee_create(*, name: str, category: str, organization: Organization, digest: str, tail: str,
                    member: Member | None, by: ActingUser | None, request: Any = None) -> Trainee:
    trainee: Trainee = Trainee.objects.create(name=name[:50], category=category, organization=organization,
                                              member=member, id_number_digest=digest, id_number_tail=tail[-4:])
    audit_record(action=AuditAction.CREATE, user=by, obj=trainee, organization=organization, request=request,
                 changes={"name": [None, trainee.name], "category": [None, category],
                          "member_id": [None, member.pk if member else None]})
    return trainee


def trainee_register(*, name: str, category: str, organization: Organization, id_number: str,
                     member: Member | None = None, by: ActingUser | None, request: Any = None) -> Trainee:
    """Register a person who attends training; their ID number is checked and kept as a digest only."""
    id_number = normalize_id_number(id_number)
    if problem := id_number_error(id_number):
        raise TrainingError(problem)
    if category not in TraineeCategory.values:
        raise TrainingError(_("请选择参训人员类别。"))
    if not (name or "").strip():
        raise TrainingError(_("请填写姓名。"))
    digest = id_number_digest(id_number)
    with transaction.atomic():
        if Trainee.objects.filter(id_number_digest=digest).exists():
            raise TrainingError(_("该身份证号已登记为参训人员。"))
        return _trainee_create(name=name.strip(), category=category, organization=organization, digest=digest,
                               tail=id_number, member=member, by=by, request=request)


def attendance_record(*, session: Session, trainee: Trainee, hours: Any = None, by: ActingUser | None,
                      request: Any = None) -> Attendance:
    """That `trainee` attended `session`, for its hours or fewer (partial attendance)."""
    checked = session.hours if hours in (None, "") else _checked_hours(hours, limit=session.hours)
    try:
        with transaction.atomic():
            attendance: Attendance = Attendance.objects.create(
                session=session, trainee=trainee, hours=checked, recorded_by=by if by is not None and by.pk else None)
            audit_record(action=AuditAction.CREATE, user=by, obj=attendance, organization=trainee.organization,
                         request=request, object_repr=f"{trainee.name} {session}",
                         changes={"hours": [None, str(checked)]})
    except IntegrityError:
        raise TrainingError(_("%(name)s的本场参训记录已登记。") % {"name": trainee.name}) from None
    return attendance


def attendance_import(*, session: Session, rows: Sequence[dict[str, Any]], by: ActingUser | None,
                      request: Any = None) -> list[Attendance]:
    """Save the checked rows of an attendance sheet (importing.parse_attendance) in one
    transaction: new trainees first, then every attendance; one import entry in the trail."""
    try:
        with transaction.atomic():
            audit_record(action="training_import", user=by, obj=session, organization=session.course.organizer,
                         object_repr=str(session), request=request, changes={"rows": [None, len(rows)]})
            made = []
            for row in rows:
                trainee = row["trainee"] or _trainee_create(
                    name=row["name"], category=row["category"], organization=row["organization"],
                    digest=row["digest"], tail=row["tail"], member=row["member"], by=by, request=request)
                made.append(Attendance(session=session, trainee=trainee, hours=row["hours"] or session.hours,
                                       recorded_by=by if by is not None and by.pk else None))
            saved: list[Attendance] = Attendance.objects.bulk_create(made)
    except IntegrityError:  # recorded by a simultaneous upload: nothing of this one is kept
        raise TrainingError(_("本场参训记录刚被他人修改，请重新上传。")) from None
    return saved


def target_set(*, organization: Organization, year: int, category: str, hours: Any,
               by: ActingUser | None, request: Any = None) -> HoursTarget | None:
    """Set an office's yearly hours target of a category; an empty value returns to the default."""
    if category not in TraineeCategory.values:
        raise TrainingError(_("请选择参训人员类别。"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise TrainingError(_("年度“%(year)s”无效。") % {"year": year})
    with transaction.atomic():
        current = HoursTarget.objects.select_for_update().filter(
            organization=organization, year=year, category=category).first()
        old = str(current.hours) if current else None
        if hours in (None, ""):
            if current is not None:
                current.delete()
                audit_record(action=AuditAction.DELETE, user=by, object_type="training.hourstarget",
                             object_id=f"{organization.pk}-{year}-{category}", organization=organization,
                             request=request, changes={"hours": [old, None]})
            return None
        checked = _checked_hours(hours, limit=Decimal("999"))
        target: HoursTarget
        target, _created = HoursTarget.objects.update_or_create(
            organization=organization, year=year, category=category, defaults={"hours": checked})
        audit_record(action=AuditAction.UPDATE, user=by, obj=target, organization=organization, request=request,
                     object_repr=f"{year} {TraineeCategory(category).label}", changes={"hours": [old, str(checked)]})
    return target


def trainee_for_member(*, member: Member, by: ActingUser | None, request: Any = None) -> Trainee:
    """The trainee linked to a Party member, registered (as 党员 of the member's organization)
    on first use: for pages that record attendance from an organization's member list."""
    with transaction.atomic():
        trainee: Trainee | None = Trainee.objects.filter(member=member).first()
        if trainee is None:
            trainee = Trainee.objects.filter(id_number_digest=member.id_number_digest).first()
            if trainee is not None and trainee.member_id is None:
                trainee.member = member
                trainee.save(update_fields=["member"])
        if trainee is None:
            trainee = _trainee_create(name=member.name, category="member",
                                      organization=member.organization, digest=member.id_number_digest,
                                      tail=member.id_number or "", member=member, by=by, request=request)
        return trainee
