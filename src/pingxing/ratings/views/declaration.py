"""Self-declaration (自评申报): the facts form with a live star, autosaved drafts, evidence.

Nothing typed is ever lost: the form autosaves (htmx, debounced) through the preview, and an
evidence upload posts the typed facts with the file, saving them as the draft first."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing import rubric
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.ratings import engine, factform, permissions, services, workflow
from pingxing.ratings.access import case_facts as access_case_facts
from pingxing.ratings.access import get_case_for_user, get_evidence_for_user
from pingxing.ratings.models import RatingCase
from pingxing.ratings.services.campaign import DRAFT_STAR_KEY


@login_required
def declare(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, may=permissions.can_open_declaration, request=request)
    values, declared = _draft(case)
    errors: dict[str, str] = {}
    if request.method == "POST" and case.is_editable:
        values, errors = factform.parse(request.POST)
        declared = _declared_star(request.POST)
        if not errors:
            try:
                if request.POST.get("submit") == "1":
                    submitted = _declared_star(request.POST, chosen_only=False)
                    services.declaration_submit(case=case, facts=values, declared_star=submitted or 0,
                                                by=request.user)
                    messages.success(request, _("自评申报已提交，等待街道考核评定。"))
                    return redirect("ratings:case", case_id=case.pk)
                services.declaration_save_draft(case=case, facts=values, declared_star=declared, by=request.user)
                messages.success(request, _("草稿已保存。"))
                return redirect("ratings:declare", case_id=case.pk)
            except services.InvalidFacts as invalid:
                errors = engine.error_messages(invalid.errors)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
        if errors:
            messages.error(request, _("有%(n)d项事实需要更正，请查看标红的项目。") % {"n": len(errors)})
    return _render(request, case, values, errors, declared)


def _render(request: AuthenticatedHttpRequest, case: RatingCase, values: dict[str, Any],
            errors: dict[str, str], declared: int | None) -> HttpResponse:
    std = engine.standard(case.campaign.standard_id)
    # A value that could not be read is shown back as typed, so it can be corrected.
    shown = {**values, **{name: request.POST.get(name, "") for name in errors if name in request.POST}}
    verdict = engine.judge(case_facts(case, values), case.campaign.standard_id)
    evidence: dict[str, list[Any]] = defaultdict(list)
    for item in case.evidence.all():
        evidence[item.field].append(item)
    groups = factform.clause_groups(std, shown, errors)
    for group in groups:
        for fact in group.facts:
            fact.evidence = evidence.get(fact.name, [])  # type: ignore[attr-defined]
    context = {
        "case": case,
        "groups": groups,
        "verdict": verdict,
        "editable": case.is_editable,
        "evidence": [(fact.spec.title, item) for group in groups for fact in group.facts
                     for item in evidence.get(fact.name, [])],
        "stars": [(star, std.star_title(star)) for star in range(std.max_star + 1)],
        **declared_context(verdict, declared),
    }
    return render(request, "ratings/declare.html", context)


@login_required
@require_POST
def preview(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """htmx: the star the typed facts give, the gaps, and the draft saved (autosave)."""
    case = get_case_for_user(request.user, case_id, request=request)
    values, errors = factform.parse(request.POST)
    declared = _declared_star(request.POST)
    verdict = engine.judge(case_facts(case, values), case.campaign.standard_id)
    saved_at = None
    if not errors and case.is_editable and permissions.can_declare(actor_of(request.user),
                                                                   access_case_facts(case)):
        services.declaration_save_draft(case=case, facts=values, declared_star=declared, by=request.user)
        saved_at = timezone.localtime()
    context = {"verdict": verdict, "form_errors": errors, "saved_at": saved_at, "autosave": True,
               **declared_context(verdict, declared)}
    return render(request, "ratings/declare.html#live", context)


def case_facts(case: RatingCase, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "org_code": case.organization.code, "org_name": case.organization.name,
            "year": case.campaign.year}


def declared_context(verdict: engine.Verdict, declared: int | None) -> dict[str, Any]:
    """A declared star above the computed one is allowed, shown with what stands in between:
    the unmet conditions (and vetoes) of every level up to the declared one."""
    if declared is None or verdict.star is None or declared <= verdict.star:
        return {"declared": declared, "declared_above": False, "declared_gaps": []}
    gaps: list[dict[str, Any]] = []
    for level in verdict.explanation.get("levels", [])[verdict.star:declared]:
        items = [*level.get("failed", []), *level.get("unknown", []), *level.get("vetoes_applied", [])]
        if items:
            gaps.append({"star": level["star"], "items": items})
    return {"declared": declared, "declared_above": True, "declared_gaps": gaps}


def _draft(case: RatingCase) -> tuple[dict[str, Any], int | None]:
    values = dict(case.draft_facts)
    star = values.pop(DRAFT_STAR_KEY, None)
    return values, star if isinstance(star, int) else None


def _declared_star(data: QueryDict, *, chosen_only: bool = True) -> int | None:
    """The declared star posted; for a draft only once the secretary chose it herself (until
    then the select follows the live star and is not her choice)."""
    raw = (data.get("declared_star") or "").strip()
    if chosen_only and data.get("declared_star_chosen") != "1":
        return None
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def evidence_upload(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """One file for one fact, posted with every typed fact: the facts are saved as the draft
    first, so an upload never loses what was typed (nor does an upload that is refused)."""
    case = get_case_for_user(request.user, case_id, may=permissions.can_open_declaration, request=request)
    field = request.POST.get("evidence_for") or request.POST.get("field", "")
    values, errors = factform.parse(request.POST)
    declared = _declared_star(request.POST)
    if errors:
        messages.error(request, _("有%(n)d项事实需要更正，请查看标红的项目。") % {"n": len(errors)})
        return _render(request, case, values, errors, declared)
    saved = False
    try:
        if case.is_editable and any(spec.name in request.POST for spec in rubric.contract_fields()):
            services.declaration_save_draft(case=case, facts=values, declared_star=declared, by=request.user)
            saved = True
        services.evidence_add(case=case, field=field,
                              upload=request.FILES.get("evidence_file_" + field) or request.FILES.get("file"),
                              by=request.user)
    except services.EvidenceRefused as refused:
        messages.error(request, str(refused))
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("证明材料已上传。"))
    if saved:
        messages.info(request, _("已填写的事实已同时保存为草稿。"))
    return redirect("ratings:declare", case_id=case.pk)


@login_required
def evidence_download(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    item = get_evidence_for_user(request.user, evidence_id, request=request)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
