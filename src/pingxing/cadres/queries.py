"""Reads of the cadres app for pages and the lead's overview, with bounded query counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from pingxing.cadres.models import (
    AGE_BAND_LABELS,
    AccountabilityCase,
    AdjustmentCase,
    AdjustmentState,
    Body,
    CadrePledge,
    CaseState,
    Checkpoint,
    CheckResult,
    LeadershipPost,
    PledgeCommitment,
)
from pingxing.cadres.structure import PostFacts, Structure, structure_of
from pingxing.members.models import Education
from pingxing.orgs.models import Organization


@dataclass(frozen=True)
class CadresOverview:
    pledges: int
    checkpoints_kept: int
    checkpoints_due: int  # due by today
    open_accountability: int
    open_adjustments: int


EMPTY_OVERVIEW = CadresOverview(0, 0, 0, 0, 0)


def overview_by_org(*, org_ids: Sequence[int], year: int) -> dict[int, CadresOverview]:
    """The year's cadre figures of each organization (4 queries whatever the number)."""
    ids = list(org_ids)
    today = timezone.localdate()
    pledges = dict(CadrePledge.objects.filter(organization_id__in=ids, year=year)
                   .values_list("organization_id").annotate(n=Count("pk")).values_list("organization_id", "n"))
    checks = {row["org"]: row for row in Checkpoint.objects.filter(
        commitment__pledge__organization_id__in=ids, commitment__pledge__year=year)
        .values(org=F("commitment__pledge__organization_id"))
        .annotate(kept=Count("pk", filter=Q(result=CheckResult.KEPT)),
                  due=Count("pk", filter=Q(due_on__lte=today)))}
    accountability = dict(AccountabilityCase.objects.filter(organization_id__in=ids, year=year, state=CaseState.OPEN)
                          .values_list("organization_id").annotate(n=Count("pk"))
                          .values_list("organization_id", "n"))
    adjustments = dict(AdjustmentCase.objects.filter(organization_id__in=ids, state=AdjustmentState.PROPOSED)
                       .values_list("organization_id").annotate(n=Count("pk"))
                       .values_list("organization_id", "n"))
    return {org_id: CadresOverview(
        pledges=pledges.get(org_id, 0), checkpoints_kept=checks.get(org_id, {}).get("kept", 0),
        checkpoints_due=checks.get(org_id, {}).get("due", 0), open_accountability=accountability.get(org_id, 0),
        open_adjustments=adjustments.get(org_id, 0)) for org_id in ids}


# --- the roster and its structure -----------------------------------------------------------
def facts_of_post(post: LeadershipPost) -> PostFacts:
    return PostFacts(person_key=post.person_key, name=post.holder_name, body=post.body, position=post.position,
                     birth_date=post.holder_birth_date, gender=post.holder_gender, education=post.holder_education)


def current_posts(org: Organization, *, on: dt.date) -> list[LeadershipPost]:
    return list(LeadershipPost.objects.current(on).filter(organization=org).select_related("member")
                .order_by("body", "position", "pk"))


@dataclass(frozen=True)
class StructureRow:
    org: Organization
    structure: Structure


def labelled(structure: Structure) -> dict[str, Any]:
    """The structure with the labels of its bands and education levels, for templates."""
    return {"bands": [(AGE_BAND_LABELS[k], n) for k, n in structure.age_bands],
            "education": [(Education(k).label, n) for k, n in structure.education]}


def structure_rows(root: Organization, *, on: dt.date) -> list[StructureRow]:
    """One row per community Party organization under `root` (2 queries)."""
    orgs = list(Organization.objects.within(root).communities().order_by("path"))
    by_org: dict[int, list[PostFacts]] = {o.pk: [] for o in orgs}
    for post in (LeadershipPost.objects.current(on).filter(organization__in=orgs).select_related("member")):
        by_org[post.organization_id].append(facts_of_post(post))
    return [StructureRow(org=o, structure=structure_of(by_org[o.pk], on=on)) for o in orgs]


# --- pledges --------------------------------------------------------------------------------
def with_checkpoints(qs: QuerySet[CadrePledge]) -> QuerySet[CadrePledge]:
    return qs.prefetch_related(Prefetch("commitments", queryset=PledgeCommitment.objects.prefetch_related(
        Prefetch("checkpoints", queryset=Checkpoint.objects.select_related("accountability_case")))))


def pledge_list(qs: QuerySet[CadrePledge], *, year: int) -> list[CadrePledge]:
    return list(qs.filter(year=year).annotate(commitment_count=Count("commitments", distinct=True))
                .order_by("organization__path", "post__body", "post__position", "pk"))


@dataclass(frozen=True)
class StarLink:
    """The secretary's star target beside the campaign: the declared star (if a case exists)
    and the published star (only once published)."""

    target: int | None
    declared: int | None
    published: int | None


def star_link(pledge: CadrePledge) -> StarLink:
    from pingxing.ratings.models import RatingCase, StarResult

    declared = (RatingCase.objects.filter(organization_id=pledge.organization_id, campaign__year=pledge.year)
                .values_list("declared_star", flat=True).first())
    published = (StarResult.objects.filter(organization_id=pledge.organization_id, year=pledge.year)
                 .values_list("star", flat=True).first())
    return StarLink(target=pledge.target_star, declared=declared, published=published)


def posts_without_pledge(org_ids: Iterable[int], *, year: int, on: dt.date) -> list[LeadershipPost]:
    """The current posts of these organizations that have no pledge of the year yet."""
    return list(LeadershipPost.objects.current(on).filter(organization_id__in=list(org_ids))
                .exclude(pledges__year=year).select_related("member", "organization").order_by("organization__path", "body", "pk"))


def cross_held_names(posts: Iterable[LeadershipPost]) -> set[str]:
    bodies: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for post in posts:
        bodies.setdefault(post.person_key, set()).add(post.body)
        names[post.person_key] = post.holder_name
    return {names[k] for k, held in bodies.items() if len(held) > 1}


BODIES = Body.choices


def structure_of_org(org: Organization, *, on: dt.date) -> Structure:
    return structure_of([facts_of_post(p) for p in current_posts(org, on=on)], on=on)
