"""五好党组织 (fivegood) pages: the year's list, an organization's case (self-assessment,
street assessment, approval, publication) and the published list. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pingxing import rubric
from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.statemachine import ConcurrentChange
from pingxing.fivegood import access, permissions, queries, services
from pingxing.fivegood.forms import FactsForm, OpenForm
from pingxing.fivegood.models import Assessment
from pingxing.fivegood.workflow import ACTION_LABELS, STEPS, CaseState


def _year(request: HttpRequest) -> int:
    year = parse_id(request.GET.get("year", ""))
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
@require_GET
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_browse_fivegood(actor):
        deny(request.user, "fivegood.case", "list", request)
    year = _year(request)
    cases = list(access.visible_cases(request.user).for_year(year))
    return render(request, "fivegood/index.html", {
        "year": year, "cases": cases, "assessment": Assessment.objects.filter(year=year).first(),
        "years": list(Assessment.objects.values_list("year", flat=True)),
        "can_open": permissions.can_open_assessment(actor), "open_form": OpenForm(initial={"year": year}),
        "can_publish": permissions.can_publish_all(actor),
        "standard_title": _standard_title(Assessment.objects.filter(year=year).first()),
        "approved": sum(1 for c in cases if c.state == CaseState.APPROVED),
        "counts": queries.state_counts(cases),
    })


def _standard_title(assessment: Assessment | None) -> str:
    """The standard's title as the county knows it (not its file id)."""
    if assessment is None:
        return ""
    try:
        standard = rubric.load_standard(assessment.standard_id)
    except rubric.StandardError:  # a retired standard file: the stored version is all there is
        return assessment.standard_version
    return f"{standard.title}（{assessment.standard_version}）"


@login_required
@require_POST
def open_assessment(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_open_assessment(actor_of(request.user)):
        deny(request.user, "fivegood.assessment", "open", request)
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for e in form.errors.get("year", [])))
        return redirect("fivegood:index")
    year = form.cleaned_data["year"]
    try:
        services.assessment_open(year=year, by=request.user, request=request)
        messages.success(request, _("已开启%(year)s年度五好党组织考评。") % {"year": year})
    except services.FiveGoodError as exc:
        messages.error(request, str(exc))
    return redirect(f"/fivegood/?year={year}")


def _assessment_or_404(request: AuthenticatedHttpRequest, year: int) -> Assessment:
    """The year's assessment; 404 for a year out of range or without one."""
    assessment = Assessment.objects.filter(year=year).first() if 2000 <= year <= 2100 else None
    if assessment is None:
        deny(request.user, "fivegood.assessment", year, request)
    return assessment


@login_required
@require_POST
def publish_all(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    if not permissions.can_publish_all(actor_of(request.user)):
        deny(request.user, "fivegood.assessment", year, request)
    assessment = _assessment_or_404(request, year)
    try:
        services.assessment_publish_all(assessment=assessment, by=request.user, request=request)
    except (services.FiveGoodError, ConcurrentChange) as exc:
        messages.error(request, str(exc))
    return redirect("fivegood:published", year)


@login_required
@require_GET
def published(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    if not permissions.can_browse_fivegood(actor_of(request.user)):
        deny(request.user, "fivegood.case", "published", request)
    _assessment_or_404(request, year)
    cases = access.visible_cases(request.user).for_year(year).published()
    return render(request, "fivegood/published.html", {"year": year, "cases": list(cases)})


def _case_page(request: AuthenticatedHttpRequest, case_id: int, form: FactsForm | None = None,
               status: int = 200) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, request=request)
    std = services.standard_of(case.assessment)
    facts = access.case_facts(case)
    actor = actor_of(request.user)
    can_edit = permissions.can_edit_facts(actor, facts)
    steps = [(a, ACTION_LABELS[a], STEPS[a].needs_reason) for a in permissions.steps_for(actor, facts)]
    can_assess = any(a == "assess" for a, _l, _r in steps)
    if form is None and (can_edit or can_assess):
        # the self-assessment starts from what the registers hold; the street sees what was entered
        known = case.final_facts if can_assess else {**queries.register_facts(case), **case.facts}
        form = FactsForm(std=std, initial_facts=known)
    result = getattr(case, "result", None)
    return render(request, "fivegood/case.html", {
        "case": case, "std": std, "form": form, "can_edit": can_edit, "steps": steps, "can_assess": can_assess,
        "result": result, "transitions": [(t, ACTION_LABELS.get(t.action, t.action)) for t in case.transitions.select_related("by")],
        "facts_rows": queries.facts_rows(std, case.final_facts),
    }, status=status)


@login_required
@require_GET
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_id)


@login_required
@require_POST
def case_save(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, action="edit", request=request)
    form = FactsForm(request.POST, std=services.standard_of(case.assessment))
    if form.is_valid():
        try:
            services.case_save_facts(case=case, values=form.values(), by=request.user, request=request)
            messages.success(request, _("已保存自评。"))
            return redirect("fivegood:case", case.pk)
        except (services.FiveGoodError, ConcurrentChange) as exc:
            form.add_error(None, str(exc))
    return _case_page(request, case.pk, form=form, status=400)


@login_required
@require_POST
def case_step(request: AuthenticatedHttpRequest, case_id: int, action: str) -> HttpResponse:
    if action not in STEPS:
        deny(request.user, "fivegood.case", case_id, request)
    case = access.get_case_for_user(request.user, case_id, action=action, request=request)
    reason = request.POST.get("reason", "")[:500]
    try:
        if action == "submit":
            services.case_submit(case=case, by=request.user, request=request)
        elif action == "assess":
            form = FactsForm(request.POST, std=services.standard_of(case.assessment))
            if not form.is_valid():
                return _case_page(request, case.pk, form=form, status=400)
            services.case_assess(case=case, by=request.user, corrections=form.values(), reason=reason,
                                 request=request)
        elif action == "approve":
            services.case_approve(case=case, by=request.user, request=request)
        elif action == "publish":
            services.case_publish(case=case, by=request.user, request=request)
        else:
            services.case_return(case=case, action=action, by=request.user, reason=reason, request=request)
    except (services.FiveGoodError, ConcurrentChange) as exc:
        messages.error(request, str(exc))
        return _case_page(request, case.pk, status=400)
    messages.success(request, str(ACTION_LABELS[action]))
    return redirect("fivegood:case", case.pk)
