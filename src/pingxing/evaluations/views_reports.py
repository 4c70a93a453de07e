"""Report pages of the democratic evaluation: the summary table of one evaluation (page,
Excel, PDF) for its organization and the street, and the street's overview."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import XLSX
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.evaluations import permissions, reports
from pingxing.evaluations.access import facts_of, get_evaluation_for_user

FORMATS = {"xlsx": XLSX, "pdf": "application/pdf"}


@login_required
def summary_report(request: AuthenticatedHttpRequest, evaluation_id: int, fmt: str = "") -> HttpResponse:
    """民主评议党员情况汇总表: for those who read the evaluation, once it is tallied."""
    evaluation = get_evaluation_for_user(request.user, evaluation_id, request=request)
    if fmt and fmt not in FORMATS:
        raise Http404
    if evaluation.is_leadership:  # its results are on the evaluation's own page
        return render(request, "evaluations/message.html", {"reason": _("班子成员评议的结果见评议页面。")}, status=404)
    if not permissions.can_see_results(actor_of(request.user), facts_of(evaluation)):
        return render(request, "evaluations/message.html",
                      {"reason": _("计票完成后才能查看民主评议党员情况汇总表。")}, status=404)
    data = reports.summary(evaluation)
    if not fmt:
        return render(request, "evaluations/report.html", {
            "evaluation": evaluation, "s": data, "header": reports.header(),
            "rows": [reports.row_cells(r) for r in data.rows], "lines": [data.class_line(c) for c in reports.CLASSES]})
    body = (reports.workbook_bytes(reports.summary_workbook(data)) if fmt == "xlsx" else reports.summary_pdf(data))
    audit_record(action=AuditAction.EXPORT, user=request.user, obj=evaluation, organization=evaluation.organization,
                 changes={"report": [None, f"summary.{fmt}"]}, request=request)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"{data.organization}{data.year}年度民主评议党员情况汇总表.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response


@login_required
def street_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The street's (or the county's) overview of its organizations' evaluations of a year."""
    actor = actor_of(request.user)
    if actor.role not in permissions.OVERSEEING_ROLES or not actor.org_path:
        deny(request.user, "evaluations.overview", "-", request)
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    error = ""
    year = this_year
    if raw:
        if raw.isdigit() and 2000 <= int(raw) <= this_year + 1:
            year = int(raw)
        else:
            error = _("年度“%(y)s”无效，请填写如 %(now)d 的四位年份；下面显示本年度。") % {"y": raw[:10], "now": this_year}
    rows = reports.overview(root_path=actor.org_path, year=year)
    return render(request, "evaluations/report_overview.html", {
        "rows": rows, "totals": reports.overview_totals(rows), "year": year, "error": error,
        "grade_labels": reports.GRADE_LABELS, "years": range(this_year, this_year - 5, -1)})
