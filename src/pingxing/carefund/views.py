"""党内关爱基金 (carefund) pages (phone-first): the funds, a fund's books with the donation form and
statements, the register of members in hardship, the applications with each role's step buttons,
and the reversal of a posting. Every id goes through ``access``; every write through ``services``."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from pingxing.carefund import access, permissions, queries, services, statement, workflow
from pingxing.carefund.forms import (
    ApplicationForm,
    DonationForm,
    HardshipForm,
    ReasonForm,
    first_error,
)
from pingxing.carefund.models import ApplicationState, HardshipKind, Purpose
from pingxing.core.access import deny
from pingxing.core.excel import XLSX
from pingxing.core.http import AuthenticatedHttpRequest, actor_of

MAX_MEMBER_CHOICES = 500


def _browse_or_404(request: AuthenticatedHttpRequest, what: str) -> None:
    if not permissions.can_browse(actor_of(request.user)):
        deny(request.user, what, "list", request)


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse_or_404(request, "carefund.fund")
    funds = list(access.visible_funds(request.user))
    pending = queries.application_list(access.visible_applications(request.user)).exclude(
        state__in=(ApplicationState.PAID, ApplicationState.REJECTED)).count()
    return render(request, "carefund/home.html", {"funds": funds, "pending": pending,
                                                   "records": access.visible_records(request.user)
                                                   .filter(closed_on=None).count()})


def _donation_form(fund_id: int) -> DonationForm:
    return DonationForm(initial={"booked_on": timezone.localdate(), "token": secrets.token_urlsafe(16)},
                        auto_id=f"donation-{fund_id}-%s")


def _fund_page(request: AuthenticatedHttpRequest, fund: Any, *, form: DonationForm | None = None,
               status: int = 200) -> HttpResponse:
    return render(request, "carefund/fund.html", {
        "fund": fund, "page": queries.fund_page(fund), "form": form or _donation_form(fund.pk),
        "year": timezone.localdate().year}, status=status)


@login_required
def fund(request: AuthenticatedHttpRequest, fund_id: int) -> HttpResponse:
    return _fund_page(request, access.get_fund_for_user(request.user, fund_id, request=request))


@login_required
@require_POST
def donate(request: AuthenticatedHttpRequest, fund_id: int) -> HttpResponse:
    found = access.get_fund_for_user(request.user, fund_id, request=request)
    form = DonationForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return _fund_page(request, found, form=form, status=400)
    data = form.cleaned_data
    try:
        services.donation_record(fund=found, donor=data["donor"], amount=data["amount"], booked_on=data["booked_on"],
                                 key=data["token"], memo=data["memo"], by=request.user)
    except services.CarefundError as exc:
        messages.error(request, str(exc))
        return _fund_page(request, found, form=form, status=400)
    messages.success(request, _("已记入捐赠收入。"))
    return redirect("carefund:fund", found.pk)


@login_required
def statement_file(request: AuthenticatedHttpRequest, fund_id: int, fmt: str) -> HttpResponse:
    found = access.get_fund_for_user(request.user, fund_id, request=request)
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    year = _year(request)
    built = statement.build(found, year)
    name = f"{found.name}{year}年度收支报告.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(statement.to_pdf(built), content_type="application/pdf")
    else:
        response = HttpResponse(statement.to_xlsx(built), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def posting_reverse(request: AuthenticatedHttpRequest, fund_id: int, posting_id: int) -> HttpResponse:
    found = access.get_fund_for_user(request.user, fund_id, request=request)
    posting = access.get_posting_for_user(request.user, found, posting_id, request=request)
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.posting_reverse(posting=posting, reason=form.cleaned_data["reason"], by=request.user)
                messages.success(request, _("已冲正第%(n)d号凭证。") % {"n": posting.pk})
                return redirect("carefund:fund", found.pk)
            except services.CarefundError as exc:
                messages.error(request, str(exc))
        else:
            messages.error(request, _("请填写“冲正原因”。"))
        status = 400
    entries = posting.entries.select_related("account")
    return render(request, "carefund/reverse.html", {"fund": found, "posting": posting, "entries": entries,
                                                      "form": form}, status=status)


@login_required
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse_or_404(request, "carefund.hardship")
    form = HardshipForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            member = access.get_member_for_user(request.user, data["member"], request=request)
            try:
                services.hardship_register(member=member, kind=data["kind"], situation=data["situation"],
                                           support_received=data["support_received"], by=request.user)
                messages.success(request, _("已将%(name)s登记为困难党员。") % {"name": member.name})
                return redirect("carefund:register")
            except services.CarefundError as exc:
                messages.error(request, str(exc))
        else:
            messages.error(request, first_error(form))
        status = 400
    actor = actor_of(request.user)
    records = queries.hardship_register(access.visible_records(request.user),
                                        open_only=request.GET.get("all") != "1")
    can_keep = permissions.register_reach(actor).kind != "none"
    members = access.registrable_members(request.user).order_by("organization__path", "name")[:MAX_MEMBER_CHOICES]
    return render(request, "carefund/register.html", {
        "records": records, "form": form, "members": members if can_keep else [], "kinds": HardshipKind.choices,
        "can_keep": can_keep, "show_all": request.GET.get("all") == "1"}, status=status)


@login_required
@require_POST
def hardship_close(request: AuthenticatedHttpRequest, record_id: int) -> HttpResponse:
    record = access.get_record_for_user(request.user, record_id, check=permissions.can_register, request=request)
    try:
        services.hardship_close(record=record, by=request.user, request=request)
        messages.success(request, _("已为%(name)s销号。") % {"name": record.member.name})
    except services.CarefundError as exc:
        messages.error(request, str(exc))
    return redirect("carefund:register")


@login_required
def applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse_or_404(request, "carefund.app")
    state = request.GET.get("state", "")
    if state not in ApplicationState.values:
        state = ""
    rows = queries.application_list(access.visible_applications(request.user), state=state)[:200]
    return render(request, "carefund/applications.html", {"rows": rows, "state": state,
                                                          "states": ApplicationState.choices})


@login_required
def application_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _browse_or_404(request, "carefund.app")
    if permissions.register_reach(actor_of(request.user)).kind == "none":
        deny(request.user, "carefund.app", "new", request)
    form = ApplicationForm(request.POST or None, initial={"purpose": request.GET.get("purpose", "hardship"),
                                                           "hardship": request.GET.get("hardship", "")})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            hardship = member = None
            if data["purpose"] == Purpose.HARDSHIP:
                hardship = access.get_record_for_user(request.user, data["hardship"], check=permissions.can_register,
                                                      request=request)
                member = hardship.member
            else:
                member = access.get_member_for_user(request.user, data["member"], request=request)
            fund_found = access.funds_covering(member.organization).filter(pk=_int(data["fund"])).first()
            try:
                if fund_found is None:
                    raise services.CarefundError(_("请选择“基金”。"))
                app = services.application_propose(fund=fund_found, purpose=data["purpose"], hardship=hardship,
                                                   member=member, amount=data["amount"], reason=data["reason"],
                                                   by=request.user, request=request)
                messages.success(request, _("申请已提交，等待初审。"))
                return redirect("carefund:application", app.pk)
            except services.CarefundError as exc:
                messages.error(request, str(exc))
        else:
            messages.error(request, first_error(form))
        status = 400
    org = request.user.organization
    return render(request, "carefund/application_new.html", {
        "form": form, "funds": access.funds_covering(org) if org is not None else [],
        "records": queries.hardship_register(access.visible_records(request.user), open_only=True),
        "members": access.registrable_members(request.user).order_by("organization__path", "name")[:MAX_MEMBER_CHOICES],
        "purposes": Purpose.choices}, status=status)


def _int(value: Any) -> int:
    from pingxing.core.access import parse_id

    return parse_id(value)


@login_required
def application(request: AuthenticatedHttpRequest, app_id: int) -> HttpResponse:
    app = access.get_application_for_user(request.user, app_id, request=request)
    today = timezone.localdate()
    facts = services.app_facts(app)
    return render(request, "carefund/application.html", {
        "app": app, "steps": {s.value for s in workflow.steps_for(actor_of(request.user), facts, today=today)},
        "history": queries.application_history(app), "pay_problem": workflow.pay_problem(facts, today=today),
        "reversed": facts.payout_reversed, "today": today})


STEPS = {
    "review": lambda app, by, reason: services.application_review(app=app, by=by, note=reason),
    "approve": lambda app, by, reason: services.application_approve(app=app, by=by, note=reason),
    "reject": lambda app, by, reason: services.application_reject(app=app, by=by, reason=reason),
    "pay": lambda app, by, reason: services.application_pay(app=app, by=by),
    "correct": lambda app, by, reason: services.application_correct(app=app, by=by, reason=reason),
}
DONE = {"review": gettext_noop("已通过初审。"), "approve": gettext_noop("已审批通过。"),
        "reject": gettext_noop("已退回。"), "pay": gettext_noop("已发放。"),
        "correct": gettext_noop("已冲正发放，申请退回。")}


@login_required
@require_POST
def application_step(request: AuthenticatedHttpRequest, app_id: int, step: str) -> HttpResponse:
    app = access.get_application_for_user(request.user, app_id, request=request)
    if step not in STEPS:
        raise Http404
    try:
        after = STEPS[step](app, request.user, request.POST.get("reason", ""))
        messages.success(request, _(DONE[step]))
        if step == "approve" and after.state == ApplicationState.NOTICE and after.notice_until is None:
            messages.warning(request, _("基金余额不足，暂未发放。"))
    except services.CarefundError as exc:
        messages.error(request, str(exc))
    return redirect("carefund:application", app.pk)
