"""A case's page (timeline, fact versions, actions) and the simple steps on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.ratings import permissions, queries, services, workflow
from pingxing.ratings.access import (
    case_facts,
    case_part_for,
    get_case_for_user,
    get_objection_for_user,
)
from pingxing.ratings.workflow import Part


@login_required
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    part = case_part_for(request.user, case)
    facts = case_facts(case)
    actions = workflow.available_actions(state=case.state, part=part, acceptance=facts.acceptance)
    if "close_notice" in actions and not permissions.can_close_notice(actor_of(request.user), facts):
        actions.remove("close_notice")  # the button appears once the notice period has ended
    sheets = queries.case_sheets(case)
    context = {
        "case": case,
        "actor": part,
        "is_community": part is Part.COMMUNITY,
        "sheets": sheets,
        "latest": sheets[-1] if sheets else None,
        "transitions": case.transitions.select_related("by"),
        "objections": case.objections.select_related("responded_by") if part is Part.COUNTY else None,
        "evidence": case.evidence.all(),
        "actions": actions,
        "action_labels": workflow.ACTION_LABELS,
        "state_label": workflow.STATE_LABELS.get(workflow.CaseState(case.state), case.state),
    }
    return render(request, "ratings/case_detail.html", context)


# Steps that need nothing but a click (and maybe a reason); forms handle the others.
_SIMPLE_STEPS = frozenset({"return_to_community", "return_to_street", "approve", "start_notice", "close_notice"})


@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, case_id: int, action: str) -> HttpResponse:
    if action not in _SIMPLE_STEPS:
        raise Http404
    case = get_case_for_user(request.user, case_id, request=request,
                             may=lambda actor, facts: permissions.can_attempt(actor, facts, action))
    reason = request.POST.get("reason", "")
    try:
        if action in ("return_to_community", "return_to_street"):
            services.case_return(case=case, reason=reason, by=request.user, part=workflow.STEPS[action].part)
        elif action == "approve":
            services.case_approve(case=case, by=request.user)
        elif action == "start_notice":
            services.notice_start(case=case, by=request.user)
        else:
            services.notice_close(case=case, by=request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(action)s：已完成。") % {"action": workflow.ACTION_LABELS[action]})
    return redirect("ratings:case", case_id=case.pk)


@login_required
@require_POST
def objection_respond(request: AuthenticatedHttpRequest, objection_id: int) -> HttpResponse:
    objection = get_objection_for_user(request.user, objection_id, request=request)
    try:
        services.objection_respond(
            objection=objection, response=request.POST.get("response", ""),
            upheld=request.POST.get("upheld") == "1", by=request.user,
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("异议处理意见已记录。"))
    return redirect("ratings:case", case_id=objection.case_id)
