"""Points pages: the member's 我的积分 (phone), the clerk's table of an organization with its
writes and Excel export, one member's ledger for staff, and the street overview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.members.models import Member
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.points import access, permissions, queries, services
from pingxing.points.forms import (
    AppealForm,
    DecideForm,
    EntryForm,
    ExemptionForm,
    PeriodForm,
    SettingForm,
)
from pingxing.points.rules import load_table


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Members to their own points; organization staff to their table; offices to the overview."""
    actor = actor_of(request.user)
    if permissions.has_own_points(actor):
        return redirect("points:mine")
    org = request.user.organization
    if org is not None and org.level == OrgLevel.ORGANIZATION and permissions.can_browse_points(actor):
        return redirect("points:org", org.pk)
    if org is not None and permissions.can_browse_points(actor):
        return redirect("points:street", org.pk)
    deny(request.user, "points.index", "", request)


def _ledger_context(request: AuthenticatedHttpRequest, member: Member) -> dict[str, Any]:
    year, quarter = PeriodForm(request.GET or None).period()
    actor = actor_of(request.user)
    facts = access.facts_of(member)
    ranking = None
    if permissions.can_see_ranking(actor, facts, ranking_on=queries.ranking_on(member.organization_id)):
        ranking = queries.org_ranking(member.organization, year=year)
    table = load_table()
    ledger = queries.member_ledger(member, year=year, quarter=quarter, table=table)
    return {
        "member": member, "year": year, "quarter": quarter, "period_form": PeriodForm(request.GET or None),
        "statement": ledger.statement, "quarters": ledger.quarters, "entries": ledger.entries,
        "can_appeal": permissions.can_appeal(actor, facts), "appeal_form": AppealForm(),
        "ranking": ranking, "table": table,
    }


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """我的积分: the member's balance, entries and deductions (with the appeal form)."""
    member = access.get_ledger_member_for_user(request.user, request.user.member_id, request=request)
    return render(request, "points/ledger.html", _ledger_context(request, member))


@login_required
def member_ledger(request: AuthenticatedHttpRequest, member_id: int) -> HttpResponse:
    member = access.get_ledger_member_for_user(request.user, member_id, request=request)
    return render(request, "points/ledger.html", _ledger_context(request, member))


@login_required
@require_POST
def appeal(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = access.get_own_deduction(request.user, entry_id, request=request)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写申诉理由（不超过500字）。"))
    else:
        try:
            services.appeal_file(entry=entry, reason=form.cleaned_data["reason"], by=request.user, request=request)
            messages.success(request, _("申诉已提交，等待支委会决定。"))
        except services.PointsRefused as exc:
            messages.error(request, str(exc))
    return redirect("points:mine")


@login_required
def org_table(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The clerk's table: every member's statement for the period, and the forms to keep the ledger."""
    org = access.get_ledger_org_for_user(request.user, org_id, request=request)
    return render(request, "points/org.html", _org_context(request, org))


def _org_context(request: AuthenticatedHttpRequest, org: Organization, **forms: Any) -> dict[str, Any]:
    year, quarter = PeriodForm(request.GET or None).period()
    actor = actor_of(request.user)
    keep = permissions.can_keep_ledger(actor, access.org_facts(org))
    table = load_table()
    members = queries.org_member_choices(org) if keep else []
    setting_on = queries.ranking_on(org.pk)
    return {
        "org": org, "year": year, "quarter": quarter, "period_form": PeriodForm(request.GET or None),
        "rows": queries.member_rows(queries.subtree_members(org), year=year, quarter=quarter, table=table),
        "can_keep": keep, "table": table,
        "entry_form": forms.get("entry_form") or EntryForm(members=members, table=table,
                                                           initial={"occurred_on": timezone.localdate()}),
        "exemption_form": forms.get("exemption_form") or ExemptionForm(members=members, initial={"year": year}),
        "appeals": queries.pending_appeals(org) if keep else [], "decide_form": DecideForm(),
        "setting_form": SettingForm(initial={"ranking_visible": setting_on}), "ranking_on": setting_on,
    }


@login_required
@require_POST
def entry_new(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_ledger_org_for_user(request.user, org_id, keep=True, request=request)
    form = EntryForm(request.POST, request.FILES, members=queries.org_member_choices(org), table=load_table())
    if form.is_valid():
        data = form.cleaned_data
        member = access.get_ledger_member_for_user(request.user, data["member"], keep=True, request=request)
        try:
            services.entry_record(member=member, occurred_on=data["occurred_on"], item_code=data["item_code"],
                                  times=data["times"], note=data["note"], evidence=data["evidence"],
                                  by=request.user, request=request)
            messages.success(request, _("已记录%(name)s的积分。") % {"name": member.name})
            return redirect("points:org", org.pk)
        except services.PointsRefused as exc:
            form.add_error(None, str(exc))
    return render(request, "points/org.html", _org_context(request, org, entry_form=form), status=400)


@login_required
@require_POST
def exemption_new(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_ledger_org_for_user(request.user, org_id, keep=True, request=request)
    form = ExemptionForm(request.POST, members=queries.org_member_choices(org))
    if form.is_valid():
        data = form.cleaned_data
        member = access.get_ledger_member_for_user(request.user, data["member"], keep=True, request=request)
        try:
            services.exemption_record(member=member, year=data["year"], reason=data["reason"], note=data["note"],
                                      by=request.user, request=request)
            messages.success(request, _("已登记%(name)s免于积分。") % {"name": member.name})
            return redirect("points:org", org.pk)
        except services.PointsRefused as exc:
            form.add_error(None, str(exc))
    return render(request, "points/org.html", _org_context(request, org, exemption_form=form), status=400)


@login_required
@require_POST
def appeal_decide(request: AuthenticatedHttpRequest, appeal_id: int) -> HttpResponse:
    item = access.get_appeal_for_user(request.user, appeal_id, request=request)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择决定并填写决定理由。"))
    else:
        try:
            services.appeal_decide(appeal=item, uphold=form.cleaned_data["uphold"],
                                   decision=form.cleaned_data["decision"], by=request.user, request=request)
            messages.success(request, _("申诉已作出决定。"))
        except services.PointsRefused as exc:
            messages.error(request, str(exc))
    return redirect("points:org", item.entry.organization_id)


@login_required
@require_POST
def setting(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    org = access.get_ledger_org_for_user(request.user, org_id, keep=True, request=request)
    form = SettingForm(request.POST)
    on = form.is_valid() and form.cleaned_data["ranking_visible"]
    services.setting_update(organization=org, ranking_visible=on, by=request.user, request=request)
    messages.success(request, _("已开启本组织内积分排名。") if on else _("已关闭积分排名。"))
    return redirect("points:org", org.pk)


def _export_columns() -> tuple[Column, ...]:
    return (
        Column(_("姓名"), width=12), Column(_("所在党组织"), width=24), Column(_("基础分")), Column(_("加分")),
        Column(_("扣分")), Column(_("积分")), Column(_("记录条数")), Column(_("免于积分"), width=12),
    )


@login_required
def org_export(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The table as Excel (every cell inert); audited."""
    org = access.get_ledger_org_for_user(request.user, org_id, request=request)
    year, quarter = PeriodForm(request.GET or None).period()
    names = queries.org_names(org)
    rows = queries.member_rows(queries.subtree_members(org), year=year, quarter=quarter)
    lines = [[r.name, names.get(r.org_id, ""), r.statement.base, r.statement.bonus, r.statement.deduction,
              r.statement.balance, r.statement.entries, r.exempt] for r in rows]
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="points.org", object_id=str(org.pk),
                 organization=org, changes={"rows": [None, len(lines)], "year": [None, year]}, request=request)
    period = f"{year}" + (f"Q{quarter}" if quarter else "")
    wb = build_workbook(_("积分台账"), _export_columns(), lines)
    return workbook_response(wb, f"积分台账-{org.name}-{period}.xlsx")


@login_required
def street(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """The street overview: per Party organization, members, exemptions, totals and the
    distribution of yearly balances. No names, no ranking."""
    org = access.get_ledger_org_for_user(request.user, org_id, request=request)
    year, _quarter = PeriodForm(request.GET or None).period()
    return render(request, "points/street.html", {
        "org": org, "year": year, "period_form": PeriodForm(request.GET or None),
        "rows": queries.org_rows(org, year=year), "edges": (90, 100, 110, 120),
    })
