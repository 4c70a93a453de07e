"""宣传与先进典型 (publicity): JSON endpoints (mounted by pingxing.api), read-only: the articles in
the user's scope, as the staff list shows them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.publicity import access, queries

router = Router(tags=["宣传与先进典型"])


class ArticleOut(Schema):
    id: int
    kind: str
    title: str
    state: str
    year: int
    organization_id: int
    published_at: dt.datetime | None


@router.get("/publicity/articles", response=list[ArticleOut], summary="本级及下级的宣传报道")
def articles(request: HttpRequest, state: str = "") -> Any:
    rows = queries.article_list(access.visible_articles(request.user), state=state)[:200]
    return [{"id": a.pk, "kind": a.kind, "title": a.title, "state": a.state, "year": a.year,
             "organization_id": a.organization_id, "published_at": a.published_at} for a in rows]
