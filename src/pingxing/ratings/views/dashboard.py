"""The targets dashboard (目标看板): the county with a street filter, or one street."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.core.access import get_org_for_user
from pingxing.orgs.models import OrgLevel
from pingxing.ratings import stats, stats_queries


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    office = stats_queries.office_for_user(request.user, request=request)
    streets = stats_queries.streets_under(office)
    root = office
    street_id = request.GET.get("street")
    if street_id:
        chosen = get_org_for_user(request.user, street_id, request=request)
        if chosen.level == OrgLevel.STREET:
            root = chosen
    board = stats_queries.dashboard(
        root=root, streets=[s for s in streets if s.path.startswith(root.path)],
        year=_int_or_none(request.GET.get("year")),
    )
    context = {
        "office": office,
        "root": root,
        "streets": streets if len(streets) > 1 else [],
        "board": board,
        "data": stats_queries.chart_data(board),
        "distribution": [
            (stats.star_label(star), n, stats.percent(stats.share(n, board.total)))
            for star, n in board.distribution.items()
        ],
        "heat_rows": list(zip(board.heat_streets, board.heat, strict=True)),
        "target_three_up": stats.percent(stats.TARGET_THREE_UP),
        "target_five": stats.percent(stats.TARGET_FIVE),
    }
    return render(request, "ratings/dashboard.html", context)
