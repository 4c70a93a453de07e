"""动态管理 and 结果运用: star history, a year's changes, the policy table and cadre pay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core import excel
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs.access import get_org_for_user
from pingxing.ratings import history, payroll, permissions, services, sheets, stats_queries
from pingxing.ratings.access import known_year, office_for_user
from pingxing.ratings.importing import BASE_PAY_LIMITS


@login_required
def org_history(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = get_org_for_user(request.user, org_id, request=request)
    return render(request, "ratings/history.html", {"org": org, "rows": history.org_history(org)})


@login_required
def year_changes(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    known_year(year)
    office = office_for_user(request.user, request=request)
    streets = stats_queries.streets_under(office)
    changes = history.year_changes(stats_queries.results_for_year(root=office, year=year), streets, year)
    context = {
        "office": office,
        "changes": changes,
        "counts": [(history.CHANGE_LABELS[key], n) for key, n in changes.counts.items()],
        "is_county": permissions.can_manage_results(actor_of(request.user)),
    }
    return render(request, "ratings/history_changes.html", context)


@login_required
def policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    office_for_user(request.user, request=request)
    can_edit = permissions.can_manage_results(actor_of(request.user))
    std = stats_queries.standard_of_year(None)
    errors: list[str] = []
    entries = stats_queries.policy_entries()
    if request.method == "POST":
        office_for_user(request.user, request=request, manage=True)
        entries = {
            star: {"pay_coefficient": request.POST.get(f"pay_coefficient_{star}", ""),
                   "fund_weight": request.POST.get(f"fund_weight_{star}", ""),
                   "award_eligible": request.POST.get(f"award_eligible_{star}") == "on"}
            for star in std.stars_descending()
        }
        try:
            services.star_policy_update(entries=entries, std=std, by=request.user)
        except payroll.ResultsInputError as error:
            errors = error.errors
        else:
            messages.success(request, _("结果运用标准已保存。"))
            return redirect("ratings:policy")
    rows = [(star, std.star_title(star), entries.get(star, {})) for star in std.stars_descending()]
    return render(request, "ratings/policy.html", {"rows": rows, "errors": errors, "can_edit": can_edit},
                  status=400 if errors else 200)


def _pay_context(request: AuthenticatedHttpRequest, year: int) -> dict[str, Any]:
    known_year(year)
    office = office_for_user(request.user, request=request)
    streets = stats_queries.streets_under(office)
    rows = stats_queries.pay_table(root=office, streets=streets, year=year)
    return {"office": office, "year": year, "rows": rows, "totals": payroll.pay_totals(rows)}


@login_required
def pay(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    context = _pay_context(request, year)
    context["errors"] = []
    return render(request, "ratings/pay.html", context)


@login_required
@require_POST
def base_pay_save(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Base pay typed in the pay table, for the communities in the user's scope."""
    known_year(year)
    office = office_for_user(request.user, request=request)
    values: dict[Any, Decimal | None] = {}
    errors: list[str] = []
    for org in stats_queries.communities_under(office):
        key = f"base_pay_{org.pk}"
        if key not in request.POST:
            continue
        text = request.POST[key].strip()
        try:
            values[org] = None if text == "" else payroll.parse_amount(
                text, where=f"{org.name} 基本报酬", maximum=payroll.MAX_BASE_PAY)
        except payroll.ResultsInputError as error:
            errors.extend(error.errors)
    if not errors:
        try:
            changed = services.base_pays_set(year=year, values=values, by=request.user)
        except payroll.ResultsInputError as error:
            errors = error.errors
    if errors:
        context = _pay_context(request, year)
        context["errors"] = errors
        return render(request, "ratings/pay.html", context, status=400)
    messages.success(request, _("已保存 %(n)d 个社区的基本报酬。") % {"n": changed})
    return redirect("ratings:pay", year=year)


@login_required
@require_POST
def base_pay_import(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Base pay from a spreadsheet (组织代码, 组织名称, 基本报酬): all rows or none."""
    known_year(year)
    office = office_for_user(request.user, request=request)
    upload = request.FILES.get("file")
    orgs = {o.code: o for o in stats_queries.communities_under(office)}
    try:
        if upload is None:
            raise payroll.ResultsInputError([_("请选择要导入的 Excel 文件。")])
        columns = [excel.Column(h, required=h != sheets.BASE_PAY_COLUMNS[1]) for h in sheets.BASE_PAY_COLUMNS]
        try:
            rows = list(excel.read_rows(upload, columns, limits=BASE_PAY_LIMITS))
        except (ValueError, OSError, KeyError) as error:
            raise payroll.ResultsInputError([f"{upload.name}：{error}"]) from None
        values = sheets.parse_base_pay_rows(rows, orgs)
        changed = services.base_pays_set(year=year, values=values, by=request.user, action=AuditAction.IMPORT)
    except payroll.ResultsInputError as error:
        context = _pay_context(request, year)
        context["errors"] = error.errors
        return render(request, "ratings/pay.html", context, status=400)
    messages.success(request, _("已导入 %(n)d 行，%(c)d 个社区的基本报酬有变化。") % {"n": len(values), "c": changed})
    return redirect("ratings:pay", year=year)


@login_required
def pay_export(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    context = _pay_context(request, year)
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="ratings.pay",
                 object_id=str(year), object_repr=f"{year}年度社区干部报酬表", request=request,
                 changes={"rows": [None, len(context["rows"])]})
    return excel.workbook_response(sheets.pay_workbook(context["rows"], year), f"{year}年度社区干部报酬.xlsx")


@login_required
def base_pay_template(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """The import spreadsheet, filled with the communities in scope and their current base pay."""
    context = _pay_context(request, year)
    columns = [excel.Column(sheets.BASE_PAY_COLUMNS[0], required=True, text=True),
               excel.Column(sheets.BASE_PAY_COLUMNS[1], width=28),
               excel.Column(sheets.BASE_PAY_COLUMNS[2], required=True, width=18)]
    rows = [(r.code, r.name, r.base_pay) for r in context["rows"]]
    return excel.workbook_response(excel.build_workbook(f"{year}基本报酬", columns, rows),
                                   f"{year}年度社区干部基本报酬导入模板.xlsx")
