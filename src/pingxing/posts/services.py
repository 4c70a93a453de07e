"""Every write of pioneer posts and drives: atomic, audited in the same transaction, errors in
Chinese (a refused value names its field)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.posts.actions import PostAction
from pingxing.posts.models import (
    REASONED_OUTCOMES,
    Drive,
    PioneerPost,
    PostKind,
    PostReview,
    PostState,
    ReviewOutcome,
)

EDITABLE_FIELDS = ("kind", "holder", "name", "place", "duties", "starts_on", "ends_on")


class PostError(Exception):
    """A refused write; the message is for the user, `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _audit(action: str, *, by: Any, obj: Any, organization: Any, changes: dict[str, Any], repr_: str,
           request: Any = None) -> None:
    audit_record(action=action, user=by, obj=obj, organization=organization, changes=changes,
                 request=request, object_repr=repr_)


def _text(value: Any, *, field: str, label: str, limit: int, required: bool = True) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise PostError(_("请填写%(label)s。") % {"label": label}, field=field)
    return text[:limit]


def _clean(*, organization: Any, holder: Any, kind: str, name: str, place: str, duties: str,
           starts_on: dt.date, ends_on: dt.date | None) -> dict[str, Any]:
    if kind not in PostKind.values:
        raise PostError(_("请选择岗位类型。"), field="kind")
    if holder is None:
        raise PostError(_("请选择持岗党员。"), field="holder")
    if holder.organization_id != organization.pk:
        raise PostError(_("持岗党员“%(name)s”不是%(org)s的党员，请选择本组织的党员。")
                        % {"name": holder.name, "org": organization.name}, field="holder")
    if starts_on is None:
        raise PostError(_("请填写设岗日期。"), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise PostError(_("结束日期不能早于设岗日期。"), field="ends_on")
    return {"kind": kind, "holder": holder, "starts_on": starts_on, "ends_on": ends_on,
            "name": _text(name, field="name", label=_("岗位名称"), limit=100),
            "place": _text(place, field="place", label=_("岗位（区域）"), limit=200),
            "duties": _text(duties, field="duties", label=_("岗位职责"), limit=2000)}


def post_create(*, organization: Any, holder: Any, kind: str, name: str, place: str, duties: str,
                starts_on: dt.date, ends_on: dt.date | None = None, by: Any, request: Any = None) -> PioneerPost:
    """Set up a post (先锋岗, 示范岗 or 责任区) held by a member of the organization."""
    values = _clean(organization=organization, holder=holder, kind=kind, name=name, place=place, duties=duties,
                    starts_on=starts_on, ends_on=ends_on)
    with transaction.atomic():
        post: PioneerPost = PioneerPost.objects.create(organization=organization, created_by=by, **values)
        _audit(PostAction.EDIT, by=by, obj=post, organization=organization, request=request, repr_=post.name,
               changes={"kind": [None, kind], "name": [None, post.name], "holder": [None, holder.pk]})
    return post


def _plain(value: Any) -> Any:
    """A value for the audit trail: a member by id, a date as text."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _locked_active(post: PioneerPost) -> None:
    state = PioneerPost.objects.select_for_update().filter(pk=post.pk).values_list("state", flat=True).first()
    if state != PostState.ACTIVE:
        raise PostError(_("该岗位已%(state)s，不能再修改。")
                        % {"state": PostState(state).label if state else "-"})


def post_update(*, post: PioneerPost, by: Any, request: Any = None, **fields: Any) -> PioneerPost:
    """Change an active post's kind, holder, name, place, duties or period."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    current = {name: getattr(post, name) for name in EDITABLE_FIELDS}
    values = _clean(organization=post.organization, **{**current, **fields})
    with transaction.atomic():
        _locked_active(post)
        changes = {}
        for name, value in values.items():
            old = getattr(post, name)
            if old != value:
                changes[name] = [_plain(old), _plain(value)]
                setattr(post, name, value)
        if changes:
            post.save(update_fields=list(changes))
            _audit(PostAction.EDIT, by=by, obj=post, organization=post.organization, request=request,
                   repr_=post.name, changes=changes)
    return post


def post_end(*, post: PioneerPost, ends_on: dt.date | None = None, by: Any, request: Any = None) -> PioneerPost:
    """End an active post (the member changed job, the area was merged …)."""
    ends_on = ends_on or timezone.localdate()
    if ends_on < post.starts_on:
        raise PostError(_("结束日期不能早于设岗日期。"), field="ends_on")
    with transaction.atomic():
        _locked_active(post)
        post.state, post.ends_on = PostState.ENDED, ends_on
        post.save(update_fields=["state", "ends_on"])
        _audit(PostAction.END, by=by, obj=post, organization=post.organization, request=request, repr_=post.name,
               changes={"state": [str(PostState.ACTIVE), str(PostState.ENDED)], "ends_on": [None, str(ends_on)]})
    return post


def post_review(*, post: PioneerPost, year: int, outcome: str, reason: str = "", reviewed_on: dt.date | None = None,
                by: Any, request: Any = None) -> PostReview:
    """The yearly review: kept, commended (with a reason) or withdrawn (with a reason; the post is
    withdrawn in the same transaction). One review a post a year; a withdrawn post is not reviewed."""
    if outcome not in ReviewOutcome.values:
        raise PostError(_("请选择评议结果。"), field="outcome")
    reason = (reason or "").strip()[:300]
    if outcome in REASONED_OUTCOMES and not reason:
        raise PostError(_("评议结果为“%(outcome)s”时请写明理由。") % {"outcome": ReviewOutcome(outcome).label},
                        field="reason")
    if not 2000 <= int(year) <= 2100:
        raise PostError(_("请填写正确的年度。"), field="year")
    reviewed_on = reviewed_on or timezone.localdate()
    with transaction.atomic():
        state = PioneerPost.objects.select_for_update().filter(pk=post.pk).values_list("state", flat=True).first()
        if state == PostState.WITHDRAWN:
            raise PostError(_("该岗位已撤销，不再评议。"))
        try:
            with transaction.atomic():
                review: PostReview = PostReview.objects.create(post=post, year=year, outcome=outcome, reason=reason,
                                                               reviewed_by=by, reviewed_on=reviewed_on)
        except IntegrityError:
            raise PostError(_("该岗位 %(year)s 年度已评议过。") % {"year": year}, field="year") from None
        changes: dict[str, Any] = {"year": [None, year], "outcome": [None, outcome]}
        if outcome == str(ReviewOutcome.WITHDRAWN):
            PioneerPost.objects.filter(pk=post.pk).update(state=PostState.WITHDRAWN)
            changes["state"] = [state, str(PostState.WITHDRAWN)]
            post.state = PostState.WITHDRAWN
        _audit(PostAction.REVIEW, by=by, obj=post, organization=post.organization, request=request,
               repr_=post.name, changes=changes)
    return review


def drive_create(*, organization: Any, name: str, year: int, description: str = "", by: Any,
                 request: Any = None) -> Drive:
    """Start a themed drive of a street (street-wide) or of one organization."""
    name = _text(name, field="name", label=_("活动名称"), limit=100)
    if not 2000 <= int(year) <= 2100:
        raise PostError(_("请填写正确的年度。"), field="year")
    with transaction.atomic():
        try:
            with transaction.atomic():
                drive: Drive = Drive.objects.create(organization=organization, name=name, year=year,
                                                    description=(description or "").strip(), created_by=by)
        except IntegrityError:
            raise PostError(_("%(year)s 年度已有名为“%(name)s”的活动。") % {"year": year, "name": name},
                            field="name") from None
        _audit(PostAction.DRIVE, by=by, obj=drive, organization=organization, request=request, repr_=drive.name,
               changes={"name": [None, name], "year": [None, year]})
    return drive


def _in_scope(drive: Drive, posts: list[PioneerPost]) -> None:
    outside = [p.name for p in posts if not p.organization.path.startswith(drive.organization.path)]
    if outside:
        raise PostError(_("以下岗位不在“%(drive)s”的范围内：%(posts)s。")
                        % {"drive": drive.name, "posts": "、".join(outside)})


def drive_tag(*, drive: Drive, posts: Iterable[PioneerPost], by: Any, request: Any = None) -> int:
    """Tag active posts of the drive's subtree with it; the number newly tagged."""
    posts = list(posts)
    _in_scope(drive, posts)
    inactive = [p.name for p in posts if p.state != PostState.ACTIVE]
    if inactive:
        raise PostError(_("已撤销或已结束的岗位不能参加活动：%(posts)s。") % {"posts": "、".join(inactive)})
    with transaction.atomic():
        already = set(drive.posts.filter(pk__in=[p.pk for p in posts]).values_list("pk", flat=True))
        new = [p for p in posts if p.pk not in already]
        drive.posts.add(*new)
        if new:
            _audit(PostAction.TAG, by=by, obj=drive, organization=drive.organization, request=request,
                   repr_=drive.name, changes={"posts": [None, [p.pk for p in new]]})
    return len(new)


def drive_untag(*, drive: Drive, posts: Iterable[PioneerPost], by: Any, request: Any = None) -> int:
    """Take posts off a drive; the number taken off."""
    posts = list(posts)
    with transaction.atomic():
        present = list(drive.posts.filter(pk__in=[p.pk for p in posts]).values_list("pk", flat=True))
        drive.posts.remove(*present)
        if present:
            _audit(PostAction.TAG, by=by, obj=drive, organization=drive.organization, request=request,
                   repr_=drive.name, changes={"posts": [present, None]})
    return len(present)
