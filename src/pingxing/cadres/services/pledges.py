"""Writes of cadre pledges: drafted by the organization, approved or returned by the street,
judged at each checkpoint by the street. An unkept checkpoint opens an accountability case in
the same transaction (三.2.一: 对不能有效履行承诺的社区干部，按照有关承诺予以问责)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.cadres.actions import CadreAction
from pingxing.cadres.models import (
    AccountabilityCase,
    CadrePledge,
    Checkpoint,
    CheckResult,
    LeadershipPost,
    PledgeCommitment,
    PledgeState,
)
from pingxing.cadres.services.common import CadreError, audit, checked_upload, clean

MAX_STAR = 5


def _target(post: LeadershipPost, value: Any) -> int | None:
    """The star target: required (1–5) for the secretary's pledge, optional for others."""
    if value in (None, ""):
        if post.is_secretary:
            raise CadreError(_("书记的年度承诺必须填写“星级目标”（评星晋级的目标星级）。"))
        return None
    try:
        star = int(value)
    except (TypeError, ValueError):
        raise CadreError(_("“星级目标”应为 1 到 5 星。")) from None
    if not 1 <= star <= MAX_STAR:
        raise CadreError(_("“星级目标”应为 1 到 5 星。"))
    return star


def _locked(pledge: CadrePledge, *states: Any) -> None:
    current = CadrePledge.objects.select_for_update().filter(pk=pledge.pk).values_list("state", flat=True).first()
    if current not in states:
        raise CadreError(_("该承诺的状态已变化，请刷新页面。"))


def _audit(action: str, pledge: CadrePledge, *, by: Any, obj: Any, changes: dict[str, Any], request: Any) -> None:
    audit(action, by=by, obj=obj, organization=pledge.organization, changes=changes, request=request,
          what=f"{pledge.post.holder_name} {pledge}")


def pledge_create(*, post: LeadershipPost, year: int, target_star: Any = None, by: Any,
                  request: Any = None) -> CadrePledge:
    """Start a cadre's pledge of a year (a draft); the secretary's needs its star target."""
    if post.ended_on is not None:
        raise CadreError(_("该干部已离任。"))
    star = _target(post, target_star)
    with transaction.atomic():
        try:
            with transaction.atomic():
                pledge: CadrePledge = CadrePledge.objects.create(post=post, organization_id=post.organization_id,
                                                                 year=year, target_star=star)
        except IntegrityError:
            raise CadreError(_("该干部本年度的承诺已经存在。")) from None
        _audit(CadreAction.PLEDGE, pledge, by=by, obj=pledge, request=request,
               changes={"year": [None, year], "target_star": [None, star]})
    return pledge


def pledge_set_target(*, pledge: CadrePledge, target_star: Any, by: Any, request: Any = None) -> CadrePledge:
    star = _target(pledge.post, target_star)
    with transaction.atomic():
        _locked(pledge, PledgeState.DRAFT, PledgeState.RETURNED)
        old = pledge.target_star
        pledge.target_star = star
        pledge.save(update_fields=["target_star", "updated_at"])
        _audit(CadreAction.PLEDGE, pledge, by=by, obj=pledge, request=request, changes={"target_star": [old, star]})
    return pledge


def commitment_add(*, pledge: CadrePledge, text: str, due_dates: Sequence[dt.date], by: Any,
                   request: Any = None) -> PledgeCommitment:
    """One commitment with one or more checkpoint dates within the pledge's year."""
    text = clean(text, 300)
    if not text:
        raise CadreError(_("请填写承诺内容。"))
    dates = sorted(set(due_dates))
    if not dates:
        raise CadreError(_("每项承诺至少要有一个检查日期。"))
    if any(d.year != pledge.year for d in dates):
        raise CadreError(_("检查日期应在 %(year)s 年内。") % {"year": pledge.year})
    with transaction.atomic():
        _locked(pledge, PledgeState.DRAFT, PledgeState.RETURNED)
        commitment: PledgeCommitment = PledgeCommitment.objects.create(pledge=pledge, text=text)
        Checkpoint.objects.bulk_create([Checkpoint(commitment=commitment, due_on=d) for d in dates])
        _audit(CadreAction.PLEDGE, pledge, by=by, obj=commitment, request=request,
               changes={"text": [None, text], "checkpoints": [None, [str(d) for d in dates]]})
    return commitment


def commitment_remove(*, commitment: PledgeCommitment, by: Any, request: Any = None) -> None:
    pledge = commitment.pledge
    with transaction.atomic():
        _locked(pledge, PledgeState.DRAFT, PledgeState.RETURNED)
        _audit(CadreAction.PLEDGE, pledge, by=by, obj=commitment, request=request,
               changes={"text": [commitment.text, None]})
        commitment.delete()


def _move(pledge: CadrePledge, *, to: Any, from_: tuple[Any, ...], action: str, by: Any, request: Any,
          reason: str = "") -> CadrePledge:
    with transaction.atomic():
        _locked(pledge, *from_)
        old = pledge.state
        pledge.state, pledge.return_reason = to, reason
        fields = ["state", "return_reason", "updated_at"]
        if str(to) == str(PledgeState.APPROVED):
            pledge.approved_at = timezone.now()
            fields.append("approved_at")
        pledge.save(update_fields=fields)
        _audit(action, pledge, by=by, obj=pledge, request=request,
               changes={"state": [old, to], **({"reason": ["", reason]} if reason else {})})
    return pledge


def pledge_submit(*, pledge: CadrePledge, by: Any, request: Any = None) -> CadrePledge:
    """The organization hands the pledge to the street: at least one commitment, and the
    secretary's star target."""
    _target(pledge.post, pledge.target_star)
    if not pledge.commitments.exists():
        raise CadreError(_("请至少填写一项承诺事项。"))
    return _move(pledge, to=PledgeState.SUBMITTED, from_=(PledgeState.DRAFT, PledgeState.RETURNED),
                 action=CadreAction.PLEDGE, by=by, request=request)


def pledge_approve(*, pledge: CadrePledge, by: Any, request: Any = None) -> CadrePledge:
    return _move(pledge, to=PledgeState.APPROVED, from_=(PledgeState.SUBMITTED,), action=CadreAction.REVIEW,
                 by=by, request=request)


def pledge_return(*, pledge: CadrePledge, reason: str, by: Any, request: Any = None) -> CadrePledge:
    reason = clean(reason, 300)
    if not reason:
        raise CadreError(_("退回时请写明原因。"))
    return _move(pledge, to=PledgeState.RETURNED, from_=(PledgeState.SUBMITTED,), action=CadreAction.REVIEW,
                 by=by, request=request, reason=reason)


def checkpoint_record(*, checkpoint: Checkpoint, result: str, note: str = "", upload: Any = None,
                      on: dt.date | None = None, by: Any, request: Any = None) -> Checkpoint:
    """The street records whether the cadre kept the commitment by this checkpoint. 未兑现
    opens an accountability case in the same transaction; 部分兑现 does not (the street may
    open one by hand)."""
    if result not in CheckResult.values:
        raise CadreError(_("请选择兑现情况（已兑现、部分兑现或未兑现）。"))
    note = clean(note, 300)
    if result != str(CheckResult.KEPT) and not note:
        raise CadreError(_("部分兑现或未兑现时请写明检查意见。"))
    on = on or timezone.localdate()
    original = checked_upload(upload) if upload is not None else ""
    pledge = checkpoint.commitment.pledge
    with transaction.atomic():
        _locked(pledge, PledgeState.APPROVED)
        changed = Checkpoint.objects.filter(pk=checkpoint.pk, result="").update(
            result=result, note=note, recorded_on=on, recorded_by=by, original_name=original)
        if changed != 1:
            raise CadreError(_("该检查点已记录过兑现情况，请刷新页面。"))
        if upload is not None:
            checkpoint.evidence.save(upload.name, upload, save=False)
            Checkpoint.objects.filter(pk=checkpoint.pk).update(evidence=checkpoint.evidence.name)
        checkpoint.result, checkpoint.note, checkpoint.recorded_on = result, note, on
        checkpoint.original_name = original
        _audit(CadreAction.CHECK, pledge, by=by, obj=checkpoint, request=request,
               changes={"result": ["", result], "note": [None, note],
                        "evidence": [None, "attached" if upload is not None else ""]})
        if result == str(CheckResult.NOT_KEPT):
            case = AccountabilityCase.objects.create(
                post=pledge.post, organization_id=pledge.organization_id, checkpoint=checkpoint,
                year=pledge.year, opened_automatically=True)
            _audit(CadreAction.ACCOUNT, pledge, by=by, obj=case, request=request,
                   changes={"state": [None, case.state], "checkpoint": [None, checkpoint.pk]})
    return checkpoint
