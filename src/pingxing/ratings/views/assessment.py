"""Street assessment (考核评定) and county acceptance (验收): confirm or correct each fact."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.ratings import engine, factform, permissions, queries, services, workflow
from pingxing.ratings.access import get_case_for_user
from pingxing.ratings.workflow import Part


def _review(request: AuthenticatedHttpRequest, case_id: int, *, actor: Part, template_title: str) -> HttpResponse:
    may = permissions.can_open_assessment if actor is Part.STREET else permissions.can_open_acceptance
    case = get_case_for_user(request.user, case_id, may=may, request=request)
    latest = case.sheets.order_by("-number").first()
    if latest is None:
        messages.error(request, _("该组织尚未提交自评申报。"))
        return redirect("ratings:case", case_id=case.pk)
    allowed = workflow.available_actions(state=case.state, part=actor,
                                         acceptance=services.needs_acceptance(case, latest.star))
    can_submit = bool({"assess", "accept", "accept_lower"} & set(allowed))
    errors: dict[str, str] = {}
    proposed = dict(latest.facts)
    if request.method == "POST" and can_submit:
        corrections, errors = factform.parse_corrections(request.POST, latest.facts)
        proposed.update({k: v for k, (v, _r) in corrections.items()})
        inspection_date = _date(request.POST.get("inspection_date"))
        inspectors = request.POST.get("inspectors", "").strip()
        findings = request.POST.get("findings", "").strip()
        if not errors:
            try:
                if actor is Part.STREET:
                    services.assessment_submit(case=case, corrections=corrections, by=request.user,
                                               inspection_date=inspection_date, inspectors=inspectors,
                                               findings=findings)
                else:
                    services.acceptance_record(case=case, corrections=corrections, by=request.user,
                                               inspection_date=inspection_date, inspectors=inspectors,
                                               findings=findings)
            except services.InvalidFacts as invalid:
                errors = engine.error_messages(invalid.errors)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
                return redirect("ratings:case", case_id=case.pk)
            else:
                messages.success(request, _("%(step)s已提交，星级由考评标准自动评定。") % {"step": template_title})
                return redirect("ratings:case", case_id=case.pk)
        messages.error(request, _("请更正标红的项目。"))
    std = engine.standard(case.campaign.standard_id)
    groups = factform.clause_groups(std, latest.facts, errors)
    for group in groups:
        for fact in group.facts:
            fact.corrected = proposed.get(fact.name)
            fact.correction_reason = request.POST.get("r_" + fact.name, "") if request.method == "POST" else ""
    context = {
        "case": case, "latest": latest, "groups": groups, "title": template_title,
        "verdict": engine.judge(proposed, case.campaign.standard_id), "can_submit": can_submit,
        "is_acceptance": actor is Part.COUNTY, "errors": errors,
        "inspection_error": errors.get("_inspection", ""),
        "evidence_by_field": queries.evidence_by_field(case),
    }
    return render(request, "ratings/review.html", context)


@login_required
def assess(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _review(request, case_id, actor=Part.STREET, template_title=_("街道考核评定"))


@login_required
def accept(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _review(request, case_id, actor=Part.COUNTY, template_title=_("县验收"))


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
