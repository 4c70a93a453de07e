"""Writes of accountability (问责) and adjustment (调整) cases, each audited.

An accountability case is decided with one of the county's forms (accountability_forms.toml)
or closed without action, with a reason. An adjustment case is proposed by the organization's
secretary or the street on the grounds of 四.1 and decided by the street only: "adjust" ends
the leadership post in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.cadres.actions import CadreAction
from pingxing.cadres.models import (
    AccountabilityCase,
    AdjustmentCase,
    AdjustmentFile,
    AdjustmentState,
    CaseState,
    Checkpoint,
    CheckResult,
    Ground,
    LeadershipPost,
    PledgeState,
)
from pingxing.cadres.rules import accountability_forms
from pingxing.cadres.services.common import CadreError, audit, checked_upload, clean

MAX_FILES = 5


def _case_audit(case: Any, *, by: Any, changes: dict[str, Any], request: Any, action: str) -> None:
    audit(action, by=by, obj=case, organization=case.organization, changes=changes, request=request,
          what=f"{case.post.holder_name} {case}")


def accountability_open(*, checkpoint: Checkpoint, by: Any, request: Any = None) -> AccountabilityCase:
    """The street opens a case by hand for a checkpoint recorded as partly kept."""
    pledge = checkpoint.commitment.pledge
    if pledge.state != PledgeState.APPROVED or checkpoint.result not in (CheckResult.PARTLY, CheckResult.NOT_KEPT):
        raise CadreError(_("只有部分兑现或未兑现的检查点才能启动问责。"))
    with transaction.atomic():
        if AccountabilityCase.objects.select_for_update().filter(checkpoint=checkpoint).exists():
            raise CadreError(_("该检查点已启动问责。"))
        case: AccountabilityCase = AccountabilityCase.objects.create(
            post=pledge.post, organization_id=pledge.organization_id, checkpoint=checkpoint, year=pledge.year,
            opened_automatically=False)
        _case_audit(case, by=by, request=request, action=CadreAction.ACCOUNT,
                    changes={"state": [None, case.state], "checkpoint": [None, checkpoint.pk]})
    return case


def _still_open(model: Any, case: Any, open_state: Any) -> None:
    current = model.objects.select_for_update().filter(pk=case.pk).values_list("state", flat=True).first()
    if current != open_state:
        raise CadreError(_("该案件已处理，请刷新页面。"))


def accountability_decide(*, case: AccountabilityCase, form: str, decision: str, reason: str,
                          decided_on: dt.date, by: Any, request: Any = None) -> AccountabilityCase:
    """问责: the form chosen from the county's list, the decision and its reason."""
    label = accountability_forms().label_of(form)
    if label is None:
        raise CadreError(_("请选择问责方式。"))
    decision, reason = clean(decision, 2000), clean(reason, 500)
    if not decision or not reason:
        raise CadreError(_("请填写处理决定和理由。"))
    with transaction.atomic():
        _still_open(AccountabilityCase, case, CaseState.OPEN)
        case.state, case.form, case.form_label = CaseState.DECIDED, form, label
        case.decision, case.reason, case.decided_on, case.decided_by = decision, reason, decided_on, by
        case.save(update_fields=["state", "form", "form_label", "decision", "reason", "decided_on", "decided_by"])
        _case_audit(case, by=by, request=request, action=CadreAction.ACCOUNT,
                    changes={"state": [str(CaseState.OPEN), case.state], "form": [None, form],
                             "reason": [None, reason], "decided_on": [None, str(decided_on)]})
    return case


def accountability_close(*, case: AccountabilityCase, reason: str, decided_on: dt.date, by: Any,
                         request: Any = None) -> AccountabilityCase:
    """Closed without action (不予问责): the reason is required."""
    reason = clean(reason, 500)
    if not reason:
        raise CadreError(_("不予问责时请写明理由。"))
    with transaction.atomic():
        _still_open(AccountabilityCase, case, CaseState.OPEN)
        case.state, case.reason, case.decided_on, case.decided_by = CaseState.CLOSED, reason, decided_on, by
        case.save(update_fields=["state", "reason", "decided_on", "decided_by"])
        _case_audit(case, by=by, request=request, action=CadreAction.ACCOUNT,
                    changes={"state": [str(CaseState.OPEN), case.state], "reason": [None, reason]})
    return case


def adjustment_propose(*, post: LeadershipPost, grounds: Sequence[str], evidence: str,
                       uploads: Sequence[Any] = (), by_street: bool, by: Any,
                       request: Any = None) -> AdjustmentCase:
    """Propose adjusting a leadership member on one or more grounds of 四.1, with the facts."""
    chosen = [g for g in Ground.values if g in set(grounds)]
    if not chosen or len(chosen) != len(set(grounds)):
        raise CadreError(_("请选择调整情形（目标任务完成情况差、服务态度差、群众反映强烈）。"))
    evidence = clean(evidence, 5000)
    if not evidence:
        raise CadreError(_("请写明事实依据。"))
    if post.ended_on is not None:
        raise CadreError(_("该干部已离任。"))
    if len(uploads) > MAX_FILES:
        raise CadreError(_("最多上传 %(n)s 个文件。") % {"n": MAX_FILES})
    originals = [checked_upload(upload) for upload in uploads]
    with transaction.atomic():
        if AdjustmentCase.objects.filter(post=post, state=AdjustmentState.PROPOSED).exists():
            raise CadreError(_("该干部已有待决定的调整建议。"))
        case: AdjustmentCase = AdjustmentCase.objects.create(
            post=post, organization_id=post.organization_id, grounds=chosen, evidence=evidence,
            proposed_by_street=by_street, proposed_by=by)
        for upload, original in zip(uploads, originals, strict=True):
            AdjustmentFile.objects.create(case=case, file=upload, original_name=original)
        _case_audit(case, by=by, request=request, action=CadreAction.ADJUST,
                    changes={"grounds": [None, chosen], "files": [None, len(originals)],
                             "proposed_by_street": [None, by_street]})
    return case


def adjustment_decide(*, case: AdjustmentCase, adjust: bool, reason: str, decided_on: dt.date,
                      successor: str = "", by: Any, request: Any = None) -> AdjustmentCase:
    """The street decides: 调整 ends the post on `decided_on` (with the successor named, if
    any), 不调整 keeps it; the reason is required either way."""
    reason = clean(reason, 500)
    if not reason:
        raise CadreError(_("请写明决定理由。"))
    post = case.post
    if adjust and decided_on < post.term_starts_on:
        raise CadreError(_("决定日期不能早于任职日期。"))
    with transaction.atomic():
        _still_open(AdjustmentCase, case, AdjustmentState.PROPOSED)
        case.state = AdjustmentState.ADJUSTED if adjust else AdjustmentState.KEPT
        case.reason, case.decided_on, case.decided_by = reason, decided_on, by
        case.successor = clean(successor, 50) if adjust else ""
        case.save(update_fields=["state", "reason", "decided_on", "decided_by", "successor"])
        changes: dict[str, Any] = {"state": [str(AdjustmentState.PROPOSED), case.state], "reason": [None, reason]}
        if adjust:
            ended = LeadershipPost.objects.filter(pk=post.pk, ended_on__isnull=True).update(
                ended_on=decided_on, end_reason=_("调整（街道决定）")[:200])
            if ended != 1:
                raise CadreError(_("该干部已离任。"))
            post.ended_on = decided_on
            changes["post_ended_on"] = [None, str(decided_on)]
        _case_audit(case, by=by, request=request, action=CadreAction.ADJUST, changes=changes)
    return case
