"""The evaluations' JSON endpoints (mounted by pingxing.api): progress and turnout for all who
read an evaluation; figures of the ballots only after the tally, exactly as on the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.core.http import actor_of
from pingxing.evaluations import permissions, queries
from pingxing.evaluations.access import facts_of, get_evaluation_for_user

router = Router(tags=["民主评议"])


class EvaluationOut(Schema):
    id: int
    organization_id: int
    year: int
    subject: str
    state: str
    turnout: dict[str, dict[str, int]]
    results: dict[str, Any] | None  # None until the tally


@router.get("/evaluations/{evaluation_id}", response=EvaluationOut, summary="民主评议进度（计票前不含任何票数）")
def get_evaluation(request: HttpRequest, evaluation_id: int) -> Any:
    evaluation = get_evaluation_for_user(request.user, evaluation_id, request=request)
    results = None
    if permissions.can_see_results(actor_of(request.user), facts_of(evaluation)):
        result = queries.evaluation_count(evaluation)
        results = {"ballots": {k: (None if k in result.suppressed else v) for k, v in result.ballots.items()},
                   "suppressed": sorted(result.suppressed)}
    return {"id": evaluation.pk, "organization_id": evaluation.organization_id, "year": evaluation.year,
            "subject": evaluation.subject, "state": evaluation.state, "turnout": queries.turnout(evaluation), "results": results}
