"""The members' JSON endpoints (mounted by pingxing.api): masked exactly as on the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.members.access import get_member_for_user

router = Router(tags=["党员"])


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


@router.get("/members/{member_id}", response=MemberOut, summary="党员（身份证号、电话已脱敏）")
def get_member(request: HttpRequest, member_id: int) -> Any:
    return get_member_for_user(request.user, member_id, request=request)
