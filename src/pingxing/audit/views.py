"""The county office's audit trail page (审计日志) and its Excel export."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pingxing.audit.access import require_audit_reader
from pingxing.audit.forms import AuditFilterForm
from pingxing.audit.models import AuditEntry
from pingxing.audit.queries import (
    changes_text,
    describe_changes,
    entries_matching,
    object_type_label,
)
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import append_row
from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.core.logredact import redact

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 100_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request: AuthenticatedHttpRequest) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        return form, entries_matching({})
    if form.is_valid():
        return form, entries_matching(form.cleaned_data)
    return form, AuditEntry.objects.none()


@login_required
def audit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_audit_reader(request.user, request)
    form, entries = _filtered(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, object_type_label(entry.object_type), describe_changes(entry)) for entry in page]
    template = "audit/list.html#table" if request.htmx else "audit/list.html"
    return render(request, template, {"form": form, "page": page, "rows": rows})


def _text(value: Any) -> str:
    # Always text; an object name starting with "=" stays inert text (append_row).
    return "" if value is None else str(value)


@login_required
def audit_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_audit_reader(request.user, request)
    form, entries = _filtered(request)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("审计日志"))
    headers = [_("序号"), _("时间"), _("用户名"), _("组织"), _("操作"), _("对象类型"), _("对象编号"),
               _("对象"), _("变更内容（原值 → 新值）"), _("IP地址")]
    append_row(ws, headers)
    count = 0
    for entry in entries[:EXPORT_MAX_ROWS].iterator(chunk_size=2000):
        values = [
            entry.seq, timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            entry.username, entry.organization.name if entry.organization else "",
            entry.action_label, object_type_label(entry.object_type), entry.object_id, entry.object_repr,
            changes_text(entry), entry.ip_address,
        ]
        append_row(ws, [values[0], *(_text(v) for v in values[1:])])
        count += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    audit_record(
        action=AuditAction.EXPORT, user=request.user, object_type="audit.auditentry",
        object_repr=_("审计日志导出"), request=request,
        changes={"filters": [None, redact(form.describe()) if form.is_bound and form.is_valid() else ""],
                 "rows": [None, count]},
    )
    filename = f"audit-{timezone.localdate():%Y%m%d}.xlsx"
    return HttpResponse(buffer.getvalue(), content_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
