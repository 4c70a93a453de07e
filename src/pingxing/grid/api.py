"""The grid app's JSON endpoints (mounted by pingxing.api): the same access helpers, queries
and services as the pages. Reporters' names and contacts are never returned."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from pingxing.core.http import actor_of
from pingxing.grid import permissions_cases as permissions
from pingxing.grid import queries_cases as queries
from pingxing.grid import services_cases as services
from pingxing.grid.access_cases import facts_of, get_case_for_user, teams_of, visible_cases
from pingxing.grid.facts import facts_from_json

router = Router(tags=["grid"])
MAX_LIMIT = 200


class CaseOut(Schema):
    id: int
    number: str
    title: str
    category: str
    source: str
    state: str
    community: str
    grid: str | None
    received_at: str
    deadline: str | None
    light: str | None


class StepOut(Schema):
    action: str
    state: str
    who: str
    at: str
    reason: str


class CaseDetailOut(CaseOut):
    description: str
    steps: list[StepOut]
    allowed_actions: list[str]


class CaseFiltersIn(Schema):
    state: str = ""
    category: str = ""
    grid: int | None = None
    light: str = ""
    source: str = ""
    q: str = ""
    offset: int = 0
    limit: int = 50


class StepIn(Schema):
    action: str
    reason: str = ""
    data: dict[str, Any] = {}


def _case_out(case: Any) -> dict[str, Any]:
    today = queries.today_local()
    return {"id": case.pk, "number": case.number, "title": case.title, "category": case.category,
            "source": case.source, "state": case.state, "community": case.community.name,
            "grid": case.grid.name if case.grid_id else None, "received_at": case.received_at.isoformat(),
            "deadline": case.deadline.isoformat() if case.deadline else None, "light": queries.light_of(case, today)}


@router.get("/grid/cases", response=list[CaseOut])
def case_list(request: Any, filters: Query[CaseFiltersIn]) -> list[dict[str, Any]]:
    """The cases the user may read, with the list page's filters, newest first."""
    if not permissions.can_browse_cases(actor_of(request.user), teams_of(request.user)):
        raise Http404
    chosen = queries.CaseFilters(state=filters.state, category=filters.category, grid=filters.grid,
                                 light=filters.light, source=filters.source, q=filters.q)
    cases = queries.filtered_cases(visible_cases(request.user), chosen)
    start = max(0, filters.offset)
    return [_case_out(c) for c in cases[start:start + max(1, min(filters.limit, MAX_LIMIT))]]


def _detail(request: Any, case: Any) -> dict[str, Any]:
    roles = permissions.case_roles(actor_of(request.user), teams_of(request.user), facts_of(case))
    actions = queries.case_actions(facts_from_json(case.facts), roles, timezone.now())
    steps = [queries.step_view(s) for s in queries.timeline(case)]
    return {**_case_out(case), "description": case.description, "allowed_actions": [a.action for a in actions],
            "steps": [{"action": s["action"], "state": s["state"], "who": s["who"], "at": s["at"].isoformat(),
                       "reason": s["reason"]} for s in steps]}


@router.get("/grid/cases/{case_id}", response=CaseDetailOut)
def case_detail(request: Any, case_id: str) -> dict[str, Any]:
    """One case with its timeline and the steps the user may take now."""
    return _detail(request, get_case_for_user(request.user, case_id, request=request))


@router.post("/grid/cases/{case_id}/steps", response=CaseDetailOut)
def case_step(request: Any, case_id: str, payload: StepIn) -> dict[str, Any]:
    """Take one step (the same service as the case page); a refusal answers 400 with its message."""
    case = get_case_for_user(request.user, case_id, request=request)
    try:
        case = services.case_step(case=case, action=payload.action, by=request.user, reason=payload.reason,
                                  data=payload.data, request=request)
    except services.CaseError as error:
        raise HttpError(400, str(error)) from None
    return _detail(request, get_case_for_user(request.user, case.pk, request=request))
