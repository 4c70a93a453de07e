"""The targets dashboard (目标看板): the county with a street filter, or one street."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from pingxing.core.http import AuthenticatedHttpRequest
from pingxing.orgs.access import get_org_for_user
from pingxing.orgs.models import OrgLevel
from pingxing.ratings import stats, stats_queries
from pingxing.ratings.access import office_for_user


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    office = office_for_user(request.user, request=request)
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
            (board.standard.star_title(star), n, stats.percent(stats.share(n, board.total)))
            for star, n in board.distribution.items()
        ],
        "heat_rows": list(zip(board.heat_streets, board.heat, strict=True)),
        "goals": [stats.goal_text(board.standard, g) for g in board.standard.procedure.targets],
        "goal_labels": [stats.at_least_label(board.standard, g.at_least) for g in board.standard.procedure.targets],
    }
    return render(request, "ratings/dashboard.html", context)
