"""Writes of the leadership roster (两委班子): a post is added, and ends when its holder leaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.cadres.actions import CadreAction
from pingxing.cadres.models import BODY_POSITIONS, Body, LeadershipPost
from pingxing.cadres.services.common import CadreError, audit, clean
from pingxing.members.models import Education, Gender


def post_create(*, organization: Any, body: str, position: str, term_starts_on: dt.date, member: Any = None,
                name: str = "", birth_date: dt.date | None = None, gender: str = "", education: str = "",
                term_ends_on: dt.date | None = None, by: Any, request: Any = None) -> LeadershipPost:
    """Add a post: held by a member of the organization, or by a named resident with their
    birth date, gender and education (the party committee takes members only)."""
    if body not in Body.values:
        raise CadreError(_("请选择班子。"))
    if position not in BODY_POSITIONS[body]:
        raise CadreError(_("该班子没有这一职务。"))
    if member is not None:
        if member.organization_id != organization.pk:
            raise CadreError(_("只能选择本组织的党员。"))
        name, birth_date, gender, education = "", None, "", ""
    else:
        if body == str(Body.PARTY_COMMITTEE):
            raise CadreError(_("党组织委员会成员须从本组织党员中选择。"))
        name = clean(name, 50)
        if not name or birth_date is None or gender not in Gender.values or education not in Education.values:
            raise CadreError(_("非党员请填写姓名、出生日期、性别和文化程度。"))
    if term_ends_on is not None and term_ends_on < term_starts_on:
        raise CadreError(_("届满日期不能早于任职日期。"))
    with transaction.atomic():
        post: LeadershipPost = LeadershipPost.objects.create(
            organization=organization, body=body, position=position, member=member, name=name,
            birth_date=birth_date, gender=gender, education=education, term_starts_on=term_starts_on,
            term_ends_on=term_ends_on)
        audit(CadreAction.ROSTER, by=by, obj=post, organization=organization, request=request,
              changes={"body": [None, body], "position": [None, position],
                       "member": [None, member.pk if member is not None else None],
                       "term_starts_on": [None, str(term_starts_on)]}, what=post.title)
    return post


def post_end(*, post: LeadershipPost, ended_on: dt.date, reason: str, by: Any, request: Any = None) -> LeadershipPost:
    """The holder leaves the post (resigned, moved, adjusted …) on `ended_on`."""
    reason = clean(reason, 200)
    if not reason:
        raise CadreError(_("请写明离任原因。"))
    if ended_on < post.term_starts_on:
        raise CadreError(_("离任日期不能早于任职日期。"))
    with transaction.atomic():
        changed = LeadershipPost.objects.filter(pk=post.pk, ended_on__isnull=True).update(
            ended_on=ended_on, end_reason=reason)
        if changed != 1:
            raise CadreError(_("该职务已离任，请刷新页面。"))
        post.ended_on, post.end_reason = ended_on, reason
        audit(CadreAction.ROSTER, by=by, obj=post, organization=post.organization, request=request,
              changes={"ended_on": [None, str(ended_on)], "end_reason": [None, reason]}, what=post.title)
    return post


def leadership_evaluation_start(*, organization: Any, year: int, by: Any, request: Any = None) -> Any:
    """Members' evaluation of the leadership (四.1, 党员评议班子成员): the party committee's
    members of today on the roll of a secret ballot of the evaluations app."""
    from django.utils import timezone

    from pingxing.evaluations.services import EvaluationError, leadership_evaluation_create

    today = timezone.localdate()
    member_ids = list(LeadershipPost.objects.current(today).filter(
        organization=organization, body=Body.PARTY_COMMITTEE, member__isnull=False)
        .order_by("position", "pk").values_list("member_id", flat=True).distinct())
    if not member_ids:
        raise CadreError(_("党组织委员会还没有登记成员，请先在班子名单中添加。"))
    try:
        return leadership_evaluation_create(organization=organization, year=year, member_ids=member_ids, by=by,
                                            request=request)
    except EvaluationError as error:
        raise CadreError(str(error)) from None
