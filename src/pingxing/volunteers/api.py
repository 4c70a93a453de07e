"""党员志愿者 (volunteers): JSON endpoints (mounted by pingxing.api), read-only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from pingxing.core.http import actor_of
from pingxing.volunteers import access, permissions, queries

router = Router(tags=["党员志愿者"])


class ActivityOut(Schema):
    id: int
    title: str
    date: dt.date
    organization_id: int
    planned_hours: Decimal
    capacity: int
    taken: int
    signup_open: bool


class HoursOut(Schema):
    year: int
    total: Decimal


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise Http404


@router.get("/volunteers/activities/{year}", response=list[ActivityOut], summary="某年度志愿服务活动")
def activities(request: HttpRequest, year: int) -> Any:
    _check_year(year)
    rows = queries.activity_list(access.visible_activities(request.user), year=year)
    return [{"id": a.pk, "title": a.title, "date": a.date, "organization_id": a.organization_id,
             "planned_hours": a.planned_hours, "capacity": a.capacity, "taken": a.taken,
             "signup_open": a.signup_open} for a in rows]


@router.get("/volunteers/my-hours/{year}", response=HoursOut, summary="我的某年度志愿服务时长")
def my_hours(request: HttpRequest, year: int) -> Any:
    _check_year(year)
    actor = actor_of(request.user)
    if not permissions.has_own(actor) or actor.member_id is None:
        raise Http404
    return {"year": year, "total": queries.member_hours(actor.member_id, year=year)["year_total"]}
