"""Every write of pioneer pledges: atomic, audited in the same transaction, errors in Chinese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.uploads import MAX_BYTES, PHOTOS_AND_PDF, upload_problem
from pingxing.pledges.actions import PledgeAction
from pingxing.pledges.models import (
    CheckStatus,
    Fulfilment,
    FulfilmentState,
    PeerRated,
    PledgeArea,
    PledgeItem,
    PledgeSheet,
    SheetState,
)

# Photos and PDF only, recognised by their first bytes: a renamed file of another kind is refused.


class PledgeError(Exception):
    """A refused write; the message is for the user."""


def _locked(sheet: PledgeSheet, *states: Any) -> None:
    """Lock the sheet's row and check it is (still) in one of `states`."""
    current = PledgeSheet.objects.select_for_update().filter(pk=sheet.pk).values_list("state", flat=True).first()
    if current not in states:
        raise PledgeError(_("该承诺的状态已变化（现为“%(state)s”），请刷新页面。")
                          % {"state": SheetState(current).label if current else "-"})


def _audit(action: str, *, by: Any, obj: Any, sheet: PledgeSheet, changes: dict[str, Any],
           request: Any = None) -> None:
    audit_record(action=action, user=by, obj=obj, organization=sheet.organization, changes=changes,
                 request=request, object_repr=f"{sheet.member.name} {sheet}")


def _score(value: Any, what: str) -> int:
    try:
        score = int(value)
    except (TypeError, ValueError):
        raise PledgeError(_("%(what)s应为 0 到 100 的整数。") % {"what": what}) from None
    if not 0 <= score <= 100:
        raise PledgeError(_("%(what)s应为 0 到 100 的整数。") % {"what": what})
    return score


def sheet_for_member(*, member: Any, year: int, by: Any, request: Any = None) -> PledgeSheet:
    """The member's sheet of the year, created (as a draft) the first time."""
    sheet: PledgeSheet | None = (PledgeSheet.objects.select_related("organization", "member")
                                 .filter(member=member, year=year).first())
    if sheet is not None:
        return sheet
    with transaction.atomic():
        try:
            with transaction.atomic():
                sheet = PledgeSheet.objects.create(member=member, organization_id=member.organization_id, year=year)
        except IntegrityError:  # created by a simultaneous request
            existing: PledgeSheet = (PledgeSheet.objects.select_related("organization", "member")
                                     .get(member=member, year=year))
            return existing
        _audit(PledgeAction.EDIT, by=by, obj=sheet, sheet=sheet, changes={"year": [None, year]}, request=request)
    return sheet


def item_add(*, sheet: PledgeSheet, area: str, text: str, due_date: dt.date, by: Any,
             request: Any = None) -> PledgeItem:
    """Add one concrete pledge to a sheet being written (draft or returned)."""
    if area not in PledgeArea.values:
        raise PledgeError(_("请选择承诺领域。"))
    text = (text or "").strip()
    if not text:
        raise PledgeError(_("请填写承诺内容。"))
    if due_date.year != sheet.year:
        raise PledgeError(_("完成时限应在 %(year)s 年内。") % {"year": sheet.year})
    with transaction.atomic():
        _locked(sheet, SheetState.DRAFT, SheetState.RETURNED)
        item: PledgeItem = PledgeItem.objects.create(sheet=sheet, area=area, text=text[:300], due_date=due_date)
        _audit(PledgeAction.EDIT, by=by, obj=item, sheet=sheet, request=request,
               changes={"area": [None, area], "text": [None, item.text], "due_date": [None, str(due_date)]})
    return item


def item_remove(*, item: PledgeItem, by: Any, request: Any = None) -> None:
    sheet = item.sheet
    with transaction.atomic():
        _locked(sheet, SheetState.DRAFT, SheetState.RETURNED)
        _audit(PledgeAction.EDIT, by=by, obj=item, sheet=sheet, request=request, changes={"text": [item.text, None]})
        item.delete()


def _move(sheet: PledgeSheet, *, to: Any, from_: tuple[Any, ...], by: Any, request: Any = None,
          reason: str = "", **also: Any) -> PledgeSheet:
    with transaction.atomic():
        _locked(sheet, *from_)
        old = sheet.state
        sheet.state = to
        sheet.return_reason = reason
        for name, value in also.items():
            setattr(sheet, name, value)
        sheet.save(update_fields=["state", "return_reason", "updated_at", *also])
        _audit(PledgeAction.EDIT if to == SheetState.SUBMITTED else PledgeAction.REVIEW, by=by, obj=sheet,
               sheet=sheet, request=request,
               changes={"state": [old, to], **({"reason": ["", reason]} if reason else {})})
    return sheet


def sheet_submit(*, sheet: PledgeSheet, by: Any, request: Any = None) -> PledgeSheet:
    """The member hands the sheet to the organization; every area needs at least one pledge."""
    areas = set(sheet.items.values_list("area", flat=True))
    missing = [str(label) for value, label in PledgeArea.choices if value not in areas]
    if missing:
        raise PledgeError(_("以下领域还没有承诺事项：%(areas)s。") % {"areas": "、".join(missing)})
    return _move(sheet, to=SheetState.SUBMITTED, from_=(SheetState.DRAFT, SheetState.RETURNED), by=by,
                 request=request)


def sheet_approve(*, sheet: PledgeSheet, by: Any, request: Any = None) -> PledgeSheet:
    return _move(sheet, to=SheetState.APPROVED, from_=(SheetState.SUBMITTED,), by=by, request=request)


def sheet_return(*, sheet: PledgeSheet, reason: str, by: Any, request: Any = None) -> PledgeSheet:
    reason = (reason or "").strip()
    if not reason:
        raise PledgeError(_("退回时请写明原因。"))
    return _move(sheet, to=SheetState.RETURNED, from_=(SheetState.SUBMITTED, SheetState.APPROVED), by=by,
                 request=request, reason=reason[:300])


def sheet_publish(*, sheet: PledgeSheet, by: Any, request: Any = None) -> PledgeSheet:
    """Put an approved sheet on the organization's public page (亮承诺)."""
    return _move(sheet, to=SheetState.PUBLISHED, from_=(SheetState.APPROVED,), by=by, request=request,
                 published_at=timezone.now())


def _check_evidence(upload: Any) -> None:
    problem = upload_problem(upload, allowed=PHOTOS_AND_PDF, max_bytes=MAX_BYTES)
    if problem:
        raise PledgeError(problem)


def fulfilment_add(*, item: PledgeItem, done_on: dt.date, text: str, upload: Any = None, by: Any,
                   request: Any = None) -> Fulfilment:
    """A 践诺 record of a published pledge, with an optional photo or PDF; the clerk approves it."""
    sheet = item.sheet
    text = (text or "").strip()
    if not text:
        raise PledgeError(_("请填写践诺情况。"))
    if done_on > timezone.localdate():
        raise PledgeError(_("践诺日期不能晚于今天。"))
    original_name = ""
    if upload is not None:
        _check_evidence(upload)
        original_name = shortened_name(upload.name, 200)
        upload.name = stored_name(upload.name)
    with transaction.atomic():
        _locked(sheet, SheetState.PUBLISHED)
        fulfilment: Fulfilment = Fulfilment.objects.create(item=item, done_on=done_on, text=text[:500], evidence=upload or "",
                                               original_name=original_name)
        _audit(PledgeAction.FULFIL, by=by, obj=fulfilment, sheet=sheet, request=request,
               changes={"item": [None, item.pk], "evidence": [None, "attached" if upload else ""]})
    return fulfilment


def fulfilment_review(*, fulfilment: Fulfilment, approve: bool, note: str = "", by: Any,
                      request: Any = None) -> Fulfilment:
    """The organization approves a 践诺 record, or returns it with a reason."""
    note = (note or "").strip()
    if not approve and not note:
        raise PledgeError(_("退回践诺记录时请写明原因。"))
    to: Any = FulfilmentState.APPROVED if approve else FulfilmentState.RETURNED
    sheet = fulfilment.item.sheet
    with transaction.atomic():
        changed = (Fulfilment.objects.filter(pk=fulfilment.pk, state=FulfilmentState.PENDING)
                   .update(state=to, review_note=note[:300]))
        if changed != 1:
            raise PledgeError(_("该践诺记录已审核过，请刷新页面。"))
        _audit(PledgeAction.FULFIL, by=by, obj=fulfilment, sheet=sheet, request=request,
               changes={"state": [str(FulfilmentState.PENDING), str(to)]})
    fulfilment.state, fulfilment.review_note = to, note[:300]
    return fulfilment


def item_check(*, item: PledgeItem, status: str, note: str = "", by: Any, request: Any = None) -> PledgeItem:
    """The mid-year check: the organization marks a published pledge on track or behind."""
    if status not in CheckStatus.values:
        raise PledgeError(_("请选择检查结果（进度正常或进度滞后）。"))
    note = (note or "").strip()[:300]
    if status == str(CheckStatus.BEHIND) and not note:
        raise PledgeError(_("进度滞后时请写明检查意见。"))
    sheet = item.sheet
    with transaction.atomic():
        _locked(sheet, SheetState.PUBLISHED)
        old = item.check_status
        item.check_status, item.check_note = status, note
        item.save(update_fields=["check_status", "check_note"])
        _audit(PledgeAction.CHECK, by=by, obj=item, sheet=sheet, request=request,
               changes={"check_status": [old, status], "check_note": [None, note]})
    return item


def self_evaluate(*, sheet: PledgeSheet, score: Any, text: str, by: Any, request: Any = None) -> PledgeSheet:
    value = _score(score, _("自评分"))
    with transaction.atomic():
        _locked(sheet, SheetState.PUBLISHED)
        old = sheet.self_score
        sheet.self_score, sheet.self_text = value, (text or "").strip()
        sheet.save(update_fields=["self_score", "self_text", "updated_at"])
        _audit(PledgeAction.EVALUATE, by=by, obj=sheet, sheet=sheet, request=request,
               changes={"self_score": [old, value]})
    return sheet


def org_evaluate(*, sheet: PledgeSheet, score: Any, note: str = "", by: Any, request: Any = None) -> PledgeSheet:
    value = _score(score, _("组织评价分"))
    with transaction.atomic():
        _locked(sheet, SheetState.PUBLISHED)
        old = sheet.org_score
        sheet.org_score, sheet.org_note = value, (note or "").strip()[:300]
        sheet.save(update_fields=["org_score", "org_note", "updated_at"])
        _audit(PledgeAction.EVALUATE, by=by, obj=sheet, sheet=sheet, request=request,
               changes={"org_score": [old, value]})
    return sheet


def peer_rate(*, sheet: PledgeSheet, rater: Any, score: Any, by: Any, request: Any = None) -> None:
    """One peer score per rater and sheet: the score only adds to the sheet's count and sum, the
    has-rated mark keeps no score, and the audit trail says that the rater rated, never the score."""
    value = _score(score, _("互评分"))
    if rater.pk == sheet.member_id:
        raise PledgeError(_("不能给自己互评打分。"))
    with transaction.atomic():
        _locked(sheet, SheetState.PUBLISHED)
        try:
            with transaction.atomic():
                PeerRated.objects.create(sheet=sheet, rater=rater)
        except IntegrityError:
            raise PledgeError(_("您已经给 %(name)s 打过分了。") % {"name": sheet.member.name}) from None
        PledgeSheet.objects.filter(pk=sheet.pk).update(peer_count=F("peer_count") + 1,
                                                       peer_total=F("peer_total") + value)
        _audit(PledgeAction.PEER, by=by, obj=sheet, sheet=sheet, request=request, changes={"rated": [None, True]})
