"""Pages of organizational handling (组织处置): the evaluation's cases, a case with its steps,
and one POST endpoint per stage. Handling is not a disciplinary sanction; every page says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.evaluations import handling
from pingxing.evaluations.access import get_evaluation_for_user
from pingxing.evaluations.handling_access import (
    CaseAction,
    candidates_of,
    case_steps,
    cases_of,
    current_row,
    get_case_for_user,
    get_step_for_user,
    helper_choices,
    may,
    outcome_choices,
)
from pingxing.evaluations.handling_forms import (
    ApprovalForm,
    DraftForm,
    MeetingForm,
    OutcomeForm,
    PrereviewForm,
    TalkForm,
    form_problem,
)
from pingxing.evaluations.handling_models import HandlingStep
from pingxing.evaluations.services import EvaluationError


@login_required
def handling_list(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, evaluation_id, request=request)
    return render(request, "evaluations/handling_list.html", {
        "evaluation": evaluation, "cases": cases_of(evaluation), "candidates": candidates_of(evaluation),
        "can_run": may(request.user, evaluation, "run")})


@login_required
@require_POST
def handling_open(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, evaluation_id, run=True, request=request)
    entry = evaluation.roll.select_related("member", "evaluation").filter(pk=parse_id(request.POST.get("entry"))).first()
    if entry is None:
        messages.error(request, _("该党员不在参评名单上。"))
        return redirect("evaluations:handling", evaluation.pk)
    try:
        case = handling.case_open(entry=entry, by=request.user, request=request)
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect("evaluations:handling", evaluation.pk)
    messages.success(request, _("已启动组织处置。"))
    return redirect("evaluations:handling_case", case.pk)


@login_required
def handling_case(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    evaluation = case.entry.evaluation
    steps = case_steps(case, today=timezone.localdate())
    current = current_row(steps)
    return render(request, "evaluations/handling_case.html", {
        "case": case, "entry": case.entry, "evaluation": evaluation, "steps": steps, "current": current,
        "can_run": may(request.user, evaluation, "run"), "can_oversee": may(request.user, evaluation, "oversee"),
        "helpers": helper_choices(evaluation, case.entry),
        "outcome_choices": outcome_choices(current.step) if current else [],
        "entitled": handling.entitled_for(current.step) if current and current.stage == "meeting" else None,
        "draft_form": DraftForm(), "prereview_form": PrereviewForm(), "meeting_form": MeetingForm(),
        "approval_form": ApprovalForm(), "talk_form": TalkForm(), "outcome_form": OutcomeForm()})


# Each stage: who may take it, its form, and the service call with the cleaned data.
Act = Callable[[HandlingStep, dict[str, Any], AuthenticatedHttpRequest], Any]
ACTIONS: dict[str, tuple[CaseAction, type[forms.Form], Act, Any]] = {
    "draft": ("run", DraftForm, lambda step, d, r: handling.step_draft(
        step=step, drafted_on=d["drafted_on"], text=d["draft_text"], due_on=d["due_on"], helper_id=d["helper"],
        by=r.user, request=r), gettext_lazy("已记录支委会处置意见。")),
    "prereview": ("oversee", PrereviewForm, lambda step, d, r: handling.step_prereview(
        step=step, passed=d["passed"], note=d["note"], by=r.user, request=r), gettext_lazy("已记录预审意见。")),
    "meeting": ("run", MeetingForm, lambda step, d, r: handling.step_meeting(
        step=step, held_on=d["held_on"], present=d["present"], votes_for=d["votes_for"],
        votes_against=d["votes_against"], abstained=d["abstained"], by=r.user, request=r),
        gettext_lazy("已记录党员大会表决结果。")),
    "approve": ("oversee", ApprovalForm, lambda step, d, r: handling.step_approve(
        step=step, approved_on=d["approved_on"], body=d["body"], ref=d["ref"], by=r.user, request=r),
        gettext_lazy("已记录上级党组织批准。")),
    "talk": ("run", TalkForm, lambda step, d, r: handling.talk_log(
        step=step, talked_on=d["talked_on"], talker=d["talker"], summary=d["summary"], by=r.user, request=r),
        gettext_lazy("已记录谈心谈话。")),
    "outcome": ("run", OutcomeForm, lambda step, d, r: handling.step_outcome(
        step=step, outcome=d["outcome"], note=d["note"], by=r.user, request=r), gettext_lazy("已记录处置结果。")),
}


@login_required
@require_POST
def handling_act(request: AuthenticatedHttpRequest, case_id: int, step_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        deny(request.user, "evaluations.handling", case_id, request)
    who, form_class, act, done = ACTIONS[action]
    step = get_step_for_user(request.user, case_id, step_id, action=who, request=request)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise EvaluationError(form_problem(form))
        act(step, form.cleaned_data, request)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(done))
    return redirect("evaluations:handling_case", step.case_id)
