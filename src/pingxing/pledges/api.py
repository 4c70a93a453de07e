"""The pledges app's JSON endpoints (mounted by pingxing.api): the same access helpers as the pages."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from pingxing.pledges import queries
from pingxing.pledges.access import get_sheet_for_user

router = Router(tags=["pledges"])


class ItemOut(Schema):
    area: str
    text: str
    due_date: str
    check_status: str


class SheetOut(Schema):
    id: int
    member: str
    year: int
    state: str
    items: list[ItemOut]
    total_score: str | None
    peer_score: str | None
    peer_raters: int


@router.get("/pledges/sheets/{sheet_id}", response=SheetOut)
def sheet(request: Any, sheet_id: str) -> dict[str, Any]:
    """One member's pledges with the year-end score (the peer score only from 3 raters)."""
    found = get_sheet_for_user(request.user, sheet_id, request=request)
    score = queries.score_of(found)
    return {"id": found.pk, "member": found.member.name, "year": found.year, "state": found.state,
            "items": [{"area": i.area, "text": i.text, "due_date": i.due_date.isoformat(),
                       "check_status": i.check_status} for i in queries.in_area_order(found.items.all())],
            "total_score": str(score.total) if score.total is not None else None,
            "peer_score": str(score.peer.mean) if score.peer.mean is not None else None,
            "peer_raters": score.peer.raters}
