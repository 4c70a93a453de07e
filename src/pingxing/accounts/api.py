"""Accounts in the JSON API: the accounts the caller administers (never any password data).

Mounted by the root API (`api.add_router("/", router)`); the same access helpers as the pages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.accounts import access, queries
from pingxing.accounts.models import User

router = Router(tags=["账号"])


class AccountOut(Schema):
    id: int
    username: str
    display_name: str
    role: str
    organization_id: int | None
    organization_name: str
    is_active: bool
    last_login: datetime | None
    locked: bool
    two_factor: str  # "bound", "code" (an enrolment code waits), "none", "" (not needed)


def _out(account: Any) -> AccountOut:
    return AccountOut(
        id=account.pk, username=account.username, display_name=account.display_name, role=account.role,
        organization_id=account.organization_id,
        organization_name=account.organization.name if account.organization else "",
        is_active=account.is_active, last_login=account.last_login, locked=account.locked,
        two_factor=account.two_factor,
    )


@router.get("/accounts", response=list[AccountOut], summary="可管理的账号")
def list_accounts(request: HttpRequest) -> Any:
    accounts = queries.filter_accounts(access.visible_accounts(request.user), queries.AccountFilter())
    return [_out(a) for a in queries.decorate(accounts)]


@router.get("/accounts/{account_id}", response=AccountOut, summary="账号详情")
def get_account(request: HttpRequest, account_id: int) -> Any:
    account = access.get_account_for_user(request.user, account_id, request=request)
    state = queries.with_state(User.objects.filter(pk=account.pk)).get()
    return _out(queries.decorate([state])[0])
