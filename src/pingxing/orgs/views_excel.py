"""Excel template, import and export of organizations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.imports import import_page
from pingxing.orgs import importing, permissions, services
from pingxing.orgs.access import visible_orgs


@login_required
def org_template(request: AuthenticatedHttpRequest) -> HttpResponse:
    return workbook_response(build_workbook("党组织", importing.COLUMNS), "党组织导入模板.xlsx")


@login_required
def org_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The organizations the user may see; audited."""
    rows = importing.export_rows(visible_orgs(request.user))
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="orgs.organization",
                 changes={"rows": [None, len(rows)]}, request=request)
    wb = build_workbook("党组织", importing.COLUMNS, rows)
    return workbook_response(wb, f"党组织-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def org_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_import_orgs(actor_of(user)):
        deny(user, "orgs.organization", "import", request)
    return import_page(
        request, parse=importing.parse_orgs, save=services.orgs_import,
        done_message=_("已导入 %(n)d 个党组织"), done_url="orgs:tree",
        template_url="orgs:template", title=_("导入党组织"),
    )
