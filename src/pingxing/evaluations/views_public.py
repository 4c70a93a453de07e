"""The 五亮 public page of an organization (no login) and its A3 poster for the 公开栏."""

from __future__ import annotations

import base64

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from pingxing.evaluations.disclosure import PublicPage, public_page
from pingxing.evaluations.reports import fetch_data_only


def _missing(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/message.html", {"reason": _("该党组织尚未公开民主评议党员情况。")}, status=404)


def public(request: HttpRequest, org_id: int, version: int | None = None) -> HttpResponse:
    """The newest publication of the organization (or the version asked for)."""
    page = public_page(org_id, version=version)
    if page is None:
        return _missing(request)
    return render(request, "evaluations/public_page.html",
                  {"page": page, "org_id": org_id, "evaluation": page.evaluation})


def public_poster(request: HttpRequest, org_id: int) -> HttpResponse:
    """The page as an A3 portrait PDF with a QR code of its address, to print and put up."""
    page = public_page(org_id)
    if page is None:
        return _missing(request)
    url = request.build_absolute_uri(reverse("evaluations:public", args=[org_id]))
    response = HttpResponse(poster_pdf(page, url=url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wuliang-{org_id}.pdf"'
    return response


def poster_pdf(page: PublicPage, *, url: str) -> bytes:
    from weasyprint import HTML

    svg = segno.make(url, error="m").svg_inline(scale=4, omitsize=True)
    qr = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = render_to_string("evaluations/public_poster.html", {
        "c": page.content, "qr": qr, "url": url, "evaluation": page.evaluation,
        "version": page.snapshot.version if page.current is None and page.snapshot else None})
    pdf: bytes = HTML(string=html, url_fetcher=fetch_data_only).write_pdf()
    return pdf

