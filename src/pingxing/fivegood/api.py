"""五好党组织 (fivegood): JSON endpoints (mounted by pingxing.api), read-only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from pingxing.core.http import actor_of
from pingxing.fivegood import access, permissions
from pingxing.fivegood.workflow import CaseState

router = Router(tags=["五好党组织"])


class CaseOut(Schema):
    organization_id: int
    organization_name: str
    kind: str
    state: str
    # the verdict once published; null before (a verdict in the making is not a result)
    passed: bool | None


@router.get("/fivegood/{year}/cases", response=list[CaseOut], summary="某年度五好党组织考评情况")
def cases(request: HttpRequest, year: int) -> Any:
    if not 2000 <= year <= 2100 or not permissions.can_browse_fivegood(actor_of(request.user)):
        raise Http404
    rows = access.visible_cases(request.user).filter(assessment__year=year).order_by("organization__path")
    return [{"organization_id": c.organization_id, "organization_name": c.organization.name,
             "kind": c.organization.kind, "state": c.state,
             "passed": c.result.passed if c.state == CaseState.PUBLISHED and hasattr(c, "result") else None}
            for c in rows]
