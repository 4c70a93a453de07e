"""Self-declaration (自评申报): the facts form with a live star, drafts, evidence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.ratings import engine, factform, permissions, queries, services, workflow
from pingxing.ratings.access import get_case_for_user, get_evidence_for_user


@login_required
def declare(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, may=permissions.can_open_declaration, request=request)
    std = engine.standard(case.campaign.standard_id)
    values, errors = dict(case.draft_facts), {}
    if request.method == "POST" and case.is_editable:
        values, errors = factform.parse(request.POST)
        if not errors:
            try:
                if request.POST.get("submit") == "1":
                    declared = int(request.POST.get("declared_star") or 0)
                    services.declaration_submit(case=case, facts=values, declared_star=declared, by=request.user)
                    messages.success(request, _("自评申报已提交，等待街道考核评定。"))
                    return redirect("ratings:case", case_id=case.pk)
                services.declaration_save_draft(case=case, facts=values, by=request.user)
                messages.success(request, _("草稿已保存。"))
                return redirect("ratings:declare", case_id=case.pk)
            except services.InvalidFacts as invalid:
                errors = engine.error_messages(invalid.errors)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
        if errors:
            messages.error(request, _("有%(n)d项事实需要更正，请查看标红的项目。") % {"n": len(errors)})
    verdict = engine.judge(case_facts(case, values), case.campaign.standard_id)
    context = {
        "case": case,
        "groups": factform.clause_groups(std, values, errors),
        "verdict": verdict,
        "editable": case.is_editable,
        "evidence_by_field": queries.evidence_by_field(case),
        "stars": [(star, std.star_title(star)) for star in range(std.max_star + 1)],
    }
    return render(request, "ratings/declare.html", context)


@login_required
@require_POST
def preview(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """htmx: the star the typed facts give, and the gaps to the next star."""
    case = get_case_for_user(request.user, case_id, request=request)
    values, errors = factform.parse(request.POST)
    verdict = engine.judge(case_facts(case, values), case.campaign.standard_id)
    return render(request, "ratings/declare.html#verdict", {"verdict": verdict, "form_errors": errors})


def case_facts(case, values):
    return {**values, "org_code": case.organization.code, "org_name": case.organization.name,
            "year": case.campaign.year}


@login_required
@require_POST
def evidence_upload(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, may=permissions.can_open_declaration, request=request)
    try:
        services.evidence_add(case=case, field=request.POST.get("field", ""),
                              upload=request.FILES.get("file"), by=request.user)
    except services.EvidenceRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("证明材料已上传。"))
    return redirect("ratings:declare", case_id=case.pk)


@login_required
def evidence_download(request: AuthenticatedHttpRequest, evidence_id: int) -> FileResponse:
    item = get_evidence_for_user(request.user, evidence_id, request=request)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)
