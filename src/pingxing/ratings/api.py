"""The campaign's JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Body, Router, Schema

from pingxing.ratings import engine
from pingxing.ratings.access import get_case_for_user

router = Router(tags=["评星晋级"])


class CaseOut(Schema):
    id: int
    year: int
    organization_id: int
    organization_name: str
    state: str
    declared_star: int | None
    assessed_star: int | None
    final_star: int | None


class RatingOut(Schema):
    star: int | None
    vetoed: bool
    errors: list[dict[str, str]]
    next_star_gaps: list[dict[str, Any]]
    missing_facts: list[str]


@router.get("/ratings/cases/{case_id}", response=CaseOut, summary="评星案卷")
def get_case(request: HttpRequest, case_id: int) -> Any:
    case = get_case_for_user(request.user, case_id, request=request)
    return CaseOut(
        id=case.pk, year=case.campaign.year, organization_id=case.organization_id,
        organization_name=case.organization.name, state=case.state, declared_star=case.declared_star,
        assessed_star=case.assessed_star, final_star=case.final_star,
    )


@router.post("/ratings/rate", response=RatingOut, summary="按考评标准评定一组事实（不保存）")
def rate(request: HttpRequest, facts: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    verdict = engine.judge(facts)
    return RatingOut(
        star=verdict.star, vetoed=verdict.vetoed, errors=verdict.errors,
        next_star_gaps=verdict.explanation.get("next_star_gaps", []),
        missing_facts=verdict.explanation.get("missing_facts", []),
    )
