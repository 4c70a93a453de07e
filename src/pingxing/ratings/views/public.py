"""The public notice (公示) pages: no login. Candidates on notice with their key facts,
and an objection form per case (see `ratings.notice` for what is shown and the bot checks)."""

from __future__ import annotations

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
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
    notice_row,
    standard_for,
)
from pingxing.ratings.workflow import CaseState


def notice_list(request: HttpRequest) -> HttpResponse:
    """Everything on notice, rendered once per change of the notice and then served from
    the cache: a single query (the version) when nothing changed."""
    key = f"ratings:public-notice:{get_language()}:{queries.public_notice_version()}"
    listing = cache.get(key)
    if listing is None:
        rows = [notice_row(case) for case in queries.public_notice_cases()]
        stars = sorted({row.case.assessed_star for row in rows if row.case.assessed_star}, reverse=True)
        listing = render_to_string("ratings/public_notice_list.html", {
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
            check_form_token(request.POST.get("token", ""))
            services.objection_file(
                case=case, name=row.form["name"], contact=row.form["contact"], text=row.form["text"],
                ip_address=client_ip(request),
            )
        except (FormRefused, services.ObjectionRefused) as refused:
            row.error = str(refused)
        else:
            messages.success(request, _("您对%(org)s的异议已提交，县评星办将调查核实并记录处理意见。")
                             % {"org": case.organization.name})
            return redirect(reverse("public:notice") + f"#case-{case.pk}")
    context = {"row": row, "token": issue_form_token(), "honeypot": HONEYPOT,
               "on_notice": case.state == CaseState.ON_NOTICE}
    return render(request, "ratings/public_objection.html", context, status=400 if row.error else 200)
