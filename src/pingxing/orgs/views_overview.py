"""The street's overview of its Party organizations: each app's figures side by side (pledges
made and kept, points, posts, training hours, open accountability and adjustment cases …)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core import overview
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs import permissions
from pingxing.orgs.access import visible_orgs
from pingxing.orgs.models import OrgKind, OrgLevel

MIN_YEAR, MAX_YEAR = 2000, 2100


def _params(request: AuthenticatedHttpRequest) -> tuple[int, str]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    if not MIN_YEAR <= year <= MAX_YEAR:
        year = today.year
    kind = request.GET.get("kind", "")
    return year, kind if kind in OrgKind.values else ""


def _build(request: AuthenticatedHttpRequest) -> dict:
    if not permissions.can_view_overview(actor_of(request.user)):
        raise Http404
    year, kind = _params(request)
    orgs = visible_orgs(request.user).filter(level=OrgLevel.ORGANIZATION)
    if kind:
        orgs = orgs.filter(kind=kind)
    orgs_list = list(orgs.order_by("path").only("id", "name", "kind", "path"))
    groups = overview.groups_for(request.user)
    cells = overview.table(groups, [o.pk for o in orgs_list], year)
    return {"year": year, "kind": kind, "kinds": OrgKind.choices, "groups": groups,
            "rows": [(o, cells[o.pk]) for o in orgs_list]}


@login_required
def org_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "orgs/overview.html", _build(request))


@login_required
def org_overview_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = _build(request)
    columns = [Column(_("党组织"), width=28), Column(_("类别"))]
    for group in page["groups"]:
        columns += [Column(f"{group.label}·{header}") for header in group.headers]
    rows = [[org.name, org.get_kind_display(), *cells] for org, cells in page["rows"]]
    wb = build_workbook(_("党建工作总览"), columns, rows)
    return workbook_response(wb, _("党建工作总览%(year)s.xlsx") % {"year": page["year"]})
