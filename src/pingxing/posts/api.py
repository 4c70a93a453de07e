"""The posts app's JSON endpoints (mounted by pingxing.api): the same access helpers as the pages."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema

from pingxing.posts import queries
from pingxing.posts.access import get_post_by_token, get_post_for_user

router = Router(tags=["posts"])


class ReviewOut(Schema):
    year: int
    outcome: str
    reason: str


class PostOut(Schema):
    id: int
    kind: str
    name: str
    place: str
    duties: str
    holder: str
    organization: str
    starts_on: str
    ends_on: str | None
    state: str
    drives: list[str]
    reviews: list[ReviewOut]


class LatestReviewOut(Schema):
    year: int
    outcome: str


class CardOut(Schema):
    kind: str
    name: str
    place: str
    duties: str
    holder: str
    organization: str
    starts_on: str
    ends_on: str | None
    state: str
    drives: list[str]
    latest_review: LatestReviewOut | None


@router.get("/posts/card/{token}", response=CardOut, auth=None)
def card(request: Any, token: str) -> dict[str, Any]:
    """A post's public card (no login): the public fields only."""
    found = queries.public_card(get_post_by_token(token))
    return {**{k: found[k] for k in ("kind", "name", "place", "duties", "holder", "organization", "state", "drives")},
            "starts_on": found["starts_on"].isoformat(),
            "ends_on": found["ends_on"].isoformat() if found["ends_on"] else None,
            "latest_review": ({"year": found["latest_review"]["year"], "outcome": found["latest_review"]["outcome"]}
                              if found["latest_review"] else None)}


@router.get("/posts/{post_id}", response=PostOut)
def post(request: Any, post_id: str) -> dict[str, Any]:
    """One post with its drives and reviews, for a user who may read it."""
    found = queries.post_with_details(get_post_for_user(request.user, post_id, request=request))
    return {"id": found.pk, "kind": found.kind, "name": found.name, "place": found.place, "duties": found.duties,
            "holder": found.holder.name, "organization": found.organization.name,
            "starts_on": found.starts_on.isoformat(), "ends_on": found.ends_on.isoformat() if found.ends_on else None,
            "state": found.state, "drives": [d.name for d in found.drives.all()],
            "reviews": [{"year": r.year, "outcome": r.outcome, "reason": r.reason} for r in found.reviews.all()]}
