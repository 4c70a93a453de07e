"""The organizations' JSON endpoints (mounted by pingxing.api)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.orgs.access import get_org_for_user, visible_orgs

router = Router(tags=["党组织"])


class OrgOut(Schema):
    id: int
    code: str
    name: str
    level: str
    kind: str
    form: str
    parent_id: int | None
    secretary_name: str


@router.get("/orgs", response=list[OrgOut], summary="可见的党组织")
def list_orgs(request: HttpRequest) -> Any:
    return visible_orgs(request.user).order_by("path")


@router.get("/orgs/{org_id}", response=OrgOut, summary="党组织详情")
def get_org(request: HttpRequest, org_id: int) -> Any:
    return get_org_for_user(request.user, org_id, request=request)
