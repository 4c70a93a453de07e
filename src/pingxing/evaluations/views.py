"""Pages of the democratic evaluation: the organization's running page, the member's ballot,
the mass representative's ballot by code (no login), the slips, and the public tracker list."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.evaluations import permissions, queries, services
from pingxing.evaluations.access import (
    facts_of,
    get_ballot_for_user,
    get_evaluation_for_user,
    get_own_entry,
    leadership_open_for_member,
    open_for_member,
    visible_evaluations,
)
from pingxing.evaluations.casting import (
    CastRefused,
    ballot_cast_by_code,
    ballot_cast_by_member,
    ballot_terms,
    balloting_open,
    code_lookup,
    gradable_entries,
)
from pingxing.evaluations.forms import (
    AdvanceForm,
    CodesForm,
    ExcuseForm,
    PaperSheetForm,
    RepresentativeForm,
    SelfAssessmentForm,
    StartForm,
    ballot_marks,
)
from pingxing.evaluations.models import Evaluation, EvaluationState, ExcuseReason
from pingxing.evaluations.proposal import parse_rules
from pingxing.evaluations.services import EvaluationError
from pingxing.evaluations.slips import slips_pdf
from pingxing.evaluations.subjects import Subject


@login_required
def evaluation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    context = {
        "evaluations": visible_evaluations(request.user).order_by("-year", "organization__path", "subject"),
        "own": open_for_member(request.user),
        "own_leadership": leadership_open_for_member(request.user),
        "can_start": request.user.organization_id is not None
        and permissions.can_start_evaluation(actor, request.user.organization_id),
    }
    return render(request, "evaluations/list.html", context)


@login_required
def evaluation_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The create page: the year and the subject; for the leadership, the committee members."""
    org = request.user.organization
    if org is None or not permissions.can_start_evaluation(actor_of(request.user), org.pk):
        deny(request.user, "evaluations.evaluation", "new", request)
    members = list(queries.members_of(org.pk))
    form = StartForm(request.POST or None, members=members, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["subject"] == Subject.LEADERSHIP:
                evaluation = services.leadership_evaluation_create(
                    organization=org, year=data["year"], member_ids=data["members"], by=request.user, request=request)
            else:
                evaluation = services.evaluation_create(organization=org, year=data["year"], by=request.user,
                                                        request=request)
        except EvaluationError as error:
            form.add_error(None, str(error))
        else:
            return redirect("evaluations:detail", evaluation.pk)
    return render(request, "evaluations/start.html", {"form": form, "organization": org},
                  status=400 if form.errors else 200)


def _detail_context(request: AuthenticatedHttpRequest, evaluation: Evaluation, **extra: Any) -> dict[str, Any]:
    actor = actor_of(request.user)
    facts = facts_of(evaluation)
    terms = ballot_terms(evaluation)
    context: dict[str, Any] = {
        "evaluation": evaluation,
        "rules": None if evaluation.is_leadership else parse_rules(evaluation.rules_source),
        "conduct": terms.conduct,
        "roll": queries.roll_of(evaluation),
        "turnout": queries.turnout(evaluation),
        "can_run": permissions.can_run_evaluation(actor, facts),
        "can_see_results": permissions.can_see_results(actor, facts),
        "advance_form": AdvanceForm(),
        "representative_form": RepresentativeForm(),
        "codes_form": CodesForm(),
        "sheet_form": PaperSheetForm(),
        "sheets": services.paper_sheets(evaluation) if evaluation.state == EvaluationState.CLOSED else [],
        "grades": evaluation.grade_choices,
        "excuse_choices": ExcuseReason.choices,
    }
    if context["can_see_results"]:
        context["count"] = queries.evaluation_count(evaluation)
    if context["can_run"] and evaluation.state == EvaluationState.BALLOTING:
        context["not_voted"] = queries.members_not_voted(evaluation)
    context.update(extra)
    return context


@login_required
def evaluation_detail(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, evaluation_id, request=request)
    return render(request, "evaluations/detail.html", _detail_context(request, evaluation))


def _run_step(request: AuthenticatedHttpRequest, evaluation_id: int, step: Any) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, evaluation_id, run=True, request=request)
    try:
        done = step(evaluation)
    except EvaluationError as error:
        messages.error(request, str(error))
    else:
        if done:
            messages.success(request, done)
    return redirect("evaluations:detail", evaluation.pk)


@login_required
@require_POST
def evaluation_advance(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    form = AdvanceForm(request.POST)

    def step(evaluation: Evaluation) -> str:
        data = form.cleaned_data if form.is_valid() else {}
        services.evaluation_advance(evaluation=evaluation, by=request.user, request=request,
                                    opens_at=data.get("opens_at"), closes_at=data.get("closes_at"),
                                    self_until=data.get("self_until"))
        return _("评议进入下一阶段。")
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def entry_excuse(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    form = ExcuseForm(request.POST)

    def step(evaluation: Evaluation) -> str:
        if not form.is_valid():
            raise EvaluationError(_("请选择不参加评议的原因。"))
        entry = evaluation.roll.filter(pk=form.cleaned_data["entry"]).first()
        if entry is None:
            raise EvaluationError(_("该党员不在参评名单上。"))
        services.entry_excuse(entry=entry, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                              by=request.user, request=request)
        return _("已更新参评名单。")
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def representative_add(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    form = RepresentativeForm(request.POST)

    def step(evaluation: Evaluation) -> str:
        if not form.is_valid():
            raise EvaluationError(_("请填写群众代表的姓名。"))
        services.representative_add(evaluation=evaluation, by=request.user, request=request, **form.cleaned_data)
        return _("已登记群众代表。")
    return _run_step(request, evaluation_id, step)


@never_cache
@login_required
@require_POST
def codes_issue(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    """New codes, answered at once as the PDF sheet of slips: the codes are never shown again."""
    evaluation = get_evaluation_for_user(request.user, evaluation_id, run=True, request=request)
    form = CodesForm(request.POST)
    try:
        if not form.is_valid():
            raise EvaluationError(_("一次签发1至500个投票码。"))
        codes = services.codes_issue(evaluation=evaluation, count_=form.cleaned_data["count"], by=request.user,
                                     request=request)
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect("evaluations:detail", evaluation.pk)
    pdf = slips_pdf(evaluation, codes, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="voting-slips.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def paper_sheet(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    form = PaperSheetForm(request.POST)

    def step(evaluation: Evaluation) -> str:
        if not form.is_valid():
            raise EvaluationError(_("请填写选票类别和编号。"))
        entries = [e.pk for e in gradable_entries(evaluation)]
        entry = services.paper_entry_save(evaluation=evaluation, voter_class=form.cleaned_data["voter_class"],
                                          sheet_no=form.cleaned_data["sheet_no"],
                                          marks=ballot_marks(request.POST, entries), by=request.user, request=request)
        return _("第%(n)d号选票第%(k)d遍已录入。") % {"n": entry.sheet_no, "k": entry.entry_no}
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def tally_photo(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    def step(evaluation: Evaluation) -> str:
        services.tally_photo_attach(evaluation=evaluation, upload=request.FILES.get("photo"), by=request.user,
                                    request=request)
        return _("计票单照片已保存。")
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def evaluation_tally(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    def step(evaluation: Evaluation) -> str:
        services.evaluation_tally(evaluation=evaluation, by=request.user, request=request)
        return _("计票完成，已按结果规则给出建议等次。")
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def grades_record(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    def step(evaluation: Evaluation) -> str:
        grades = {e.pk: (request.POST.get(f"final_{e.pk}", ""), request.POST.get(f"reason_{e.pk}", ""))
                  for e in evaluation.roll.filter(excused=False)}
        services.grades_record(evaluation=evaluation, grades=grades, body=request.POST.get("body", "")[:20],
                               on=timezone.localdate(), by=request.user, request=request)
        return _("已记录组织评定等次。")
    return _run_step(request, evaluation_id, step)


@login_required
@require_POST
def evaluation_publish(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    def step(evaluation: Evaluation) -> str:
        services.evaluation_publish(evaluation=evaluation, by=request.user, request=request)
        return _("评议结果已公布。")
    return _run_step(request, evaluation_id, step)


# --- voting -----------------------------------------------------------------------------------

def _ballot_context(evaluation: Evaluation, entries: list[Any], **extra: Any) -> dict[str, Any]:
    return {"evaluation": evaluation, "entries": entries, "conduct": ballot_terms(evaluation).conduct,
            "grades": evaluation.grade_choices, "request_key": secrets.token_urlsafe(24), **extra}


@never_cache
@login_required
def member_ballot(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    """A member's ballot in their account: every member on the roll but themselves (for the
    leadership: every committee member on the roll but themselves)."""
    evaluation, voter_member_id = get_ballot_for_user(request.user, evaluation_id, request=request)
    entries = gradable_entries(evaluation, except_member_id=voter_member_id)
    context = _ballot_context(evaluation, entries, open=balloting_open(evaluation),
                              voted=queries.has_voted(evaluation, request.user))
    if request.method == "POST":
        try:
            cast = ballot_cast_by_member(evaluation=evaluation, user=request.user, request=request,
                                         marks=ballot_marks(request.POST, [e.pk for e in entries]),
                                         request_key=request.POST.get("request_key", ""))
        except CastRefused as error:
            context.update(error=str(error), posted=request.POST)
        else:
            return render(request, "evaluations/receipt.html", {"evaluation": evaluation, "cast": cast})
    return render(request, "evaluations/ballot.html", context)


@never_cache
def code_ballot(request: HttpRequest) -> HttpResponse:
    """A mass representative's ballot (no login). The slip's QR code opens /v/#<code>: the code
    travels in the fragment, which browsers never send, and then in POST bodies only — never in
    a URL, so no access log, history or Referer holds it."""
    code = request.POST.get("code", "").strip() if request.method == "POST" else ""
    if not code:
        return render(request, "evaluations/code_entry.html", {})
    found = code_lookup(code)
    if found is None:
        return render(request, "evaluations/code_entry.html",
                      {"error": _("投票码不正确。请核对选票条上的投票码。")}, status=404)
    evaluation = found.evaluation
    if hasattr(found, "cast"):
        return render(request, "evaluations/code_entry.html",
                      {"error": _("该投票码已经投过票，不能再次使用。")}, status=409)
    entries = gradable_entries(evaluation)
    context = _ballot_context(evaluation, entries, open=balloting_open(evaluation), code=code, voted=False)
    if "request_key" in request.POST:
        try:
            cast = ballot_cast_by_code(code=code, request=request, marks=ballot_marks(request.POST, [e.pk for e in entries]),
                                       request_key=request.POST.get("request_key", ""))
        except CastRefused as error:
            context.update(error=str(error), posted=request.POST)
        else:
            return render(request, "evaluations/receipt.html", {"evaluation": evaluation, "cast": cast})
    return render(request, "evaluations/ballot.html", context)


@login_required
def self_assessment(request: AuthenticatedHttpRequest, evaluation_id: int) -> HttpResponse:
    entry = get_own_entry(request.user, evaluation_id, request=request)
    form = SelfAssessmentForm(request.POST or None, initial={"text": entry.self_summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_submit(entry=entry, text=form.cleaned_data["text"], by=request.user)
        except EvaluationError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("个人自评已保存。"))
            return redirect("evaluations:list")
    return render(request, "evaluations/self_assessment.html", {"entry": entry, "form": form})


def trackers(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The public list of receipts, after close: anyone finds theirs; no ballot content."""
    evaluation = Evaluation.objects.select_related("organization").filter(pk=parse_id(evaluation_id)).first()
    if evaluation is None or evaluation.state in {EvaluationState.PREPARATION, EvaluationState.SELF_ASSESSMENT,
                                                  EvaluationState.BALLOTING}:
        return render(request, "evaluations/message.html",
                      {"reason": _("测评结束后公布回执清单。")}, status=404)
    return render(request, "evaluations/trackers.html",
                  {"evaluation": evaluation, "trackers": queries.trackers(evaluation),
                   "turnout": queries.turnout(evaluation)})
