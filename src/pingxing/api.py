"""The JSON API (OpenAPI at /api/docs): the same access helpers and services as the pages.

Session authentication with CSRF on writes; personal data is masked exactly as on the pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Body, NinjaAPI, Schema
from ninja.security import django_auth

from pingxing.core.access import get_member_for_user, get_org_for_user, visible_orgs
from pingxing.ratings import engine
from pingxing.ratings.access import get_case_for_user

api = NinjaAPI(
    title="评星 Pingxing API",
    version="1",
    description="基层党组织“评星晋级”管理平台接口。所有数据按当前用户所在组织的权限范围返回。",
    auth=django_auth,
    urls_namespace="api",
)


class OrgOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    form: str
    parent_id: int | None
    secretary_name: str


class MemberOut(Schema):
    id: int
    name: str
    gender: str
    birth_date: date
    education: str
    joined_on: date
    organization_id: int
    party_group_id: int | None
    status: str
    is_mobile: bool
    id_number_masked: str
    phone_masked: str


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


@api.get("/orgs", response=list[OrgOut], summary="可见的党组织")
def list_orgs(request: HttpRequest) -> Any:
    return visible_orgs(request.user).order_by("path")


@api.get("/orgs/{org_id}", response=OrgOut, summary="党组织详情")
def get_org(request: HttpRequest, org_id: int) -> Any:
    return get_org_for_user(request.user, org_id, request=request)


@api.get("/members/{member_id}", response=MemberOut, summary="党员（身份证号、电话已脱敏）")
def get_member(request: HttpRequest, member_id: int) -> Any:
    return get_member_for_user(request.user, member_id, request=request)


@api.get("/ratings/cases/{case_id}", response=CaseOut, summary="评星案卷")
def get_case(request: HttpRequest, case_id: int) -> Any:
    case = get_case_for_user(request.user, case_id, request=request)
    return CaseOut(
        id=case.pk, year=case.campaign.year, organization_id=case.organization_id,
        organization_name=case.organization.name, state=case.state, declared_star=case.declared_star,
        assessed_star=case.assessed_star, final_star=case.final_star,
    )


@api.post("/ratings/rate", response=RatingOut, summary="按考评标准评定一组事实（不保存）")
def rate(request: HttpRequest, facts: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
    verdict = engine.judge(facts)
    return RatingOut(
        star=verdict.star, vetoed=verdict.vetoed, errors=verdict.errors,
        next_star_gaps=verdict.explanation.get("next_star_gaps", []),
        missing_facts=verdict.explanation.get("missing_facts", []),
    )
