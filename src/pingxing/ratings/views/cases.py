"""A case's page (timeline, fact versions, actions) and the simple steps on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing import rubric
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.ratings import engine, factform, permissions, queries, services, workflow
from pingxing.ratings.access import (
    case_facts,
    case_part_for,
    get_case_for_user,
    get_objection_for_user,
)
from pingxing.ratings.models import RatingCase
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
    specs = [spec for spec in rubric.contract_fields() if spec.name not in factform.IDENTITY_FIELDS]
    previous: dict[str, object] = {}
    for sheet in sheets:  # every version's facts, each marked where it differs from the one before
        sheet.fact_rows = [  # type: ignore[attr-defined]
            (spec.title, factform.display(spec, sheet.facts.get(spec.name)),
             bool(previous) and previous.get(spec.name) != sheet.facts.get(spec.name))
            for spec in specs
        ]
        previous = sheet.facts
    titles = {spec.name: spec.title for spec in specs}
    context = {
        "case": case,
        "actor": part,
        "is_community": part is Part.COMMUNITY,
        "sheets": sheets,
        "latest": sheets[-1] if sheets else None,
        "transitions": case.transitions.select_related("by"),
        "objections": case.objections.select_related("responded_by") if part is Part.COUNTY else None,
        "evidence": [(titles.get(e.field, e.field), e) for e in case.evidence.select_related("uploaded_by")],
        "actions": actions,
        "action_labels": workflow.ACTION_LABELS,
        "state_label": workflow.STATE_LABELS.get(workflow.CaseState(case.state), case.state),
    }
    return render(request, "ratings/case_detail.html", context)


# Steps that need nothing but a click (and maybe a reason); forms handle the others.
_SIMPLE_STEPS = frozenset({"return_to_community", "return_to_street", "approve", "start_notice", "close_notice"})
# Steps that cannot be undone: a GET shows what will happen and asks to confirm; the POST acts.
CONFIRMED_STEPS = frozenset({"approve", "start_notice", "close_notice"})


@login_required
def case_step(request: AuthenticatedHttpRequest, case_id: int, action: str) -> HttpResponse:
    if action not in _SIMPLE_STEPS or (request.method != "POST" and action not in CONFIRMED_STEPS):
        raise Http404
    case = get_case_for_user(request.user, case_id, request=request,
                             may=lambda actor, facts: permissions.can_attempt(actor, facts, action))
    if request.method != "POST":
        return render(request, "ratings/case_confirm.html", {
            "case": case, "action": action, "label": workflow.ACTION_LABELS[action],
            "consequences": step_consequences(case, action),
        })
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


def step_consequences(case: RatingCase, action: str) -> list[str]:
    """What an irreversible step will do, in the words the confirm page lists."""
    std = engine.standard(case.campaign.standard_id)
    star = case.final_star if case.final_star is not None else case.assessed_star
    title = std.star_title(star) if star is not None else _("未定星")
    if action == "approve":
        return [
            _("审定后评定为%(title)s，等待发文公布，不能再修改。") % {"title": title},
            _("审定依据：街道考核的事实（按现有事实计算为%(title)s）。") % {"title": title},
        ]
    if action == "start_notice":
        return [
            _("%(org)s将以%(title)s在公开页面公示%(n)d个工作日，公众可以提出异议。")
            % {"org": case.organization.name, "title": title, "n": case.campaign.notice_working_days},
            _("公示开始后不能撤回，也不能再修改事实。"),
        ]
    objections = list(case.objections.all())
    open_count = sum(1 for o in objections if o.responded_at is None)
    lines = [_("公示期满后评定为%(title)s，等待发文公布，不能再修改。") % {"title": title}]
    if not objections:
        lines.append(_("公示期间未收到异议。"))
    else:
        lines.append(_("公示期间收到异议%(k)d件，其中%(open)d件尚未处理。") % {"k": len(objections), "open": open_count})
    return lines


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
