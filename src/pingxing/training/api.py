"""The training app's JSON endpoints (mounted by pingxing.api): the same access helpers and
queries as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from pingxing.training import access, queries

router = Router(tags=["教育培训"])


class HoursOut(Schema):
    trainee_id: int
    name: str
    category: str
    org_id: int
    sessions: int
    hours: Decimal
    target: Decimal
    shortfall: Decimal
    below_target: bool


class AttendanceOut(Schema):
    trainee_id: int
    name: str
    category: str
    org_id: int
    hours: Decimal


class SessionOut(Schema):
    id: int
    course_id: int
    course: str
    channel: str
    organizer_id: int
    date: date
    hours: Decimal
    place: str
    attendances: list[AttendanceOut]


@router.get("/training/hours", response=list[HoursOut], summary="组织（含下级）参训人员年度学时")
def hours(request: HttpRequest, org: int, year: int | None = None) -> Any:
    found = access.get_hours_org_for_user(request.user, org, request=request)
    table = queries.hours_table(found, year=year or timezone.localdate().year)
    return [{"trainee_id": r.trainee_id, "name": r.name, "category": r.category, "org_id": r.org_id,
             "sessions": r.sessions, "hours": r.hours, "target": r.target, "shortfall": r.shortfall,
             "below_target": r.below_target} for r in table.rows]


@router.get("/training/sessions/{session_id}", response=SessionOut, summary="培训场次与参训记录")
def session(request: HttpRequest, session_id: int) -> Any:
    found = access.get_session_for_user(request.user, session_id, request=request)
    course = found.course
    return {"id": found.pk, "course_id": course.pk, "course": course.title, "channel": course.channel,
            "organizer_id": course.organizer_id, "date": found.date, "hours": found.hours, "place": found.place,
            "attendances": [{"trainee_id": a.trainee_id, "name": a.trainee.name, "category": a.trainee.category,
                             "org_id": a.trainee.organization_id, "hours": a.hours}
                            for a in queries.session_attendance(found, request.user)]}
