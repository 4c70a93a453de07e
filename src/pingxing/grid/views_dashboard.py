"""The grid dashboard (网格看板): the street's (or the county's) subtree, or one community.

The figures are aggregates over every case of the year in the subtree: counted and rendered
once, then served from the cache for CACHE_SECONDS (a minute's delay does not matter on a
dashboard, and fifty users looking at once must not each count 100,000 cases — see
benchmarks/grid_dashboard.py)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.grid import cadence, dashboard
from pingxing.orgs.models import Organization

CACHE_SECONDS = 60


def board_html(root: Organization, *, year: int, today: dt.date) -> SafeString:
    """The rendered figures of `root` for `year` (cached)."""
    period = dashboard.year_period(year, today)
    key = f"grid:dashboard:{root.pk}:{root.path}:{period.start}:{period.end}:{today}:{get_language()}"
    html = cache.get(key)
    if not isinstance(html, str):
        board = dashboard.board(root, period=period, today=today)
        html = render_to_string("grid/dashboard/_board.html", {"board": board, "data": board.chart_data()})
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # our own template's output


@login_required
def dashboard_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """?org= one organization of the user's subtree (a street or a community); ?year= the year."""
    actor = actor_of(request.user)
    own = request.user.organization
    if own is None or not cadence.can_view_dashboard(actor, own.path, own.pk):
        deny(request.user, "grid.dashboard", "", request)
    root = own
    if request.GET.get("org"):
        root = Organization.objects.filter(pk=parse_id(request.GET["org"])).first()
        if root is None or not cadence.can_view_dashboard(actor, root.path, root.pk):
            deny(request.user, "grid.dashboard", request.GET["org"], request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year)
    choices = list(Organization.objects.filter(path__startswith=own.path, level__in=("street", "organization"),
                                               grids__isnull=False).distinct().order_by("path")
                   .values_list("pk", "name")) if own.level != "organization" else []
    if own.level == "county":
        choices = list(Organization.objects.filter(path__startswith=own.path, level="street").order_by("path")
                       .values_list("pk", "name")) + choices
    return render(request, "grid/dashboard/board.html", {
        "root": root, "board_html": board_html(root, year=year, today=today), "own": own, "choices": choices,
        "year": year, "years": list(range(today.year, today.year - 5, -1))})
