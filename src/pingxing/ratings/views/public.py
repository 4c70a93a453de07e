"""The public notice (公示) pages: no login. Candidates on notice with their key facts,
and an objection form per case (see `ratings.notice` for what is shown and the bot checks)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pingxing.core.clientip import client_ip
from pingxing.ratings import queries, services
from pingxing.ratings.notice import (
    HONEYPOT,
    LISTING_CACHE_SECONDS,
    FormRefused,
    check_form_token,
    issue_form_token,
    notice_header,
    notice_row,
    spend_form_token,
    standard_for,
)
from pingxing.ratings.workflow import CaseState


def notice_list(request: HttpRequest) -> HttpResponse:
    """Everything on notice, rendered once per change of the notice and then served from
    the cache: a single query (the version) when nothing changed."""
    office = queries.county_office()
    key = f"ratings:public-notice:{get_language()}:{queries.public_notice_version()}:{queries.office_version(office)}"
    listing = cache.get(key)
    if listing is None:
        cases = queries.public_notice_cases()
        rows = [notice_row(case) for case in cases]
        stars = sorted({row.case.assessed_star for row in rows if row.case.assessed_star}, reverse=True)
        listing = render_to_string("ratings/public_notice_list.html", {
            "header": notice_header(cases, office),
            "rows": rows,
            "ended": queries.public_notice_ended(),
            "standards": [(star, *standard_for(rows, star)) for star in stars],
        })
        cache.set(key, listing, LISTING_CACHE_SECONDS)
    return render(request, "ratings/public_notice.html", {"listing": mark_safe(listing)})  # our own template's output


@require_http_methods(["GET", "POST"])
def objection_form(request: HttpRequest, case_id: int) -> HttpResponse:
    """One case's notice and the objection form (GET); filing the objection (POST)."""
    case = queries.public_notice_case(case_id)
    row = notice_row(case)
    if request.method == "POST":
        row.form = {key: request.POST.get(key, "")[:5000] for key in ("name", "contact", "text")}
        try:
            if request.POST.get(HONEYPOT):
                raise FormRefused(_("提交未被接受，请刷新页面后重新提交。"))
            nonce = check_form_token(request.POST.get("token", ""))
            # One form, one objection: a refused filing frees the token for a corrected resend.
            with spend_form_token(nonce):
                objection = services.objection_file(
                    case=case, name=row.form["name"], contact=row.form["contact"], text=row.form["text"],
                    ip_address=client_ip(request),
                )
        except (FormRefused, services.ObjectionRefused) as refused:
            row.error = str(refused)
        else:
            # The receipt is shown once, on the next page; the session forgets it when shown.
            request.session[RECEIPT_SESSION_KEY] = {"code": objection.receipt_code, "case": case.pk}
            return redirect("public:objection_receipt")
    context = {"row": row, "token": issue_form_token(), "honeypot": HONEYPOT,
               "on_notice": case.state == CaseState.ON_NOTICE}
    return render(request, "ratings/public_objection.html", context, status=400 if row.error else 200)


RECEIPT_SESSION_KEY = "ratings_objection_receipt"
STATUS_LOOKUPS_PER_HOUR = 20


@require_http_methods(["GET"])
def objection_receipt(request: HttpRequest) -> HttpResponse:
    """回执: the receipt code of the objection just filed, shown once (not stored readable)."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not receipt:
        return redirect("public:objection_status")
    case = queries.public_notice_case(receipt.get("case"))
    response = render(request, "ratings/public_receipt.html", {"code": receipt["code"], "case": case})
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def objection_status(request: HttpRequest) -> HttpResponse:
    """With the receipt code only, the objector sees whether and how their objection was answered
    (nothing about other objections, no names, no contact)."""
    code = request.POST.get("code", "").strip()[:40] if request.method == "POST" else ""
    found, error = None, ""
    if request.method == "POST":
        limit_key = f"ratings:receipt-lookups:{services.client_digest(client_ip(request))}"
        lookups = cache.get(limit_key, 0)
        if lookups >= STATUS_LOOKUPS_PER_HOUR:
            error = _("查询过于频繁，请一小时后再试。")
        else:
            cache.set(limit_key, lookups + 1, 3600)
            found = queries.objection_by_receipt(code) if code else None
            if found is None:
                error = _("未找到该回执码对应的异议，请核对后重新输入。")
    response = render(request, "ratings/public_status.html", {"found": found, "error": error, "code": code},
                      status=400 if error else 200)
    response["Cache-Control"] = "no-store"
    return response
