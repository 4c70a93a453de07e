"""党内关爱基金 (carefund): JSON endpoints (mounted by pingxing.api), read-only, for the fund's office."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from pingxing.carefund import access, statement

router = Router(tags=["党内关爱基金"])


class StatementOut(Schema):
    fund: str
    year: int
    opening_fen: int
    total_in_fen: int
    total_out_fen: int
    closing_fen: int
    donations_fen: int
    payouts_fen: int


@router.get("/carefund/funds/{fund_id}/statement/{year}", response=StatementOut, summary="关爱基金年度收支（分）")
def fund_statement(request: HttpRequest, fund_id: int, year: int) -> Any:
    if not 2000 <= year <= 2100:
        raise Http404
    fund = access.get_fund_for_user(request.user, fund_id, request=request)
    s = statement.build(fund, year)
    return {"fund": s.fund_name, "year": s.year, "opening_fen": s.opening, "total_in_fen": s.total_in,
            "total_out_fen": s.total_out, "closing_fen": s.closing, "donations_fen": s.donations_total,
            "payouts_fen": s.payouts_total}
