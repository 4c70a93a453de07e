"""A case's page (timeline, fact versions, actions) and the simple steps on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing import rubric
from pingxing.ratings import factform, publishing, services, workflow
from pingxing.ratings.access import actor_for, get_case_for_user, require_actor
from pingxing.ratings.models import Objection


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    actor = actor_for(request.user, case)
    sheets = list(case.sheets.select_related("created_by").prefetch_related("corrections"))
    _label_corrections(sheets)
    star = case.assessed_star
    actions = workflow.available_actions(state=case.state, actor=actor, star=star) if actor else []
    if "close_notice" in actions and not notice_over(case):
        actions.remove("close_notice")  # the button appears once the notice period has ended
    context = {
        "case": case,
        "actor": actor,
        "sheets": sheets,
        "latest": sheets[-1] if sheets else None,
        "transitions": case.transitions.select_related("by"),
        "objections": case.objections.select_related("responded_by") if actor == workflow.COUNTY else None,
        "evidence": case.evidence.all(),
        "actions": actions,
        "action_labels": workflow.ACTION_LABELS,
        "state_label": workflow.STATE_LABELS.get(case.state, case.state),
    }
    return render(request, "ratings/case_detail.html", context)


def _label_corrections(sheets: list) -> None:
    """Each correction's fact title and values as the forms show them ("全国", "是"), not codes."""
    specs = {spec.name: spec for spec in rubric.contract_fields()}
    for sheet in sheets:
        for correction in sheet.corrections.all():
            spec = specs.get(correction.field)
            correction.title = spec.title if spec else correction.field
            correction.declared_label = factform.display(spec, correction.declared_value) if spec else correction.declared_value
            correction.corrected_label = factform.display(spec, correction.corrected_value) if spec else correction.corrected_value


def notice_over(case, today=None) -> bool:  # noqa: ANN001
    today = today or timezone.localdate()
    return case.notice_ends_on is not None and today > case.notice_ends_on


# Steps that need nothing but a click (and maybe a reason); forms handle the others.
_SIMPLE_STEPS = {
    "return_to_community": workflow.STREET,
    "return_to_street": workflow.COUNTY,
    "approve": workflow.COUNTY,
    "start_notice": workflow.COUNTY,
    "close_notice": workflow.COUNTY,
}


@login_required
@require_POST
def case_step(request: HttpRequest, case_id: int, action: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    if action not in _SIMPLE_STEPS:
        raise Http404
    require_actor(request.user, case, _SIMPLE_STEPS[action])
    reason = request.POST.get("reason", "")
    try:
        if action in ("return_to_community", "return_to_street"):
            services.case_return(case=case, reason=reason, by=request.user, actor=_SIMPLE_STEPS[action])
        elif action == "approve":
            services.case_approve(case=case, by=request.user)
        elif action == "start_notice":
            services.notice_start(case=case, by=request.user)
        else:
            publishing.notice_close(case=case, by=request.user)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(action)s：已完成。") % {"action": workflow.ACTION_LABELS[action]})
    return redirect("ratings:case", case_id=case.pk)


@login_required
@require_POST
def objection_respond(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("case"), pk=objection_id)
    case = get_case_for_user(request.user, objection.case_id, request=request)
    require_actor(request.user, case, workflow.COUNTY)
    try:
        publishing.objection_respond(
            objection=objection, response=request.POST.get("response", ""),
            upheld=request.POST.get("upheld") == "1", by=request.user,
        )
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("异议处理意见已记录。"))
    return redirect("ratings:case", case_id=case.pk)
