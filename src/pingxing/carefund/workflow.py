"""The steps of an application for help from the care fund (pure, no Django).

    submitted 待初审 ──review (初审)──▶ reviewed 待审批 ──approve (审批)──▶ notice 公示中 ──pay──▶ paid 已发放
        └─reject (reason)─▶ rejected    └─reject (reason)─▶ rejected      └─reject (objection upheld)─▶ rejected
    paid ──correct (reverse the payout, reason)──▶ rejected 未通过

Maker/checker: whoever proposed an application never checks or approves it, and the first-level
checker never approves it too — three different people stand behind every grant.

- propose: secretary / clerk of the member's organization, street staff of its subtree;
- review (初审): a street-level user *of the fund's organization*, not the proposer;
- approve (审批): a street or county office user over the fund, neither proposer nor checker;
- reject: whoever may take the pending step (in notice: the fund's office, an objection upheld);
- pay: the fund's office, once the notice period is over;
- correct: the fund's office reverses the payout of a paid application.

Notice (公示): with ``notice_days`` N > 0 the approved grant is noticed through
``approved_on + N`` (inclusive) and may be paid from the day after; with N = 0 there is no
notice (``notice_until`` is None) and it may be paid at once. A corrected payout sends the
application to ``rejected`` with the reason: the grant no longer stands, the reversal posting
keeps the trace, and a new application is proposed if help is still due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pingxing.carefund.permissions import OrgFacts, can_register, is_fund_office, is_fund_street
from pingxing.core.scope import Actor

MAX_NOTICE_DAYS = 60


def _(message: str) -> str:
    """Marks a message for the catalogue (this module stays pure); the caller translates it."""
    return message


class State(StrEnum):
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    NOTICE = "notice"
    PAID = "paid"
    REJECTED = "rejected"


class Step(StrEnum):
    REVIEW = "review"
    APPROVE = "approve"
    REJECT = "reject"
    PAY = "pay"
    CORRECT = "correct"


@dataclass(frozen=True, slots=True)
class AppFacts:
    """What the rules read of an application."""

    state: State
    member_org: OrgFacts
    fund_org: OrgFacts
    proposed_by: int
    reviewed_by: int | None = None
    approved_by: int | None = None
    notice_until: date | None = None
    payout_reversed: bool = False


def can_propose(actor: Actor, member_org: OrgFacts) -> bool:
    """Proposing an application for a member of ``member_org`` (the same people who keep the register)."""
    return can_register(actor, member_org)


def _is_maker(actor: Actor, app: AppFacts) -> bool:
    return actor.user_id is not None and actor.user_id == app.proposed_by


def can_review(actor: Actor, app: AppFacts) -> bool:
    """初审: the fund's street, never the proposer."""
    if app.state is not State.SUBMITTED:
        return False
    if actor.user_id is None or _is_maker(actor, app):
        return False
    return is_fund_street(actor, app.fund_org)


def can_approve(actor: Actor, app: AppFacts) -> bool:
    """审批: the fund's office, neither the proposer nor the first-level checker."""
    if app.state is not State.REVIEWED:
        return False
    if actor.user_id is None or _is_maker(actor, app):
        return False
    if actor.user_id == app.reviewed_by:
        return False
    return is_fund_office(actor, app.fund_org)


def can_reject(actor: Actor, app: AppFacts) -> bool:
    """Rejecting at the pending level (with a reason); in notice, an upheld objection."""
    if app.state is State.SUBMITTED:
        return can_review(actor, app)
    if app.state is State.REVIEWED:
        return can_approve(actor, app)
    if app.state is State.NOTICE:
        return actor.user_id is not None and not _is_maker(actor, app) and is_fund_office(actor, app.fund_org)
    return False


def notice_until(approved_on: date, notice_days: int) -> date | None:
    """The last day of the notice period (None: no notice)."""
    if notice_days <= 0:
        return None
    return approved_on + timedelta(days=notice_days)


def notice_over(app: AppFacts, *, today: date) -> bool:
    """The grant may be paid: approved, and the notice (if any) has ended."""
    if app.state is not State.NOTICE:
        return False
    return app.notice_until is None or today > app.notice_until


def can_pay(actor: Actor, app: AppFacts, *, today: date) -> bool:
    """Paying: the fund's office, after the notice period."""
    if not notice_over(app, today=today):
        return False
    return is_fund_office(actor, app.fund_org)


def can_correct(actor: Actor, app: AppFacts) -> bool:
    """Reversing the payout of a paid application: the fund's office."""
    if app.state is not State.PAID or app.payout_reversed:
        return False
    return is_fund_office(actor, app.fund_org)


def pay_problem(app: AppFacts, *, today: date) -> str:
    """Why the grant cannot be paid yet (msgid), "" when it can."""
    if app.state is State.PAID:
        return _("该申请已发放。")
    if app.state is not State.NOTICE:
        return _("该申请尚未审批通过，不能发放。")
    if not notice_over(app, today=today):
        return _("公示期未满，不能发放。")
    return ""


def steps_for(actor: Actor, app: AppFacts, *, today: date) -> frozenset[Step]:
    """The buttons an actor sees on the application's page."""
    checks = {
        Step.REVIEW: can_review(actor, app),
        Step.APPROVE: can_approve(actor, app),
        Step.REJECT: can_reject(actor, app),
        Step.PAY: can_pay(actor, app, today=today),
        Step.CORRECT: can_correct(actor, app),
    }
    return frozenset(step for step, allowed in checks.items() if allowed)


def payout_key(application_id: int) -> str:
    """The payout's idempotency key: a double click or a retry pays once."""
    return f"carefund-app-{application_id}-payout"


def correction_key(application_id: int) -> str:
    return f"carefund-app-{application_id}-reversal"
