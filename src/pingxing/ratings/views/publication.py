"""发文公布 (publication) and the year-end report (年底通报): forms, preview and downloads."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.documents import builders
from pingxing.documents.preview import first_page_png
from pingxing.documents.to_docx import render_docx
from pingxing.documents.to_pdf import render_pdf
from pingxing.ratings import engine, issuing, permissions, services, workflow
from pingxing.ratings.access import (
    get_campaign_for_office,
    get_publication_for_user,
    known_year,
    office_for_user,
)
from pingxing.ratings.forms import PublishForm, ReportForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("docx", "pdf")


def _listed(rows: list[builders.ResultRow], levels: builders.Levels) -> list[tuple[Any, str, str, str]]:
    """(row, star title, change, how it was decided) for the tables of the pages."""
    return [(row, levels.title(row.star), builders.change_label(row.change), builders.procedure_label(row, levels))
            for row in rows]


@login_required
def publish(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Fill in the number, then see the preview and the list, then confirm: only then is it issued."""
    office, campaign = get_campaign_for_office(request.user, year, request=request)
    today = timezone.localdate()
    plan = issuing.publish_plan(campaign, office, today)
    levels = issuing.levels_of(engine.standard(campaign.standard_id))
    prefix = issuing.doc_prefix(office)
    context: dict[str, Any] = {"campaign": campaign, "plan": plan, "rows": _listed(plan.rows, levels),
                               "prefix": prefix, "publications": campaign.publications.order_by("-published_at")}
    if request.method != "POST":
        context["form"] = PublishForm(initial={
            "doc_number": issuing.next_doc_number(year, office), "title": issuing.plan_title(year, plan),
            "issued_on": today,
        }, prefix_required=prefix)
        return render(request, "ratings/publication_form.html", context)
    form = PublishForm(request.POST, prefix_required=prefix)
    context["form"] = form
    if not form.is_valid() or not plan.cases:
        if not plan.cases:
            messages.error(request, _("没有可发文公布的评定结果。"))
        return render(request, "ratings/publication_form.html", context)
    data = form.cleaned_data
    planned = sorted(case.pk for case in plan.cases)
    if data["confirm"] and form.previewed_case_ids() == planned:
        try:
            publication = services.campaign_publish(campaign=campaign, by=request.user, doc_number=data["doc_number"],
                                                    title=data["title"], issued_on=data["issued_on"], today=today)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已发文公布。本次为第%(batch)s批。") % {"batch": publication.batch})
            return redirect("ratings:publication", publication_id=publication.pk)
    elif data["confirm"]:
        messages.warning(request, _("待发文名单已变化，请重新核对预览后再确认。"))
    doc = issuing.plan_document(plan, campaign=campaign, office=office, doc_number=data["doc_number"],
                                issued_on=data["issued_on"], title=data["title"])
    png = first_page_png(render_pdf(doc))
    confirm = PublishForm(initial={**data, "confirm": True, "cases": ",".join(map(str, planned))},
                          prefix_required=prefix)
    context.update(form=confirm, doc=doc, preview=base64.b64encode(png).decode() if png else "")
    return render(request, "ratings/publication_confirm.html", context)


@login_required
def publication_detail(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    publication = get_publication_for_user(request.user, publication_id, request=request)
    levels = issuing.levels_of(engine.standard(publication.campaign.standard_id))
    context = {"publication": publication, "rows": _listed(issuing.publication_rows(publication), levels),
               "pending": issuing.publication_pending(publication),
               "can_view_results": permissions.can_view_results(actor_of(request.user))}
    return render(request, "ratings/publication_detail.html", context)


def _document_response(doc: Any, fmt: str, filename: str) -> HttpResponse:
    if fmt == "pdf":
        response = HttpResponse(render_pdf(doc), content_type="application/pdf")
    else:
        response = HttpResponse(render_docx(doc), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{fmt}"
    return response


@login_required
def publication_download(request: AuthenticatedHttpRequest, publication_id: int, fmt: str) -> HttpResponse:
    publication = get_publication_for_user(request.user, publication_id, request=request)
    if publication.published_by.organization is None or fmt not in FORMATS:
        raise Http404
    doc = issuing.publication_document(publication)
    audit_record(action=AuditAction.EXPORT, user=request.user, obj=publication,
                 object_repr=publication.doc_number, changes={"format": [None, fmt]}, request=request)
    return _document_response(doc, fmt, f"{publication.campaign.year}年度评定结果第{publication.batch}批")


@login_required
def report(request: AuthenticatedHttpRequest, year: int, fmt: str = "") -> HttpResponse:
    """The year-end report: whole once every case is published, else only with the county's
    confirmation, and then marked "截至…（评定中 m 个）"."""
    office = office_for_user(request.user, request=request, manage=True)
    known_year(year)
    if fmt and fmt not in FORMATS:
        raise Http404
    status = issuing.year_status(office=office, year=year)
    # asking for the file binds the form, so that the confirmation is always checked
    form = ReportForm(request.GET if (request.GET or fmt) else None)
    doc_number, issued_on = issuing.next_doc_number(year, office), timezone.localdate()
    if form.is_bound and form.is_valid():
        doc_number = form.cleaned_data["doc_number"] or doc_number
        issued_on = form.cleaned_data["issued_on"] or issued_on
        if fmt and status.pending and not form.cleaned_data["confirm_partial"]:
            today = timezone.localdate()
            form.add_error("confirm_partial", _("本年度尚有%(n)s个党组织评定中：须勾选确认，通报将标明“截至%(date)s（评定中%(n)s个）”。")
                           % {"n": status.pending, "date": f"{today.month}月{today.day}日"})
    if not fmt or (form.is_bound and not form.is_valid()):
        if not form.is_bound:
            form = ReportForm(initial={"doc_number": doc_number, "issued_on": issued_on})
        return render(request, "ratings/publication_report.html", {"form": form, "year": year, "status": status},
                      status=400 if form.is_bound and not form.is_valid() else 200)
    doc = issuing.year_end_report(office=office, year=year, as_of=timezone.localdate(),
                                  issuer=issuing.issuer_for(office, doc_number, issued_on))
    if doc is None:
        raise Http404
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="ratings.report",
                 object_id=str(year), object_repr=f"{year}年度评星晋级通报 {doc_number}",
                 changes={"format": [None, fmt], "pending": [None, status.pending]}, request=request)
    return _document_response(doc, fmt, f"{year}年度评星晋级工作通报")
