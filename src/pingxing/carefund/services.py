"""党内关爱基金 (carefund): the writes of the register and the applications.

Every write is atomic and audited in the same transaction; a step on an application locks its
row and compares the state it was read in (two people acting at once: the second is told to
refresh). Money moves only through ``carefund.ledger`` (the one writer of postings); the rules of
who may take a step are ``carefund.workflow``'s, checked here again whatever the view showed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.carefund import ledger, rules, workflow
from pingxing.carefund.models import (
    Application,
    ApplicationState,
    Fund,
    HardshipKind,
    HardshipRecord,
    Posting,
)
from pingxing.carefund.permissions import OrgFacts, is_fund_office
from pingxing.carefund.rules import PostingRefused
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import ActingUser, actor_of
from pingxing.members.models import Member

MAX_TEXT = 2000


class CarefundError(Exception):
    """A refused write; the message is for the user."""


def org_facts(org: Any) -> OrgFacts:
    return OrgFacts(org_path=org.path, org_id=org.pk)


def app_facts(app: Application) -> workflow.AppFacts:
    reversed_ = app.payout_id is not None and Posting.objects.filter(reverses_id=app.payout_id).exists()
    return workflow.AppFacts(
        state=workflow.State(app.state), member_org=org_facts(app.member.organization),
        fund_org=org_facts(app.fund.organization), proposed_by=app.proposed_by_id,
        reviewed_by=app.reviewed_by_id, approved_by=app.approved_by_id, notice_until=app.notice_until,
        payout_reversed=reversed_)


def _text(value: Any, *, field: str, required: bool = True, limit: int = MAX_TEXT) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise CarefundError(_("请填写“%(field)s”。") % {"field": field})
    if len(text) > limit:
        raise CarefundError(_("“%(field)s”不能超过%(n)d字。") % {"field": field, "n": limit})
    return text


def _amount(value: Any, *, field: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        fen = value
        if fen <= 0 or fen > rules.MAX_AMOUNT:
            raise CarefundError(_("“%(field)s”必须大于零且不超出允许范围。") % {"field": field})
        return fen
    try:
        return rules.parse_yuan(str(value or ""))
    except PostingRefused as exc:
        raise CarefundError(f"“{field}”：{exc}") from None


# ---- the register of members in hardship ---------------------------------------------------

def hardship_register(*, member: Member, kind: str, situation: str, support_received: str = "",
                      registered_on: dt.date | None = None, by: ActingUser, request: Any = None) -> HardshipRecord:
    """Put a member of the actor's reach on the register (one open record per member)."""
    if not workflow.can_propose(actor_of(by), org_facts(member.organization)):
        raise CarefundError(_("您不能登记该党员。"))
    if kind not in HardshipKind.values:
        raise CarefundError(_("请选择“困难类型”。"))
    situation = _text(situation, field=_("困难情况"))
    support = _text(support_received, field=_("已获帮扶"), required=False)
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).first()
        if HardshipRecord.objects.filter(member=member, closed_on=None).exists():
            raise CarefundError(_("%(name)s已在困难党员名册中。") % {"name": member.name})
        record: HardshipRecord = HardshipRecord.objects.create(
            member=member, organization=member.organization, kind=kind, situation=situation,
            support_received=support, registered_on=registered_on or timezone.localdate(), registered_by_id=by.pk)
        audit_record(action=AuditAction.CREATE, user=by, obj=record, organization=member.organization,
                     request=request, object_repr=f"{member.name} {record.get_kind_display()}",
                     changes={"kind": [None, kind]})
    return record


def hardship_close(*, record: HardshipRecord, closed_on: dt.date | None = None, by: ActingUser,
                   request: Any = None) -> HardshipRecord:
    """Take a member off the register (销号): the record stays, with the date."""
    if not workflow.can_propose(actor_of(by), org_facts(record.organization)):
        raise CarefundError(_("您不能为该党员销号。"))
    closed_on = closed_on or timezone.localdate()
    with transaction.atomic():
        changed = HardshipRecord.objects.filter(pk=record.pk, closed_on=None).update(closed_on=closed_on)
        if changed != 1:
            raise CarefundError(_("该登记已销号。"))
        record.closed_on = closed_on
        audit_record(action=AuditAction.UPDATE, user=by, obj=record, organization=record.organization,
                     request=request, changes={"closed_on": [None, closed_on.isoformat()]})
    return record


# ---- applications --------------------------------------------------------------------------

def application_propose(*, fund: Fund, purpose: str, amount: Any, reason: str, by: ActingUser,
                        hardship: HardshipRecord | None = None, member: Member | None = None,
                        request: Any = None) -> Application:
    """困难帮扶 from an open hardship record; 创业扶助 for any member, the business plan in ``reason``."""
    if purpose == "hardship":
        if hardship is None:
            raise CarefundError(_("困难帮扶申请须选择困难党员登记。"))
        if hardship.closed_on is not None:
            raise CarefundError(_("该困难党员登记已销号。"))
        member = hardship.member
    elif purpose == "startup":
        if member is None:
            raise CarefundError(_("请选择“申请党员”。"))
        hardship = None
    else:
        raise CarefundError(_("请选择“用途”。"))
    fen = _amount(amount, field=_("申请金额"))
    field = _("创业计划") if purpose == "startup" else _("申请理由")
    text = _text(reason, field=field)
    if not workflow.can_propose(actor_of(by), org_facts(member.organization)):
        raise CarefundError(_("您不能为该党员提出申请。"))
    if not _fund_covers(fund, member):
        raise CarefundError(_("该党员不在本基金的服务范围内。"))
    with transaction.atomic():
        app: Application = Application.objects.create(
            fund=fund, purpose=purpose, member=member, hardship=hardship, amount=fen, reason=text, proposed_by_id=by.pk)
        audit_record(action="care_propose", user=by, obj=app, organization=member.organization, request=request,
                     object_repr=f"{member.name} {app.get_purpose_display()}",
                     changes={"amount_fen": [None, fen], "purpose": [None, purpose]})
    return app


def _fund_covers(fund: Fund, member: Member) -> bool:
    return str(member.organization.path).startswith(fund.organization.path)


def _lock(app: Application) -> Application:
    """Lock the row; refuse when somebody moved the application since it was read."""
    current: Application = (Application.objects.select_for_update().select_related("fund__organization", "member__organization")
               .get(pk=app.pk))
    if current.state != app.state:
        raise CarefundError(_("该申请刚被其他人处理过，请刷新页面后再操作。"))
    return current


def _step(app: Application, *, action: str, by: ActingUser, request: Any, changes: dict[str, Any]) -> None:
    audit_record(action=action, user=by, obj=app, organization=app.fund.organization, request=request,
                 changes=changes)


def application_review(*, app: Application, by: ActingUser, note: str = "", request: Any = None) -> Application:
    """初审 passed: the fund's street, not the proposer."""
    with transaction.atomic():
        locked = _lock(app)
        if not workflow.can_review(actor_of(by), app_facts(locked)):
            raise CarefundError(_("您不能初审该申请（提出人不能初审自己的申请）。"))
        locked.state, locked.reviewed_by_id, locked.reviewed_at = ApplicationState.REVIEWED, by.pk, timezone.now()
        locked.decision_note = _text(note, field=_("审核意见"), required=False, limit=300)
        locked.save(update_fields=["state", "reviewed_by", "reviewed_at", "decision_note"])
        _step(locked, action="care_review", by=by, request=request, changes={"state": [app.state, locked.state]})
    return locked


def application_approve(*, app: Application, by: ActingUser, today: dt.date | None = None, note: str = "",
                        request: Any = None) -> Application:
    """审批: neither proposer nor checker. The grant is noticed for the fund's days, or — with
    none — paid at once (left in notice, payable, when the fund cannot pay yet)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock(app)
        if not workflow.can_approve(actor_of(by), app_facts(locked)):
            raise CarefundError(_("您不能审批该申请（提出人、初审人不能审批）。"))
        locked.state, locked.approved_by_id, locked.approved_at = ApplicationState.NOTICE, by.pk, timezone.now()
        locked.notice_until = workflow.notice_until(today, locked.fund.notice_days)
        if note:
            locked.decision_note = _text(note, field=_("审核意见"), required=False, limit=300)
        locked.save(update_fields=["state", "approved_by", "approved_at", "notice_until", "decision_note"])
        _step(locked, action="care_approve", by=by, request=request,
              changes={"state": [app.state, locked.state],
                       "notice_until": [None, locked.notice_until.isoformat() if locked.notice_until else None]})
    if locked.notice_until is None:
        try:
            return application_pay(app=locked, by=by, today=today, request=request)
        except CarefundError:
            return locked
    return locked


def application_reject(*, app: Application, reason: str, by: ActingUser, request: Any = None) -> Application:
    """Not granted, with a reason, at the pending level (in notice: an objection upheld)."""
    reason = _text(reason, field=_("不通过理由"), limit=300)
    with transaction.atomic():
        locked = _lock(app)
        if not workflow.can_reject(actor_of(by), app_facts(locked)):
            raise CarefundError(_("您不能退回该申请。"))
        locked.state, locked.decision_note = ApplicationState.REJECTED, reason
        locked.save(update_fields=["state", "decision_note"])
        _step(locked, action="care_reject", by=by, request=request,
              changes={"state": [app.state, locked.state], "reason": [None, reason]})
    return locked


def application_pay(*, app: Application, by: ActingUser, today: dt.date | None = None,
                    request: Any = None) -> Application:
    """发放 after the notice: one payout posting under the application's key, whatever the retries."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked: Application = (Application.objects.select_for_update()
                               .select_related("fund__organization", "member__organization").get(pk=app.pk))
        if locked.state == ApplicationState.PAID:
            return locked  # a double click or a retry: paid once
        facts = app_facts(locked)
        problem = workflow.pay_problem(facts, today=today)
        if problem:
            raise CarefundError(_(problem))
        if not workflow.can_pay(actor_of(by), facts, today=today):
            raise CarefundError(_("您不能发放该申请。"))
        try:
            posting = ledger.disburse(
                fund=locked.fund, key=workflow.payout_key(locked.pk), amount=locked.amount, purpose=locked.purpose,
                payee=locked.member.name, booked_on=today, by=by,
                memo=f"{locked.get_purpose_display()}：{locked.member.name}（申请第{locked.pk}号）")
        except PostingRefused as exc:
            if "余额不足" in str(exc.args[0] if exc.args else ""):
                raise CarefundError(_("基金银行存款余额不足，不能发放这笔%(amount)s元的帮扶金。")
                                    % {"amount": rules.yuan(locked.amount)}) from None
            raise CarefundError(str(exc)) from None
        locked.state, locked.payout = ApplicationState.PAID, posting
        locked.save(update_fields=["state", "payout"])
        _step(locked, action="care_pay", by=by, request=request,
              changes={"state": [ApplicationState.NOTICE, locked.state], "posting": [None, posting.pk]})
    return locked


def application_correct(*, app: Application, reason: str, by: ActingUser, today: dt.date | None = None,
                        request: Any = None) -> Application:
    """更正 a paid grant: reverse its payout (``ledger.reverse``) and set it to rejected with the reason."""
    reason = _text(reason, field=_("冲正原因"), limit=150)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock(app)
        if not workflow.can_correct(actor_of(by), app_facts(locked)) or locked.payout is None:
            raise CarefundError(_("您不能更正该申请的发放。"))
        try:
            reversal = ledger.reverse(posting=locked.payout, key=workflow.correction_key(locked.pk), reason=reason,
                                      booked_on=today, by=by)
        except PostingRefused as exc:
            raise CarefundError(str(exc)) from None
        locked.state, locked.decision_note = ApplicationState.REJECTED, _("发放已冲正：%(r)s") % {"r": reason}
        locked.save(update_fields=["state", "decision_note"])
        _step(locked, action="care_correct", by=by, request=request,
              changes={"state": [ApplicationState.PAID, locked.state], "reversal": [None, reversal.pk],
                       "reason": [None, reason]})
    return locked


# ---- the books -----------------------------------------------------------------------------

def donation_record(*, fund: Fund, donor: str, amount: Any, booked_on: Any, key: str, by: ActingUser,
                    memo: str = "", today: dt.date | None = None) -> Posting:
    """A donation received (捐赠收入), posted once per form token ``key``."""
    if not is_fund_office(actor_of(by), org_facts(fund.organization)):
        raise CarefundError(_("您不能为该基金记账。"))
    donor = _text(donor, field=_("捐赠人"), limit=100)
    fen = _amount(amount, field=_("金额"))
    if not isinstance(booked_on, dt.date):
        raise CarefundError(_("请填写正确的“日期”。"))
    if booked_on > (today or timezone.localdate()):
        raise CarefundError(_("“日期”不能晚于今天。"))
    key = (key or "").strip()
    if not key or len(key) > 60:
        raise CarefundError(_("表单已失效，请刷新页面后重新提交。"))
    try:
        return ledger.donate(fund=fund, key=f"carefund-donation-{key}", amount=fen, donor=donor, booked_on=booked_on,
                             by=by, memo=_text(memo, field=_("摘要"), required=False, limit=200))
    except PostingRefused as exc:
        raise CarefundError(str(exc)) from None


def posting_reverse(*, posting: Posting, reason: str, by: ActingUser, today: dt.date | None = None) -> Posting:
    """冲正 a posting from the fund's page. A payout of an application is corrected through the
    application (it goes back to rejected); any other posting is reversed directly."""
    if not is_fund_office(actor_of(by), org_facts(posting.fund.organization)):
        raise CarefundError(_("您不能为该基金记账。"))
    reason = _text(reason, field=_("冲正原因"), limit=150)
    app = Application.objects.filter(payout=posting).first()
    if app is not None:
        application_correct(app=app, reason=reason, by=by, today=today)
        reversal: Posting = Posting.objects.get(reverses=posting)
        return reversal
    try:
        return ledger.reverse(posting=posting, key=f"carefund-posting-{posting.pk}-reversal", reason=reason,
                              booked_on=today or timezone.localdate(), by=by)
    except PostingRefused as exc:
        raise CarefundError(str(exc)) from None
