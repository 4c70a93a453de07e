"""The points app's JSON endpoints (mounted by pingxing.api): the same access helpers and
queries as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.points import access, queries

router = Router(tags=["亮分制积分"])


class EntryOut(Schema):
    id: int
    occurred_on: date
    item_code: str
    item_name: str
    points: int
    note: str
    reverses_id: int | None


class LedgerOut(Schema):
    member_id: int
    year: int
    base: int
    bonus: int
    deduction: int
    balance: int
    entries: list[EntryOut]


class StatementOut(Schema):
    member_id: int
    name: str
    base: int
    bonus: int
    deduction: int
    balance: int
    exempt: str


@router.get("/points/members/{member_id}/{year}", response=LedgerOut, summary="党员年度积分与记录")
def member_ledger(request: HttpRequest, member_id: int, year: int) -> Any:
    member = access.get_ledger_member_for_user(request.user, member_id, request=request)
    ledger = queries.member_ledger(member, year=year)
    s = ledger.statement
    return {"member_id": member.pk, "year": year, "base": s.base, "bonus": s.bonus, "deduction": s.deduction,
            "balance": s.balance, "entries": ledger.entries}


@router.get("/points/orgs/{org_id}/{year}", response=list[StatementOut], summary="党组织党员年度积分")
def org_statements(request: HttpRequest, org_id: int, year: int) -> Any:
    org = access.get_ledger_org_for_user(request.user, org_id, request=request)
    return [{"member_id": r.member_id, "name": r.name, "base": r.statement.base, "bonus": r.statement.bonus,
             "deduction": r.statement.deduction, "balance": r.statement.balance, "exempt": r.exempt}
            for r in queries.member_rows(queries.subtree_members(org), year=year)]
