"""Pages of accountability (问责) and adjustment (调整) cases: the street, the county and the
organization's secretary only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.cadres import permissions, services
from pingxing.cadres.access import (
    get_accountability_for_user,
    get_adjustment_file_for_user,
    get_adjustment_for_user,
    get_checkpoint_for_user,
    get_post_for_user,
    org_facts,
    visible_accountability,
    visible_adjustments,
)
from pingxing.cadres.forms import (
    AccountabilityDecideForm,
    AdjustmentDecideForm,
    AdjustmentProposeForm,
    CloseForm,
)
from pingxing.cadres.models import AdjustmentState, CaseState
from pingxing.cadres.rules import accountability_forms
from pingxing.cadres.services import CadreError
from pingxing.cadres.views.common import done
from pingxing.core.forms import errors_text
from pingxing.core.http import AuthenticatedHttpRequest, actor_of


def _browse(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_browse_cases(actor_of(request.user)):
        raise Http404


@login_required
def accountability_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse(request)
    cases = list(visible_accountability(request.user).order_by("state", "-opened_at"))
    return render(request, "cadres/accountability_list.html", {"cases": cases, "open_state": CaseState.OPEN})


@login_required
def accountability_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_accountability_for_user(request.user, case_id, request=request)
    can_decide = permissions.can_decide_accountability(actor_of(request.user), org_facts(case.organization))
    return render(request, "cadres/accountability.html", {
        "case": case, "can_decide": can_decide and case.state == CaseState.OPEN,
        "decide_form": AccountabilityDecideForm(), "close_form": CloseForm(),
        "forms_example": accountability_forms().example})


@login_required
@require_POST
def accountability_open(request: AuthenticatedHttpRequest, checkpoint_id: int) -> HttpResponse:
    checkpoint = get_checkpoint_for_user(request.user, checkpoint_id, check=permissions.can_record_checkpoint,
                                         request=request)

    def write() -> str:
        services.accountability_open(checkpoint=checkpoint, by=request.user, request=request)
        return _("已启动问责。")
    return done(request, write, reverse("cadres:pledge", args=[checkpoint.commitment.pledge_id]))


@login_required
@require_POST
def accountability_decide(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_accountability_for_user(request.user, case_id, check=permissions.can_decide_accountability,
                                       request=request)

    def write() -> str:
        if request.POST.get("action") == "close":
            close = CloseForm(request.POST)
            if not close.is_valid():
                raise CadreError(errors_text(close))
            services.accountability_close(case=case, by=request.user, request=request, **close.cleaned_data)
            return _("已决定不予问责。")
        form = AccountabilityDecideForm(request.POST)
        if not form.is_valid():
            raise CadreError(errors_text(form))
        services.accountability_decide(case=case, by=request.user, request=request, **form.cleaned_data)
        return _("已作出问责决定。")
    return done(request, write, reverse("cadres:accountability", args=[case.pk]))


@login_required
def adjustment_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse(request)
    cases = list(visible_adjustments(request.user).order_by("state", "-proposed_at"))
    return render(request, "cadres/adjustment_list.html", {"cases": cases})


@login_required
def adjustment_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_adjustment_for_user(request.user, case_id, request=request)
    can_decide = permissions.can_decide_adjustment(actor_of(request.user), org_facts(case.organization))
    return render(request, "cadres/adjustment.html", {
        "case": case, "files": list(case.files.all()),
        "can_decide": can_decide and case.state == AdjustmentState.PROPOSED, "decide_form": AdjustmentDecideForm()})


@login_required
def adjustment_propose(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_for_user(request.user, post_id, check=permissions.can_propose_adjustment, request=request)
    if request.method == "POST":
        def write() -> str:
            form = AdjustmentProposeForm(request.POST, request.FILES)
            if not form.is_valid():
                raise CadreError(errors_text(form))
            services.adjustment_propose(
                post=post, grounds=form.cleaned_data["grounds"], evidence=form.cleaned_data["evidence"],
                uploads=request.FILES.getlist("files"),
                by_street=actor_of(request.user).role in permissions.OVERSEEING, by=request.user, request=request)
            return _("已提出调整建议，待街道决定。")
        return done(request, write, reverse("cadres:adjustments"))
    return render(request, "cadres/adjustment_propose.html", {"post": post, "form": AdjustmentProposeForm()})


@login_required
@require_POST
def adjustment_decide(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_adjustment_for_user(request.user, case_id, check=permissions.can_decide_adjustment, request=request)

    def write() -> str:
        form = AdjustmentDecideForm(request.POST)
        if not form.is_valid():
            raise CadreError(errors_text(form))
        data = form.cleaned_data
        adjust = data["decision"] == "adjust"
        services.adjustment_decide(case=case, adjust=adjust, reason=data["reason"], decided_on=data["decided_on"],
                                   successor=data["successor"], by=request.user, request=request)
        return _("已决定调整，该职务已终止。") if adjust else _("已决定不调整。")
    return done(request, write, reverse("cadres:adjustment", args=[case.pk]))


@login_required
def adjustment_file(request: AuthenticatedHttpRequest, file_id: int) -> FileResponse:
    found = get_adjustment_file_for_user(request.user, file_id, request=request)
    return FileResponse(found.file.open("rb"), filename=found.original_name or None)
