"""Street assessment (考核评定) and county acceptance (验收): confirm or correct each fact."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.scope import Actor
from pingxing.ratings import engine, factform, permissions, queries, services, workflow
from pingxing.ratings.access import case_facts as access_case_facts
from pingxing.ratings.access import get_case_for_user
from pingxing.ratings.models import FactSheet, RatingCase, SheetStage
from pingxing.ratings.permissions import CaseFacts
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
    confirm_open = False
    proposed = dict(latest.facts)
    if request.method == "POST" and can_submit:
        corrections, errors = factform.parse_corrections(request.POST, latest.facts)
        proposed.update({k: v for k, (v, _r) in corrections.items()})
        inspection_date = _date(request.POST.get("inspection_date"))
        inspectors = request.POST.get("inspectors", "").strip()
        findings = request.POST.get("findings", "").strip()
        # 验收 cannot be undone: it is taken only once its consequences were shown and confirmed.
        confirm_open = actor is Part.COUNTY and not errors and request.POST.get("confirmed") != "1"
        if not errors and not confirm_open:
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
                messages.success(request, _("%(step)s已提交，星级按现有事实计算。") % {"step": template_title})
                return redirect("ratings:case", case_id=case.pk)
        if errors:
            messages.error(request, _("请更正标红的项目。"))
    std = engine.standard(case.campaign.standard_id)
    groups = factform.clause_groups(std, latest.facts, errors)
    for group in groups:
        for fact in group.facts:
            # What was typed stays on the page after an error, even a value that could not be read.
            fact.corrected = (request.POST.get("c_" + fact.name) if fact.name in errors and "c_" + fact.name
                              in request.POST else proposed.get(fact.name))
            fact.correction_reason = request.POST.get("r_" + fact.name, "") if request.method == "POST" else ""
    context = {
        "case": case, "latest": latest, "groups": groups, "title": template_title,
        "can_submit": can_submit,
        "is_acceptance": actor is Part.COUNTY, "errors": errors,
        "inspection_error": errors.get("_inspection", ""),
        "evidence_by_field": queries.evidence_by_field(case), "confirm_open": confirm_open,
        **_live(case, latest, proposed, actor),
    }
    return render(request, "ratings/review.html", context)


def _live(case: RatingCase, latest: FactSheet, proposed: dict[str, Any], actor: Part) -> dict[str, Any]:
    """The stars side by side: declared, computed from the declaration, (the street's, on
    acceptance) and computed from the facts as corrected so far."""
    declaration = case.sheets.filter(stage=SheetStage.DECLARATION).order_by("-number").first()
    verdict = engine.judge(proposed, case.campaign.standard_id)
    return {
        "verdict": verdict,
        "declared_star": case.declared_star,
        "declaration_star": declaration.star if declaration else None,
        "street_star": latest.star if actor is Part.COUNTY else None,
        "corrected_star": verdict.star,
        "changed": verdict.star is not None and verdict.star != latest.star,
        "latest": latest,
    }


@login_required
@require_POST
def review_preview(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """htmx: the star the corrections typed so far give, beside the declared and earlier stars."""
    case = get_case_for_user(request.user, case_id, may=_may_review, request=request)
    latest = case.sheets.order_by("-number").first()
    if latest is None:
        return HttpResponse(status=204)
    actor = Part.STREET if permissions.can_open_assessment(actor_of(request.user), access_case_facts(case)) \
        else Part.COUNTY
    corrections, errors = factform.parse_corrections(request.POST, latest.facts)
    proposed = {**latest.facts, **{k: v for k, (v, _r) in corrections.items()}}
    context = {**_live(case, latest, proposed, actor), "form_errors": errors, "is_acceptance": actor is Part.COUNTY,
               "oob": True}
    return render(request, "ratings/review.html#live", context)


def _may_review(actor: Actor, facts: CaseFacts) -> bool:
    return permissions.can_open_assessment(actor, facts) or permissions.can_open_acceptance(actor, facts)


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
