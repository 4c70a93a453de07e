"""Reads of pioneer posts for pages, the street overview, the public card and exports; each with a
fixed number of queries, whatever the number of posts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from pingxing.orgs.models import Organization, OrgLevel
from pingxing.posts.models import Drive, PioneerPost, PostKind, PostReview, PostState, ReviewOutcome


@dataclass(frozen=True)
class PostsOverview:
    """One organization's posts: active ones (in all and by kind value) and the year's reviews."""

    active: int = 0
    commended: int = 0
    withdrawn: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def overview_by_org(*, org_ids: Sequence[int], year: int) -> dict[int, PostsOverview]:
    """{organization id: PostsOverview} for every id asked for (zeros when it has no post), in two
    queries whatever the number of organizations."""
    ids = list(org_ids)
    kinds: dict[int, dict[str, int]] = {i: {} for i in ids}
    for row in (PioneerPost.objects.filter(organization_id__in=ids, state=PostState.ACTIVE)
                .values("organization_id", "kind").annotate(n=Count("id")).order_by()):
        kinds[row["organization_id"]][row["kind"]] = row["n"]
    outcomes: dict[int, dict[str, int]] = {i: {} for i in ids}
    for row in (PostReview.objects.filter(post__organization_id__in=ids, year=year,
                                          outcome__in=[ReviewOutcome.COMMENDED, ReviewOutcome.WITHDRAWN])
                .values("post__organization_id", "outcome").annotate(n=Count("id")).order_by()):
        outcomes[row["post__organization_id"]][row["outcome"]] = row["n"]
    return {i: PostsOverview(active=sum(kinds[i].values()),
                             commended=outcomes[i].get("commended", 0),
                             withdrawn=outcomes[i].get("withdrawn", 0),
                             by_kind=kinds[i]) for i in ids}


@dataclass(frozen=True)
class OverviewRow:
    org: Organization
    counts: PostsOverview

    def kind_count(self, kind: str) -> int:
        return self.counts.by_kind.get(kind, 0)

    @property
    def kind_cells(self) -> list[int]:
        """The active posts of each kind, in the order of PostKind (for the table's columns)."""
        return [self.kind_count(k) for k in PostKind.values]


def subtree_overview(*, path: str, year: int) -> tuple[list[OverviewRow], PostsOverview]:
    """The Party organizations of a subtree that have posts or reviews, with their counts, and the
    totals: three queries."""
    orgs = list(Organization.objects.filter(path__startswith=path, level=OrgLevel.ORGANIZATION).order_by("path"))
    counts = overview_by_org(org_ids=[o.pk for o in orgs], year=year)
    rows = [OverviewRow(o, counts[o.pk]) for o in orgs
            if counts[o.pk].active or counts[o.pk].commended or counts[o.pk].withdrawn]
    by_kind = {k: sum(r.kind_count(k) for r in rows) for k in PostKind.values}
    total = PostsOverview(active=sum(r.counts.active for r in rows), commended=sum(r.counts.commended for r in rows),
                          withdrawn=sum(r.counts.withdrawn for r in rows), by_kind=by_kind)
    return rows, total


def _with_details(posts: QuerySet[PioneerPost]) -> QuerySet[PioneerPost]:
    return posts.select_related("organization", "holder").prefetch_related(
        Prefetch("drives", queryset=Drive.objects.order_by("-year", "name")),
        Prefetch("reviews", queryset=PostReview.objects.order_by("-year")))


def staff_list(posts: QuerySet[PioneerPost], *, kind: str = "", drive_id: int | None = None,
               state: str = "") -> QuerySet[PioneerPost]:
    """The filtered posts with their drives and reviews (three queries)."""
    if kind:
        posts = posts.filter(kind=kind)
    if state:
        posts = posts.filter(state=state)
    if drive_id:
        posts = posts.filter(drives__id=drive_id)
    return _with_details(posts).order_by("organization__path", "kind", "name", "pk")


def member_posts(member_id: int) -> list[PioneerPost]:
    """The member's posts (newest first) with their reviews and drives: three queries."""
    return list(_with_details(PioneerPost.objects.filter(holder_id=member_id)).order_by("-starts_on", "-pk"))


def post_with_details(post: PioneerPost) -> PioneerPost:
    found: PioneerPost = _with_details(PioneerPost.objects.filter(pk=post.pk)).get()
    return found


def latest_review(post: PioneerPost) -> PostReview | None:
    """The newest review from prefetched reviews (ordered newest first)."""
    reviews = list(post.reviews.all())
    return reviews[0] if reviews else None


def period_text(post: PioneerPost) -> str:
    start = post.starts_on.isoformat()
    return f"{start} — {post.ends_on.isoformat()}" if post.ends_on else f"{start} —"


def public_card(post: PioneerPost) -> dict[str, Any]:
    """What the public card shows: kind, name, place, duties, the holder's name, the organization,
    the period, drives and the latest review outcome — never a phone or an ID number."""
    post = post_with_details(post)
    review = latest_review(post)
    return {"kind": post.kind, "kind_label": post.get_kind_display(), "name": post.name, "place": post.place,
            "duties": post.duties, "holder": post.holder.name, "organization": post.organization.name,
            "starts_on": post.starts_on, "ends_on": post.ends_on, "period": period_text(post),
            "state": post.state, "state_label": post.get_state_display(),
            "drives": [d.name for d in post.drives.all()],
            "latest_review": ({"year": review.year, "outcome": review.outcome,
                               "outcome_label": review.get_outcome_display()} if review else None)}


def drive_posts(drive: Drive, visible: QuerySet[PioneerPost]) -> QuerySet[PioneerPost]:
    """The posts tagged with the drive that the viewer may see."""
    return _with_details(visible.filter(drives=drive)).order_by("organization__path", "kind", "name", "pk")


def drive_list(drives: QuerySet[Drive]) -> QuerySet[Drive]:
    return drives.annotate(post_count=Count("posts", distinct=True)).order_by("-year", "name", "pk")


EXPORT_HEADERS = ("党组织", "类型", "岗位名称", "岗位（区域）", "持岗党员", "岗位职责", "设岗日期", "结束日期", "状态",
                  "主题创建活动", "最近评议")


def export_rows(posts: QuerySet[PioneerPost]) -> list[list[Any]]:
    rows = []
    for post in posts:
        review = latest_review(post)
        rows.append([post.organization.name, post.get_kind_display(), post.name, post.place, post.holder.name,
                     post.duties, post.starts_on, post.ends_on, post.get_state_display(),
                     "、".join(d.name for d in post.drives.all()),
                     f"{review.year} {review.get_outcome_display()}" if review else ""])
    return rows
