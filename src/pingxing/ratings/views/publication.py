"""发文公布 (publication) and the year-end report (年底通报): forms and document downloads."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.documents import builders
from pingxing.documents.to_docx import render_docx
from pingxing.documents.to_pdf import render_pdf
from pingxing.ratings import engine, issuing, queries, services, stats, stats_queries, workflow
from pingxing.ratings.access import (
    get_campaign_for_office,
    get_publication_for_user,
    office_for_user,
)
from pingxing.ratings.forms import PublishForm, ReportForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FORMATS = ("docx", "pdf")


@login_required
def publish(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    office, campaign = get_campaign_for_office(request.user, year, request=request)
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                publication = services.campaign_publish(campaign=campaign, by=request.user, **form.cleaned_data)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("已发文公布。"))
                return redirect("ratings:publication", publication_id=publication.pk)
    else:
        form = PublishForm(initial={"title": issuing.default_title(year), "issued_on": timezone.localdate()})
    street_paths = {s.path: s.name for s in stats_queries.streets_under(office)}
    context = {
        "campaign": campaign,
        "form": form,
        "cases": [
            (case, stats.street_of(case.organization.path, street_paths) or "",
             case.final_star if case.final_star is not None else case.assessed_star)
            for case in queries.publishable_cases(campaign)
        ],
        "publications": campaign.publications.order_by("-published_at"),
    }
    return render(request, "ratings/publication_form.html", context)


@login_required
def publication_detail(request: AuthenticatedHttpRequest, publication_id: int) -> HttpResponse:
    publication = get_publication_for_user(request.user, publication_id, request=request)
    levels = issuing.levels_of(engine.standard(publication.campaign.standard_id))
    rows = [(row, levels.title(row.star), builders.change_label(row.change))
            for row in issuing.publication_rows(publication)]
    return render(request, "ratings/publication_detail.html", {"publication": publication, "rows": rows})


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
    return _document_response(doc, fmt, f"{publication.campaign.year}年度评定结果")


@login_required
def report(request: AuthenticatedHttpRequest, year: int, fmt: str = "") -> HttpResponse:
    office = office_for_user(request.user, request=request, manage=True)
    if fmt and fmt not in FORMATS:
        raise Http404
    form = ReportForm(request.GET or None)
    doc_number, issued_on = issuing.next_doc_number(year), timezone.localdate()
    if form.is_bound and form.is_valid():
        doc_number = form.cleaned_data["doc_number"] or doc_number
        issued_on = form.cleaned_data["issued_on"] or issued_on
    if not fmt or (form.is_bound and not form.is_valid()):
        if not form.is_bound:
            form = ReportForm(initial={"doc_number": doc_number, "issued_on": issued_on})
        return render(request, "ratings/publication_report.html", {"form": form, "year": year},
                      status=400 if form.is_bound and not form.is_valid() else 200)
    doc = issuing.year_end_report(office=office, year=year,
                                  issuer=issuing.issuer_for(office, doc_number, issued_on))
    if doc is None:
        raise Http404
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="ratings.report",
                 object_id=str(year), object_repr=f"{year}年度评星晋级通报 {doc_number}",
                 changes={"format": [None, fmt]}, request=request)
    return _document_response(doc, fmt, f"{year}年度评星晋级工作通报")
