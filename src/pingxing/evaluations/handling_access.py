"""Access to handling cases, and the reads of the handling pages and the street's home card.

One answer for "missing" and "forbidden" (an audited 404). Who may do what follows the
evaluation's predicates: the organization's staff run a case (open, draft, the meeting's vote,
talks, outcomes), the street above pre-reviews and approves it, and both read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.evaluations import permissions
from pingxing.evaluations.access import facts_of
from pingxing.evaluations.handling_models import OUTCOME_CHOICES
from pingxing.evaluations.handling_rules import (
    OUTCOMES,
    Stage,
    StepFacts,
    StepKind,
    is_overdue,
    stage_of,
)
from pingxing.evaluations.models import Evaluation, HandlingCase, HandlingStep, RollEntry

CaseAction = Literal["read", "run", "oversee"]
LOW_GRADES = ("basically_unqualified", "unqualified")
STAGE_TEXT = {
    Stage.DRAFT: _("待支委会研究提出处置意见"),
    Stage.PREREVIEW: _("待街道预审"),
    Stage.MEETING: _("待支部党员大会表决"),
    Stage.APPROVAL: _("待上级党组织批准"),
    Stage.OUTCOME: _("待审核结果"),
    Stage.DONE: _("已完成"),
}


def step_facts(step: HandlingStep) -> StepFacts:
    return StepFacts(kind=StepKind(step.kind), drafted=step.drafted_on is not None,
                     prereviewed=step.prereview_passed is True, voted=step.votes_for is not None,
                     approved=step.approved_on is not None, outcome=step.outcome)


def step_stage(step: HandlingStep) -> Stage:
    return stage_of(step_facts(step))


def may(user: Any, evaluation: Evaluation, action: CaseAction) -> bool:
    actor = actor_of(user)
    if action == "run":
        return permissions.can_run_evaluation(actor, facts_of(evaluation))
    if action == "oversee":
        return permissions.can_prereview_handling(actor, evaluation.organization.path)
    return permissions.can_read_evaluation(actor, facts_of(evaluation))


def get_case_for_user(user: Any, case_id: Any, *, action: CaseAction = "read", request: Any = None) -> HandlingCase:
    """The case if the user may read it (or run / oversee it); else an audited 404."""
    case: HandlingCase | None = HandlingCase.objects.select_related(
        "entry__member", "entry__evaluation__organization").filter(pk=parse_id(case_id)).first()
    if case is None or not may(user, case.entry.evaluation, action):
        deny(user, "evaluations.handling", case_id, request)
    return case


def get_step_for_user(user: Any, case_id: Any, step_id: Any, *, action: CaseAction,
                      request: Any = None) -> HandlingStep:
    """A step of a case the user may act on in the given way; else an audited 404."""
    case = get_case_for_user(user, case_id, action=action, request=request)
    step: HandlingStep | None = case.steps.filter(pk=parse_id(step_id)).first()
    if step is None:
        deny(user, "evaluations.handling_step", step_id, request)
    step.case = case
    return step


def cases_of(evaluation: Evaluation) -> QuerySet[HandlingCase]:
    return (HandlingCase.objects.filter(entry__evaluation=evaluation).select_related("entry__member")
            .prefetch_related("steps").order_by("entry__member__name", "pk"))


def candidates_of(evaluation: Evaluation) -> QuerySet[RollEntry]:
    """Members graded 基本不合格 or 不合格 whose handling has not been opened."""
    return (evaluation.roll.filter(final_grade__in=LOW_GRADES, handling__isnull=True, excused=False)
            .select_related("member").order_by("member__name"))


@dataclass(frozen=True)
class StepRow:
    step: HandlingStep
    stage: str
    stage_text: str
    overdue: bool


def case_steps(case: HandlingCase, *, today: date) -> list[StepRow]:
    """The steps of a case in order, each with the stage it waits for and whether it is overdue."""
    rows = []
    for step in case.steps.select_related("helper").prefetch_related("talks").order_by("pk"):
        stage = step_stage(step)
        rows.append(StepRow(step, stage.value, str(STAGE_TEXT[stage]),
                            is_overdue(due_on=step.due_on, done=bool(step.outcome), today=today)))
    return rows


def current_row(rows: list[StepRow]) -> StepRow | None:
    """The step a case is at: the first one not done (None once the case is closed)."""
    return next((row for row in rows if row.stage != Stage.DONE.value), None)


def outcome_choices(step: HandlingStep) -> list[tuple[str, str]]:
    """The outcomes that may end this kind of step, with their labels."""
    allowed = {o.value for o in OUTCOMES[StepKind(step.kind)]}
    return [(value, str(label)) for value, label in OUTCOME_CHOICES if value in allowed]


@dataclass(frozen=True)
class OverdueStep:
    case_id: int
    org_name: str
    member_name: str
    step: str
    due_on: date


def overdue_steps(user: Any, *, today: date, limit: int = 20) -> tuple[int, list[OverdueStep]]:
    """Open steps past their deadline in the organizations the user pre-reviews (their
    subtree): the number and the first few, oldest deadline first."""
    actor = actor_of(user)
    if actor.role not in permissions.OVERSEEING_ROLES or not actor.org_path:
        return 0, []
    # handling_rules.is_overdue as a filter: past the deadline and no outcome yet.
    rows = (HandlingStep.objects.filter(outcome="", due_on__lt=today,
                                        case__entry__evaluation__organization__path__startswith=actor.org_path)
            .select_related("case__entry__member", "case__entry__evaluation__organization")
            .order_by("due_on", "pk"))
    found = [OverdueStep(s.case_id, s.case.entry.evaluation.organization.name, s.case.entry.member.name,
                         s.get_kind_display(), s.due_on)
             for s in rows[:limit]]
    return rows.count(), found


def helper_choices(evaluation: Evaluation, entry: RollEntry) -> list[tuple[int, str]]:
    """Members of the organization who may help (not the member under handling)."""
    members = evaluation.organization.members.exclude(pk=entry.member_id).order_by("name", "pk")
    return [(m.pk, m.name) for m in members]

