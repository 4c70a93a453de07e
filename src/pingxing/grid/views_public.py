"""The resident's pages, no login (居民自主上报): report an issue, then follow it with the code
shown once.

What the public sees of a case (the follow page, Open311): its number, category, state, the
dates, and for each step its name, time and resulting state. Reasons only of the steps
written for the resident — what was done (反馈处置结果), why a case was not registered
(不予立案) and the resident's own follow-up answer. Never staff names, never the reporter's
name or contact, never internal remarks (dispatch, refusal, supervision, extensions).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pingxing.core.clientip import client_ip
from pingxing.core.uploads import PHOTOS, upload_problem
from pingxing.grid import queries_cases as queries
from pingxing.grid import services_cases as services
from pingxing.grid.forms_cases import FollowForm, FollowUpForm, ReportForm
from pingxing.grid.models_cases import ServiceCase
from pingxing.grid.workflow import CaseState
from pingxing.orgs.models import Organization

TOKEN_SALT = "pingxing.grid.report-form"
HONEYPOT = "website"
MIN_SECONDS_ON_FORM = 3
MAX_FORM_AGE_SECONDS = 2 * 3600
FOLLOW_LOOKUPS_PER_HOUR = 20
CODE_SESSION_KEY = "grid_report_code"
FOLLOW_SESSION_KEY = "grid_follow_case"


class FormRefused(Exception):
    """The form looks automated, stale or already sent; the message is for the visitor."""


def issue_form_token(now: float | None = None) -> str:
    """A signed timestamp with a random nonce: each report form is sent once."""
    return signing.dumps({"t": time.time() if now is None else now, "n": secrets.token_urlsafe(16)}, salt=TOKEN_SALT)


def check_form_token(token: str, now: float | None = None) -> str:
    now = time.time() if now is None else now
    try:
        payload = signing.loads(token, salt=TOKEN_SALT)
        issued, nonce = float(payload["t"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise FormRefused(_("表单无效，请刷新页面后重新提交。")) from exc
    if now - issued < MIN_SECONDS_ON_FORM:
        raise FormRefused(_("提交过快，请确认内容后稍候几秒再提交。"))
    if now - issued > MAX_FORM_AGE_SECONDS:
        raise FormRefused(_("页面停留时间过长，表单已过期，请重新提交。"))
    return nonce


@contextmanager
def spend_form_token(nonce: str) -> Iterator[None]:
    """Claim the nonce for the block; a refused report frees it for a corrected resend."""
    key = f"grid:report-nonce:{nonce}"
    if not cache.add(key, 1, MAX_FORM_AGE_SECONDS):
        raise FormRefused(_("该表单已提交过，请勿重复提交。"))
    try:
        yield
    except BaseException:
        cache.delete(key)
        raise


def _communities() -> list[tuple[int, str]]:
    found = Organization.objects.filter(level="organization", grids__isnull=False).distinct().order_by("path")
    return [(o.pk, o.name) for o in found.only("pk", "name")]


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """The report form (GET) and filing it (POST)."""
    communities = _communities()
    form = ReportForm(request.POST or None, request.FILES or None, communities=communities)
    error = ""
    if request.method == "POST":
        try:
            photo = request.FILES.get("photo")
            problem = upload_problem(photo, allowed=PHOTOS) if photo is not None else None
            if problem:  # said at once, before anything else is checked
                raise FormRefused(problem)
            if request.POST.get(HONEYPOT):
                raise FormRefused(_("提交未被接受，请刷新页面后重新提交。"))
            nonce = check_form_token(request.POST.get("token", ""))
            if not form.is_valid():
                raise FormRefused(_("请检查填写的内容。"))
            d = form.cleaned_data
            community = Organization.objects.filter(pk=d["community"], level="organization").first()
            if community is None:
                raise FormRefused(_("请选择社区。"))
            with spend_form_token(nonce):
                case = services.case_report(
                    community=community, category=d["category"], description=d["description"],
                    address=d["address"], reporter_name=d["name"], reporter_contact=d["contact"],
                    uploads=[d["photo"]] if d.get("photo") else [], ip_address=client_ip(request), request=request)
        except (FormRefused, services.CaseError) as refused:
            error = str(refused)
        else:
            # The code is shown once, on the next page; the session forgets it when shown.
            request.session[CODE_SESSION_KEY] = {"code": case.follow_code, "number": case.number}
            return redirect("grid:report_done")
    response = render(request, "grid/public/report.html", {
        "form": form, "error": error, "token": issue_form_token(), "honeypot": HONEYPOT,
    }, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET"])
def report_done(request: HttpRequest) -> HttpResponse:
    receipt = request.session.pop(CODE_SESSION_KEY, None)
    if not receipt:
        return redirect("grid:follow")
    response = render(request, "grid/public/report_done.html", receipt)
    response["Cache-Control"] = "no-store"
    return response


def _followed_case(request: HttpRequest) -> ServiceCase | None:
    pk = request.session.get(FOLLOW_SESSION_KEY)
    found: ServiceCase | None = ServiceCase.objects.filter(pk=pk).first() if pk else None
    return found


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """Type the code (POST) to see the case's public timeline (GET, from the session)."""
    error = ""
    form = FollowForm(request.POST or None)
    if request.method == "POST":
        limit_key = f"grid:follow-lookups:{services.keyed_digest('grid-client', client_ip(request))}"
        lookups = cache.get(limit_key, 0)
        if lookups >= FOLLOW_LOOKUPS_PER_HOUR:
            error = _("查询过于频繁，请一小时后再试。")
        else:
            cache.set(limit_key, lookups + 1, 3600)
            code = request.POST.get("code", "")[:40]
            found = queries.case_by_follow_code(services.follow_code_digest(code)) if code.strip() else None
            if found is None:
                error = _("未找到该查询码对应的案件，请核对后重新输入。")
            else:
                request.session[FOLLOW_SESSION_KEY] = found.pk
                return redirect("grid:follow")
    case = None if error else _followed_case(request)
    context = {"form": form, "error": error, "case": case, "notice": request.session.pop("grid_follow_error", "")}
    if case is not None:
        context.update({
            "state": queries.STATE_NAMES.get(case.state, case.state),
            "category": queries.category_name(case.category),
            "steps": [queries.step_view(s, public=True) for s in queries.timeline(case)],
            "can_answer": case.state == CaseState.CLOSED, "answer_form": FollowUpForm(),
        })
    response = render(request, "grid/public/follow.html", context, status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def follow_answer(request: HttpRequest) -> HttpResponse:
    """The resident's follow-up answer (回访) on a closed case; 不满意 reopens it."""
    case = _followed_case(request)
    if case is None:
        return redirect("grid:follow")
    form = FollowUpForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.case_step(case=case, action="follow_up", by=None, reason=form.cleaned_data["reason"],
                               data={"satisfaction": form.cleaned_data["satisfaction"]}, request=request)
        except services.CaseError as refused:
            error = str(refused)
    else:
        error = _("请选择您对办理结果的评价。")
    if error:
        request.session["grid_follow_error"] = error
    return redirect("grid:follow")
