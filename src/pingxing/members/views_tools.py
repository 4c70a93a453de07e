"""Member tools: Party group suggestions, Excel template, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.imports import import_page
from pingxing.members import importing, permissions, services
from pingxing.members.access import visible_members
from pingxing.members.forms import ExportForm, GroupingForm
from pingxing.members.grouping import propose_groups
from pingxing.members.queries import grouping_members
from pingxing.members.services import party_groups_apply
from pingxing.orgs.access import get_org_for_group_setup


@login_required
def grouping(request: AuthenticatedHttpRequest, org_id: int) -> HttpResponse:
    """党小组设置建议: propose groups by a basis; POST creates them and assigns the members."""
    user = request.user
    org = get_org_for_group_setup(user, org_id, party_org_only=True, request=request)
    form = GroupingForm(request.POST or request.GET or None)
    proposal = None
    if form.is_valid():
        basis = form.cleaned_data["basis"]
        proposal = propose_groups(grouping_members(org), basis, today=timezone.localdate(),
                                  max_size=form.cleaned_data["max_size"])
        if request.method == "POST":
            groups = party_groups_apply(
                organization=org, basis=basis, by=user, request=request,
                proposal=[(g.name, g.member_ids) for g in proposal],
            )
            messages.success(request, _("已设置 %(n)d 个党小组并分配党员") % {"n": len(groups)})
            return redirect("orgs:detail", org.pk)
    return render(request, "members/grouping.html", {"org": org, "form": form, "proposal": proposal})


@login_required
def member_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    wb = build_workbook("党员名册", importing.COLUMNS)
    return workbook_response(wb, "党员导入模板.xlsx")


@login_required
def member_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every member the user may see; masked unless asked for in full by Party staff. Audited."""
    user = request.user
    form = ExportForm(request.GET or None)
    full = form.is_valid() and form.cleaned_data["full"] and permissions.can_export_in_full(actor_of(user))
    members = visible_members(user).select_related("organization", "party_group").order_by(
        "organization__path", "name", "id"
    )
    rows = [importing.export_row(m, full=full) for m in members]
    audit_record(action=AuditAction.EXPORT, user=user, object_type="members.member",
                 changes={"rows": [None, len(rows)], "full": [None, full]}, request=request)
    wb = build_workbook("党员名册", importing.COLUMNS, rows)
    return workbook_response(wb, f"党员名册-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def member_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_import_members(actor_of(user)):
        deny(user, "members.member", "import", request)
    return import_page(
        request, parse=importing.parse_members, save=services.members_import,
        done_message=_("已导入 %(n)d 名党员"), done_url="members:list",
        template_url="members:template", title=_("导入党员"),
    )
