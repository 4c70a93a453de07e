"""发文公布 (publication) and the year-end report (年底通报): forms and document downloads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import RegexValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pingxing.audit.services import AuditAction, audit_record
from pingxing.core import scope
from pingxing.core.access import deny
from pingxing.documents import builders
from pingxing.documents.to_docx import render_docx
from pingxing.documents.to_pdf import render_pdf
from pingxing.orgs.models import Organization
from pingxing.ratings import history, publishing, stats, stats_queries, workflow
from pingxing.ratings.models import Campaign, Publication, StarResult

# The 发文字号 shape GB/T 9704 asks for (the documents package checks it again).
DOC_NUMBER_RE = r"^\S+〔\d{4}〕[1-9]\d*号$"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PublishForm(forms.Form):
    doc_number = forms.CharField(
        label=_("发文字号"), max_length=60,
        validators=[RegexValidator(DOC_NUMBER_RE, _("发文字号应形如“绍县评星办〔2010〕3号”（年份用六角括号〔〕，序号不加“第”和前导零）。"))],
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    issued_on = forms.DateField(label=_("成文日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_doc_number(self) -> str:
        number = self.cleaned_data["doc_number"].strip()
        if Publication.objects.filter(doc_number=number).exists():
            raise forms.ValidationError(_("发文字号“%(number)s”已使用。"), params={"number": number})
        return number


def issuer_for(office: Organization, doc_number: str, issued_on: dt.date) -> builders.Issuer:
    """The county office as the issuing organ: "中共绍兴县委组织部" from its record's name."""
    name = re.split(r"[（(]", office.name, maxsplit=1)[0].strip()
    if not name.startswith("中共"):
        name = "中共" + name
    return builders.Issuer(mark=f"{name}文件", name=name, doc_number=doc_number, date=issued_on,
                           printer=f"{name}办公室", print_date=issued_on)


def default_title(year: int) -> str:
    """The builder's own title, on one line, for the form's first value."""
    sample = builders.results_document(
        year=year, issuer=builders.Issuer(mark="示例", name="示例", doc_number="示例〔2010〕1号",
                                          date=dt.date(year, 12, 31)),
        rows=[("示例", "示例", 3, None)],
    )
    return sample.title.replace("\n", "")


def _campaign(year: int) -> Campaign:
    return get_object_or_404(Campaign, year=year)


@login_required
def publish(request: HttpRequest, year: int) -> HttpResponse:
    office = stats_queries.office_for_user(request.user, request=request, county_only=True)
    campaign = _campaign(year)
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                publication = publishing.campaign_publish(campaign=campaign, by=request.user, **form.cleaned_data)
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("已发文公布。"))
                return redirect("ratings:publication", publication_id=publication.pk)
    else:
        form = PublishForm(initial={"title": default_title(year), "issued_on": timezone.localdate()})
    cases = publishing.publishable_cases(campaign)
    street_paths = {s.path: s.name for s in stats_queries.streets_under(office)}
    context = {
        "campaign": campaign,
        "form": form,
        "cases": [
            (case, stats.street_of(case.organization.path, street_paths) or "",
             case.final_star if case.final_star is not None else case.assessed_star)
            for case in cases
        ],
        "publications": campaign.publications.order_by("-published_at"),
    }
    return render(request, "ratings/publication_form.html", context)


def _publication_for_user(request: HttpRequest, publication_id: int) -> Publication:
    """A publication: a public document of the county, open to every Party staff user in it."""
    if request.user.role not in scope.SUBTREE_ROLES or request.user.organization_id is None:
        deny(request.user, "ratings.publication", publication_id, request)
    return get_object_or_404(Publication.objects.select_related("campaign", "published_by__organization"),
                             pk=publication_id)


def _result_rows(results: list[StarResult], streets: dict[str, str]) -> list[builders.ResultRow]:
    return [
        builders.ResultRow(
            org=r.organization.name, street=stats.street_of(r.organization.path, streets) or "",
            star=r.star, change=None if r.previous_star is None else r.star - r.previous_star,
        )
        for r in results
    ]


def _publication_rows(publication: Publication) -> list[builders.ResultRow]:
    results = list(publication.results.select_related("organization"))
    office = publication.published_by.organization
    streets = {s.path: s.name for s in stats_queries.streets_under(office)} if office else {}
    rows = _result_rows(results, streets)
    rows.sort(key=lambda row: (-row.star, row.street, row.org))
    return rows


@login_required
def publication_detail(request: HttpRequest, publication_id: int) -> HttpResponse:
    publication = _publication_for_user(request, publication_id)
    rows = [(row, builders.star_label(row.star), builders.change_label(row.change))
            for row in _publication_rows(publication)]
    return render(request, "ratings/publication_detail.html", {"publication": publication, "rows": rows})


FORMATS = ("docx", "pdf")


def _document_response(doc: Any, fmt: str, filename: str) -> HttpResponse:
    if fmt == "pdf":
        response = HttpResponse(render_pdf(doc), content_type="application/pdf")
    else:
        response = HttpResponse(render_docx(doc), content_type=DOCX)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.{fmt}"
    return response


@login_required
def publication_download(request: HttpRequest, publication_id: int, fmt: str) -> HttpResponse:
    publication = _publication_for_user(request, publication_id)
    office = publication.published_by.organization
    if office is None or fmt not in FORMATS:
        raise Http404
    doc = builders.results_document(
        year=publication.campaign.year, issuer=issuer_for(office, publication.doc_number, publication.issued_on),
        rows=_publication_rows(publication),
    )
    if publication.title.replace("\n", "") != doc.title.replace("\n", ""):
        doc = dataclasses.replace(doc, title=publication.title)
    audit_record(action=AuditAction.EXPORT, user=request.user, obj=publication,
                 object_repr=publication.doc_number, changes={"format": [None, fmt]}, request=request)
    return _document_response(doc, fmt, f"{publication.campaign.year}年度评定结果")


class ReportForm(forms.Form):
    doc_number = forms.CharField(label=_("发文字号"), max_length=60, required=False,
                                 validators=[RegexValidator(DOC_NUMBER_RE, _("发文字号格式不正确。"))])
    issued_on = forms.DateField(label=_("成文日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _next_number(year: int) -> str:
    """After the year's last publication: "绍县评星办〔2010〕3号" → "绍县评星办〔2010〕4号"."""
    last = Publication.objects.filter(campaign__year=year).order_by("-published_at", "-pk").first()
    match = re.match(r"^(\S+)〔(\d{4})〕(\d+)号$", last.doc_number) if last else None
    if match is None:
        return f"评星办〔{year}〕1号"
    return f"{match[1]}〔{match[2]}〕{int(match[3]) + 1}号"


def year_end_report(*, office: Organization, year: int, issuer: builders.Issuer) -> Any:
    """The 年底通报 document for the county's published results of a year."""
    results = stats_queries.results_for_year(root=office, year=year)
    if not results:
        raise Http404
    streets = stats_queries.streets_under(office)
    street_paths = {s.path: s.name for s in streets}
    counts_by_street: dict[str, dict[int, int]] = {}
    for r in results:
        by_star = counts_by_street.setdefault(stats.street_of(r.organization.path, street_paths) or "—", {})
        by_star[r.star] = by_star.get(r.star, 0) + 1
    changes = history.year_changes(results, streets, year)
    return builders.year_end_report_document(
        year=year, issuer=issuer,
        counts_by_star=stats.distribution(r.star for r in results),
        counts_by_street=counts_by_street,
        upgrades=[(c.org.name, c.street, c.from_star, c.to_star) for c in changes.upgrades],
        downgrades=[(c.org.name, c.street, c.from_star, c.to_star) for c in changes.downgrades],
        # in the order of the organization tree, street by street
        commended=[(r.organization.name, stats.street_of(r.organization.path, street_paths) or "")
                   for r in results if r.star == 5],
    )


@login_required
def report(request: HttpRequest, year: int, fmt: str = "") -> HttpResponse:
    office = stats_queries.office_for_user(request.user, request=request, county_only=True)
    if fmt and fmt not in FORMATS:
        raise Http404
    form = ReportForm(request.GET or None)
    doc_number, issued_on = _next_number(year), timezone.localdate()
    if form.is_bound and form.is_valid():
        doc_number = form.cleaned_data["doc_number"] or doc_number
        issued_on = form.cleaned_data["issued_on"] or issued_on
    if not fmt or (form.is_bound and not form.is_valid()):
        if not form.is_bound:
            form = ReportForm(initial={"doc_number": doc_number, "issued_on": issued_on})
        return render(request, "ratings/publication_report.html", {"form": form, "year": year},
                      status=400 if form.is_bound and not form.is_valid() else 200)
    doc = year_end_report(office=office, year=year, issuer=issuer_for(office, doc_number, issued_on))
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="ratings.report",
                 object_id=str(year), object_repr=f"{year}年度评星晋级通报 {doc_number}",
                 changes={"format": [None, fmt]}, request=request)
    return _document_response(doc, fmt, f"{year}年度评星晋级工作通报")
