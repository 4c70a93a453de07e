"""Facts import (批量导入考评事实) for the county office and street committees."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pingxing.core.excel import XLSX
from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.ratings import services
from pingxing.ratings.access import get_campaign_for_importer
from pingxing.rubric.io import write_template


@login_required
def facts_import(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_importer(request.user, year, request=request)
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("请选择要上传的 Excel 文件。"))
        else:
            result = services.facts_import(data=upload, campaign=campaign, user=request.user)
            for warning in getattr(result, "warnings", []):
                messages.warning(request, warning)
            if not result.errors:
                messages.success(request, _("已导入%(n)s个社区的考评事实，保存为自评草稿。") % {"n": len(result.rows)})
                request.session["ratings_import_summary"] = [
                    [r.row, r.case.organization.code, r.case.organization.name, r.star] for r in result.rows
                ]
                return redirect("ratings:import", year=campaign.year)
    summary = request.session.pop("ratings_import_summary", None) if request.method == "GET" else None
    context = {
        "campaign": campaign,
        "errors": result.errors if result else [],
        "summary": summary,
    }
    status = 400 if result is not None and result.errors else 200
    return render(request, "ratings/import.html", context, status=status)


@login_required
def facts_template(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    campaign = get_campaign_for_importer(request.user, year, request=request)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="facts-template-{campaign.year}.xlsx"'
    return response
