"""Pages of cadre pledges: the list, a pledge (draft, review, checkpoints), the checkpoint
form (phone first) and the 述职 summary with its DOCX."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.cadres import permissions, queries, report, services
from pingxing.cadres.access import (
    get_checkpoint_for_user,
    get_commitment_for_user,
    get_pledge_for_user,
    get_post_for_report,
    get_post_for_user,
    pledge_facts,
    visible_pledges,
)
from pingxing.cadres.forms import CheckpointForm, CommitmentForm, PledgeStartForm, TargetForm
from pingxing.cadres.models import CadrePledge, CheckResult
from pingxing.cadres.services import CadreError
from pingxing.cadres.views.common import done
from pingxing.core.forms import errors_text
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.steps import year_of


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """承诺与问责: the year's pledges the user may see; the staff start their cadres' pledges."""
    year = year_of(request)
    actor = actor_of(request.user)
    context: dict[str, Any] = {"year": year, "pledges": queries.pledge_list(visible_pledges(request.user), year=year),
                               "can_cases": permissions.can_browse_cases(actor),
                               "can_structure": permissions.can_view_structure(actor)}
    if actor.role in permissions.ORG_STAFF and actor.org_id is not None:
        context["own_org_id"] = actor.org_id
        context["to_start"] = queries.posts_without_pledge([actor.org_id], year=year, on=timezone.localdate())
    return render(request, "cadres/index.html", context)


@login_required
@require_POST
def pledge_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PledgeStartForm(request.POST)
    if not form.is_valid():
        raise Http404
    post = get_post_for_user(request.user, form.cleaned_data["post"], check=permissions.can_keep_roster,
                             request=request)
    year = form.cleaned_data["year"]
    back = reverse("cadres:index") + f"?year={year}"
    try:
        pledge = services.pledge_create(post=post, year=year, target_star=form.cleaned_data["target_star"],
                                        by=request.user, request=request)
    except CadreError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("已建立承诺，请填写承诺事项。"))
    return redirect("cadres:pledge", pledge_id=pledge.pk)


def _detail_context(pledge: CadrePledge, user: Any) -> dict[str, Any]:
    pledge = queries.with_checkpoints(CadrePledge.objects.filter(pk=pledge.pk)).select_related(
        "organization", "post__member").get()
    actor, facts = actor_of(user), pledge_facts(pledge)
    return {"pledge": pledge, "commitments": list(pledge.commitments.all()),
            "stars": queries.star_link(pledge) if pledge.post.is_secretary else None,
            "can_draft": permissions.can_draft_pledge(actor, facts),
            "can_review": permissions.can_review_pledge(actor, facts),
            "can_record": permissions.can_record_checkpoint(actor, facts),
            "can_report": permissions.can_read_report(actor, permissions.OrgFacts(facts.org_id, facts.org_path),
                                                      pledge.post.member_id)}


@login_required
def pledge_detail(request: AuthenticatedHttpRequest, pledge_id: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pledge_id, request=request)
    context = _detail_context(pledge, request.user)
    context.update(commitment_form=CommitmentForm(), target_form=TargetForm(initial={"target_star": pledge.target_star}))
    return render(request, "cadres/pledge.html", context)


def _back(pledge: CadrePledge) -> str:
    return reverse("cadres:pledge", args=[pledge.pk])


@login_required
@require_POST
def pledge_target(request: AuthenticatedHttpRequest, pledge_id: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pledge_id, check=permissions.can_draft_pledge, request=request)

    def write() -> str:
        services.pledge_set_target(pledge=pledge, target_star=request.POST.get("target_star"), by=request.user,
                                   request=request)
        return _("已保存星级目标。")
    return done(request, write, _back(pledge))


@login_required
@require_POST
def commitment_add(request: AuthenticatedHttpRequest, pledge_id: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pledge_id, check=permissions.can_draft_pledge, request=request)

    def write() -> str:
        form = CommitmentForm(request.POST)
        if not form.is_valid():
            raise CadreError(errors_text(form))
        services.commitment_add(pledge=pledge, text=form.cleaned_data["text"], due_dates=form.due_dates(),
                                by=request.user, request=request)
        return _("已添加承诺事项。")
    return done(request, write, _back(pledge))


@login_required
@require_POST
def commitment_remove(request: AuthenticatedHttpRequest, commitment_id: int) -> HttpResponse:
    commitment = get_commitment_for_user(request.user, commitment_id, check=permissions.can_draft_pledge,
                                         request=request)

    def write() -> str:
        services.commitment_remove(commitment=commitment, by=request.user, request=request)
        return _("已删除承诺事项。")
    return done(request, write, _back(commitment.pledge))


@login_required
@require_POST
def pledge_submit(request: AuthenticatedHttpRequest, pledge_id: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pledge_id, check=permissions.can_draft_pledge, request=request)

    def write() -> str:
        services.pledge_submit(pledge=pledge, by=request.user, request=request)
        return _("承诺已提交街道审核。")
    return done(request, write, _back(pledge))


@login_required
@require_POST
def pledge_review(request: AuthenticatedHttpRequest, pledge_id: int) -> HttpResponse:
    pledge = get_pledge_for_user(request.user, pledge_id, check=permissions.can_review_pledge, request=request)
    action = request.POST.get("action", "")

    def write() -> str:
        if action == "approve":
            services.pledge_approve(pledge=pledge, by=request.user, request=request)
            return _("承诺已审核通过。")
        if action == "return":
            services.pledge_return(pledge=pledge, reason=request.POST.get("reason", ""), by=request.user,
                                   request=request)
            return _("承诺已退回。")
        raise CadreError(_("请选择审核操作。"))
    return done(request, write, _back(pledge))


@login_required
def checkpoint(request: AuthenticatedHttpRequest, checkpoint_id: int) -> HttpResponse:
    """The street records a checkpoint's result (phone first); GET shows the form."""
    found = get_checkpoint_for_user(request.user, checkpoint_id, check=permissions.can_record_checkpoint,
                                    request=request)
    pledge = found.commitment.pledge
    if request.method == "POST":
        def write() -> str:
            form = CheckpointForm(request.POST, request.FILES)
            if not form.is_valid():
                raise CadreError(errors_text(form))
            services.checkpoint_record(checkpoint=found, result=form.cleaned_data["result"],
                                       note=form.cleaned_data["note"], upload=request.FILES.get("evidence"),
                                       by=request.user, request=request)
            if form.cleaned_data["result"] == CheckResult.NOT_KEPT:
                return _("已记录为未兑现，并已启动问责。")
            return _("已记录兑现情况。")
        return done(request, write, _back(pledge))
    return render(request, "cadres/checkpoint.html", {"checkpoint": found, "pledge": pledge,
                                                       "form": CheckpointForm()})


@login_required
def checkpoint_file(request: AuthenticatedHttpRequest, checkpoint_id: int) -> FileResponse:
    found = get_checkpoint_for_user(request.user, checkpoint_id, request=request)
    if not found.evidence:
        raise Http404
    return FileResponse(found.evidence.open("rb"), filename=found.original_name or None)


def _report(request: AuthenticatedHttpRequest, post_id: int) -> report.DutyReport:
    post = get_post_for_report(request.user, post_id, request=request)
    return report.duty_report(post, year_of(request))


@login_required
def duty_report(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    """述职: the cadre's year, printable (data-print) and as DOCX."""
    summary = _report(request, post_id)
    return render(request, "cadres/report.html", {"report": summary, "post_id": post_id})


@login_required
def duty_report_docx(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    summary = _report(request, post_id)
    response = HttpResponse(report.duty_report_docx(summary),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'述职报告-{summary.name}-{summary.year}.docx')}"
    return response
