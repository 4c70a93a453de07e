"""Helpers of the publicity tests: a photo, an article at each step, an evaluation with an 优秀 member."""

from __future__ import annotations

import io
import secrets
from types import SimpleNamespace
from typing import Any


def png(name: str = "photo.png") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def write(world: Any, *, by: Any = None, org: Any = None, kind: str = "progress", title: str = "评星动员会召开",
          year: int = 2026) -> Any:
    from pingxing.publicity import services

    return services.article_create(organization=org or world.a1, kind=kind, title=title, body="正文内容。",
                                   year=year, by=by or world.secretary)


def published(world: Any, **kwargs: Any) -> Any:
    from pingxing.publicity import services

    article = write(world, **kwargs)
    services.photo_add(article=article, upload=png(), caption="动员会现场", by=article.author)
    services.article_submit(article=article, by=article.author)
    return services.article_approve(article=article, by=world.street_user)


def evaluation_with_an_excellent_member(*, year: int) -> Any:
    """A members' democratic evaluation through the real services up to 组织评定: every voter grades the
    first member 优秀; the result is recorded but not yet published."""
    from factories import make_community, make_county, make_members, make_street, make_user
    from pingxing.evaluations import services
    from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member

    w = SimpleNamespace()
    county = make_county()
    street = make_street(parent=county, name="柯桥街道党工委")
    w.org = make_community(parent=street, name="笛扬社区党委")
    w.members = make_members(organization=w.org, count=6)
    accounts = [make_user(role="member", organization=w.org, member=m) for m in w.members]
    w.secretary = make_user(role="secretary", organization=w.org)
    evaluation = services.evaluation_create(organization=w.org, year=year, by=w.secretary)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=w.secretary)
    evaluation = services.evaluation_advance(evaluation=evaluation, by=w.secretary)
    star = w.members[0]

    def marks(voter_id: int | None) -> dict[str, Any]:
        return {str(e.pk): {"g": "excellent" if e.member_id == star.pk else "qualified", "c": []}
                for e in evaluation.roll.all() if e.member_id != voter_id and not e.excused}

    for account, member in zip(accounts, w.members, strict=True):
        ballot_cast_by_member(evaluation=evaluation, user=account, request_key=secrets.token_urlsafe(12),
                              marks=marks(member.pk))
    for code in services.codes_issue(evaluation=evaluation, count_=5, by=w.secretary):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12), marks=marks(None))
    evaluation = services.evaluation_advance(evaluation=evaluation, by=w.secretary)
    evaluation = services.evaluation_tally(evaluation=evaluation, by=w.secretary)
    grades = {e.pk: (e.proposed_grade, "") for e in evaluation.roll.all()}
    w.evaluation = services.grades_record(evaluation=evaluation, grades=grades, body="支委会",
                                          on=evaluation.tallied_at.date(), by=w.secretary)
    w.star = star
    return w
