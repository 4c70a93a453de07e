"""Writes of organizational handling (组织处置): each atomic, audited, refused with a Chinese
message. The order of the stages, the quorum and the deadlines are the pure rules of
handling_rules.py; this module applies them to the tables. Handling is not a disciplinary
sanction (组织处置不是党纪处分)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import audit_record
from pingxing.evaluations.actions import EvaluationAction
from pingxing.evaluations.handling_access import STAGE_TEXT, step_stage
from pingxing.evaluations.handling_rules import (
    OUTCOMES,
    Outcome,
    QuorumProblem,
    QuorumVerdict,
    Stage,
    StepKind,
    entitled_count,
    first_step,
    next_step,
    quorum_check,
)
from pingxing.evaluations.models import (
    EvaluationState,
    HandlingCase,
    HandlingStep,
    HandlingTalk,
    RollEntry,
)
from pingxing.evaluations.services import EvaluationError
from pingxing.members.models import Member, MemberStatus

OPEN_STATES = frozenset({EvaluationState.ASSESSED, EvaluationState.PUBLISHED})


def _name(step: HandlingStep) -> str:
    return f"{step.case.entry.member.name}·{step.get_kind_display()}"


def _audit(case: HandlingCase, *, by: Any, changes: dict[str, Any], request: Any = None) -> None:
    audit_record(action=EvaluationAction.HANDLING, user=by, obj=case,
                 organization=case.entry.evaluation.organization, changes=changes, request=request)


def _locked(step: HandlingStep, expected: Stage | set[Stage]) -> HandlingStep:
    """The step locked for update, refused unless it waits for the expected stage."""
    locked: HandlingStep = HandlingStep.objects.select_for_update().select_related(
        "case__entry__member", "case__entry__evaluation__organization").get(pk=step.pk)
    wanted = expected if isinstance(expected, set) else {expected}
    stage = step_stage(locked)
    if stage not in wanted:
        raise EvaluationError(_("“%(step)s”当前%(stage)s，不能进行这一步。") % {
            "step": _name(locked), "stage": STAGE_TEXT[stage]})
    return locked


def _not_future(day: date | None, what: str) -> date:
    if day is None:
        raise EvaluationError(_("请填写%(what)s。") % {"what": what})
    if day > timezone.localdate():
        raise EvaluationError(_("%(what)s不能晚于今天。") % {"what": what})
    return day


def case_open(*, entry: RollEntry, by: Any, request: Any = None) -> HandlingCase:
    """Open the handling of a member graded 基本不合格 or 不合格, after the organization has
    recorded the final grades; the first step is 整改 or 限期改正."""
    kind = first_step(entry.final_grade)
    if entry.evaluation.state not in OPEN_STATES:
        raise EvaluationError(_("组织评定等次记录后才能启动组织处置。"))
    if kind is None:
        raise EvaluationError(_("“%(name)s”的评定等次不是基本不合格或不合格，无需组织处置。") % {
            "name": entry.member.name})
    with transaction.atomic():
        RollEntry.objects.select_for_update().filter(pk=entry.pk).first()
        if HandlingCase.objects.filter(entry=entry).exists():
            raise EvaluationError(_("“%(name)s”的组织处置已经启动。") % {"name": entry.member.name})
        case: HandlingCase = HandlingCase.objects.create(entry=entry, opened_by=by)
        HandlingStep.objects.create(case=case, kind=kind)
        _audit(case, by=by, request=request, changes={"case": [None, f"{entry.member_id}:{kind}"]})
    return case


def step_draft(*, step: HandlingStep, drafted_on: date | None, text: str, due_on: date | None,
               helper_id: int | None = None, by: Any, request: Any = None) -> HandlingStep:
    """The branch committee's draft (支委会研究): the text, the deadline and, for a rectification
    plan, the helper. A draft the street has sent back may be drafted again."""
    drafted_on = _not_future(drafted_on, _("支委会研究日期"))
    text = text.strip()
    if len(text) < 5:
        raise EvaluationError(_("请写明处置意见（至少5个字）。"))
    if due_on is None or due_on <= drafted_on:
        raise EvaluationError(_("期限须晚于支委会研究日期。"))
    with transaction.atomic():
        locked = _locked(step, {Stage.DRAFT, Stage.PREREVIEW})
        entry = locked.case.entry
        helper = None
        if locked.kind == StepKind.RECTIFY:
            helper = Member.objects.filter(pk=helper_id or 0, organization_id=entry.evaluation.organization_id).first()
            if helper is None or helper.pk == entry.member_id:
                raise EvaluationError(_("请从本组织党员中选定帮扶人（不能是本人）。"))
        before = locked.drafted_on
        locked.drafted_on, locked.draft_text, locked.due_on, locked.helper = drafted_on, text, due_on, helper
        # A new draft goes to the street again.
        locked.prereviewed_on, locked.prereview_passed, locked.prereview_by_id = None, None, None
        locked.save()
        _audit(locked.case, by=by, request=request, changes={
            f"{locked.kind}.draft": [str(before) if before else None, str(drafted_on)],
            f"{locked.kind}.due_on": [None, str(due_on)]})
    return locked


def step_prereview(*, step: HandlingStep, passed: bool, note: str, by: Any, request: Any = None) -> HandlingStep:
    """The street's pre-review (预审): passed, or sent back to the branch committee with a reason."""
    note = note.strip()
    if not passed and not note:
        raise EvaluationError(_("预审不通过时请写明意见。"))
    with transaction.atomic():
        locked = _locked(step, Stage.PREREVIEW)
        if locked.prereview_passed is False:
            raise EvaluationError(_("“%(step)s”已退回支委会修改，待重新提交后再预审。") % {"step": _name(locked)})
        locked.prereviewed_on, locked.prereview_passed = timezone.localdate(), passed
        locked.prereview_note, locked.prereviewed_by = note[:500], by
        locked.save()
        _audit(locked.case, by=by, request=request, changes={f"{locked.kind}.prereview": [None, passed]})
    return locked


def entitled_for(step: HandlingStep) -> int:
    """Full members of the organization entitled to attend and vote: probationary members do
    not vote, members excused from the evaluation do not count."""
    evaluation = step.case.entry.evaluation
    full = Member.objects.filter(organization_id=evaluation.organization_id, status=MemberStatus.FULL)
    excused = evaluation.roll.filter(excused=True, member__in=full).count()
    return entitled_count(full_members=full.count(), excused_full_members=excused)


def quorum_message(verdict: QuorumVerdict) -> str:
    figures = {"entitled": verdict.entitled, "present": verdict.present, "need": verdict.present_needed,
               "for": verdict.votes_for, "need_for": verdict.for_needed}
    if verdict.problem is QuorumProblem.TOO_FEW_PRESENT:
        return str(_("到会人数不足：应到会有表决权的正式党员%(entitled)d人，实到%(present)d人，"
                 "须超过半数（至少%(need)d人）到会才能表决。") % figures)
    if verdict.problem is QuorumProblem.TOO_FEW_FOR:
        return str(_("表决未通过：应到会有表决权的正式党员%(entitled)d人，实到%(present)d人，赞成%(for)d票，"
                     "须超过应到会人数的半数（至少%(need_for)d票）。") % figures)
    return str(_("表决人数有误：应到%(entitled)d人，实到人数不能多于应到人数，赞成、反对、弃权之和不能多于实到人数。") % figures)


def step_meeting(*, step: HandlingStep, held_on: date | None, present: int, votes_for: int, votes_against: int,
                 abstained: int, by: Any, request: Any = None) -> HandlingStep:
    """The branch meeting's vote (支部党员大会), refused unless the quorum is met and more than
    half of those present vote for it."""
    held_on = _not_future(held_on, _("党员大会日期"))
    with transaction.atomic():
        locked = _locked(step, Stage.MEETING)
        if locked.prereviewed_on and held_on < locked.prereviewed_on:
            raise EvaluationError(_("党员大会日期不能早于预审日期。"))
        entitled = entitled_for(locked)
        verdict = quorum_check(entitled=entitled, present=present, votes_for=votes_for,
                               votes_against=votes_against, abstained=abstained)
        if not verdict.passed:
            raise EvaluationError(quorum_message(verdict))
        locked.meeting_on, locked.entitled, locked.present = held_on, entitled, present
        locked.votes_for, locked.votes_against, locked.abstained = votes_for, votes_against, abstained
        locked.save()
        _audit(locked.case, by=by, request=request, changes={f"{locked.kind}.meeting": [None, {
            "on": str(held_on), "entitled": entitled, "present": present, "for": votes_for,
            "against": votes_against, "abstained": abstained}]})
    return locked


def step_approve(*, step: HandlingStep, approved_on: date | None, body: str, ref: str = "", by: Any,
                 request: Any = None) -> HandlingStep:
    """The approval by the level above (上级党组织批准)."""
    approved_on = _not_future(approved_on, _("批准日期"))
    if not body.strip():
        raise EvaluationError(_("请填写批准机关。"))
    with transaction.atomic():
        locked = _locked(step, Stage.APPROVAL)
        if locked.meeting_on and approved_on < locked.meeting_on:
            raise EvaluationError(_("批准日期不能早于党员大会日期。"))
        locked.approved_on, locked.approved_by_body = approved_on, body.strip()[:100]
        locked.approval_ref, locked.approved_by = ref.strip()[:60], by
        locked.save()
        _audit(locked.case, by=by, request=request, changes={f"{locked.kind}.approval": [None, str(approved_on)]})
    return locked


def talk_log(*, step: HandlingStep, talked_on: date | None, talker: str, summary: str, by: Any,
             request: Any = None) -> HandlingTalk:
    """A talk (谈心谈话) with the member, with its date, while the step is open."""
    talked_on = _not_future(talked_on, _("谈话日期"))
    if not talker.strip() or not summary.strip():
        raise EvaluationError(_("请填写谈话人和谈话要点。"))
    with transaction.atomic():
        locked = _locked(step, {s for s in Stage if s is not Stage.DONE})
        talk: HandlingTalk = HandlingTalk.objects.create(step=locked, talked_on=talked_on,
                                                         talker=talker.strip()[:50], summary=summary.strip(),
                                                         recorded_by=by)
        _audit(locked.case, by=by, request=request, changes={f"{locked.kind}.talk": [None, str(talked_on)]})
    return talk


def step_outcome(*, step: HandlingStep, outcome: str, note: str = "", by: Any,
                 request: Any = None) -> HandlingStep:
    """The outcome of a step: the review at the deadline (改正 or not), the member's answer to
    劝退, or 除名 carried out. 未改正 leads to 劝退, a refusal to 除名; any other outcome closes
    the case."""
    today = timezone.localdate()
    with transaction.atomic():
        locked = _locked(step, Stage.OUTCOME)
        kind = StepKind(locked.kind)
        allowed = {o.value for o in OUTCOMES[kind]}
        if outcome not in allowed:
            raise EvaluationError(_("请选择“%(step)s”的结果。") % {"step": _name(locked)})
        if kind is StepKind.PERSUADE and not locked.talks.exists():
            raise EvaluationError(_("劝其退党须先同本人谈话，请先记录谈心谈话。"))
        locked.outcome, locked.outcome_on, locked.outcome_note = outcome, today, note.strip()
        locked.save()
        following = next_step(kind, Outcome(outcome))
        case = locked.case
        if following is None:
            case.outcome, case.closed_on = outcome, today
            case.save(update_fields=["outcome", "closed_on"])
        else:
            HandlingStep.objects.create(case=case, kind=following)
        _audit(case, by=by, request=request, changes={
            f"{kind}.outcome": [None, outcome], "next": [None, following.value if following else None]})
        evaluation = case.entry.evaluation
        if evaluation.state == EvaluationState.PUBLISHED and locked.approved_on is not None:
            from pingxing.evaluations.disclosure import disclosure_publish

            disclosure_publish(evaluation=evaluation, by=by, request=request)  # 亮奖惩: a new version
    return locked
