"""The cadres app's JSON endpoints (mounted by pingxing.api): the same access helpers as the pages."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from ninja import Router, Schema

from pingxing.cadres import queries
from pingxing.cadres.access import get_org_for_user, get_pledge_for_user
from pingxing.cadres.models import CadrePledge

router = Router(tags=["cadres"])


class CheckpointOut(Schema):
    due_on: str
    result: str


class CommitmentOut(Schema):
    text: str
    checkpoints: list[CheckpointOut]


class PledgeOut(Schema):
    id: int
    cadre: str
    position: str
    organization: str
    year: int
    state: str
    target_star: int | None
    declared_star: int | None
    published_star: int | None
    commitments: list[CommitmentOut]


class StructureOut(Schema):
    organization: int
    head_count: int
    age_bands: dict[str, int]
    average_age: str | None
    education: dict[str, int]
    college_and_above: int
    college_share: str | None
    women: int
    cross_held: list[str]


@router.get("/cadres/pledges/{pledge_id}", response=PledgeOut)
def pledge(request: Any, pledge_id: str) -> dict[str, Any]:
    """One cadre pledge; for the secretary's, the star target beside the campaign's declared
    star and the published star (null until published)."""
    found = get_pledge_for_user(request.user, pledge_id, request=request)
    found = queries.with_checkpoints(CadrePledge.objects.filter(pk=found.pk)).select_related(
        "organization", "post__member").get()
    stars = queries.star_link(found)
    return {"id": found.pk, "cadre": found.post.holder_name, "position": found.post.title,
            "organization": found.organization.name, "year": found.year, "state": found.state,
            "target_star": stars.target, "declared_star": stars.declared, "published_star": stars.published,
            "commitments": [{"text": c.text, "checkpoints": [{"due_on": cp.due_on.isoformat(), "result": cp.result}
                                                             for cp in c.checkpoints.all()]}
                            for c in found.commitments.all()]}


@router.get("/cadres/structure", response=StructureOut)
def structure(request: Any, org: str = "") -> dict[str, Any]:
    """The structure of one organization's 两委班子 (ages as bands, never birth dates)."""
    found = get_org_for_user(request.user, org, request=request)
    today = timezone.localdate()
    result = queries.structure_of_org(found, on=today)
    return {"organization": found.pk, "head_count": result.head_count, "age_bands": dict(result.age_bands),
            "average_age": str(result.average_age) if result.average_age is not None else None,
            "education": dict(result.education), "college_and_above": result.college_and_above,
            "college_share": str(result.college_share) if result.college_share is not None else None,
            "women": result.women, "cross_held": list(result.cross_held)}
