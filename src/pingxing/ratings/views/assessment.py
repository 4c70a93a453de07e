"""Street assessment (考核评定) and county acceptance (验收): confirm or correct each fact."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pingxing import rubric
from pingxing.ratings import engine, evidence, factform, services, workflow
from pingxing.ratings.access import get_case_for_user, require_actor


def corrections_from(post: Any, previous: dict[str, Any]) -> tuple[dict[str, tuple[Any, str]], dict[str, str]]:
    """The facts the reviewer changed, each with its reason; errors by field."""
    values, errors = factform.parse(post, prefix="c_")
    corrections: dict[str, tuple[Any, str]] = {}
    for spec in rubric.contract_fields():
        name = spec.name
        if name in factform.IDENTITY_FIELDS or name in errors:
            continue
        new = values.get(name)
        if new == previous.get(name):
            continue
        reason = str(post.get("r_" + name, "")).strip()
        if not reason:
            errors[name] = _("更正“%(fact)s”须填写理由。") % {"fact": spec.title}
            continue
        corrections[name] = (new, reason)
    return corrections, errors


def _review(request: HttpRequest, case_id: int, *, actor: str, template_title: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request=request)
    require_actor(request.user, case, actor)
    latest = case.sheets.order_by("-number").first()
    if latest is None:
        messages.error(request, _("该组织尚未提交自评申报。"))
        return redirect("ratings:case", case_id=case.pk)
    allowed = workflow.available_actions(state=case.state, actor=actor, star=latest.star)
    can_submit = bool({"assess", "accept", "accept_lower"} & set(allowed))
    errors: dict[str, str] = {}
    proposed = dict(latest.facts)
    if request.method == "POST" and can_submit:
        corrections, errors = corrections_from(request.POST, latest.facts)
        proposed.update({k: v for k, (v, _r) in corrections.items()})
        inspection_date = _date(request.POST.get("inspection_date"))
        inspectors = request.POST.get("inspectors", "").strip()
        findings = request.POST.get("findings", "").strip()
        if actor == workflow.COUNTY and (inspection_date is None or not inspectors):
            errors["_inspection"] = _("请填写验收日期和验收组成员。")
        if not errors:
            try:
                if actor == workflow.STREET:
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
        "is_acceptance": actor == workflow.COUNTY, "errors": errors,
        "inspection_error": errors.get("_inspection", ""),
        "evidence_by_field": evidence.by_field(case),
    }
    return render(request, "ratings/review.html", context)


@login_required
def assess(request: HttpRequest, case_id: int) -> HttpResponse:
    return _review(request, case_id, actor=workflow.STREET, template_title=_("街道考核评定"))


@login_required
def accept(request: HttpRequest, case_id: int) -> HttpResponse:
    return _review(request, case_id, actor=workflow.COUNTY, template_title=_("县验收"))


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
