from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsConfig(AppConfig):
    name = "pingxing.points"
    verbose_name = _("亮分制积分")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.points import permissions

        audit.register_actions({
            "points_entry": _("记录积分"),
            "points_appeal": _("积分申诉"),
            "points_decide": _("决定积分申诉"),
        })
        nav.add_menu(nav.MenuEntry("points.own", _("我的积分"), order=62,
                                   url=lambda user: reverse("points:mine"), visible=permissions.has_own_points))
        nav.add_menu(nav.MenuEntry("points.browse", _("亮分制积分"), order=38,
                                   url=lambda user: reverse("points:index"), visible=permissions.can_browse_points))
        nav.add_panel(nav.HOME_CARDS, nav.Card("points.own", "points/_home_own.html", order=6,
                                               context=_own_card, visible=permissions.has_own_points))
        # The ledger feeds the democratic evaluation: balances beside the roll (staff), the item
        # table under 亮标准 and the distribution — never a ranking — under 亮结果 (public).
        nav.add_panel("evaluations.detail", nav.Card("points.roll", "points/_evaluation_balances.html", order=20,
                                                     context=_roll_balances, visible=permissions.can_browse_points))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup(
            "points.year", _("亮分制积分"), (_("积分党员"), _("平均积分"), _("低于90分")),
            cells=_overview_cells, order=30, visible=permissions.can_browse_points))
        nav.add_panel("evaluations.public.standard", nav.Card("points.standard", "points/_public_standard.html",
                                                              order=10, context=_public_standard))
        nav.add_panel("evaluations.public.results", nav.Card("points.results", "points/_public_results.html",
                                                             order=10, context=_public_results))


def _own_card(request: Any, **page: Any) -> dict[str, Any]:
    """The member's balance and their deductions not yet appealed: how a deduction reaches them."""
    from django.utils import timezone

    from pingxing.points.queries import member_notice

    return member_notice(request.user.member_id, year=timezone.localdate().year)


def _roll_balances(request: Any, *, evaluation: Any, **page: Any) -> dict[str, Any] | None:
    from pingxing.points.queries import roll_balances

    member_ids = list(evaluation.roll.filter(excused=False).order_by("pk").values_list("member_id", flat=True))
    rows = roll_balances(year=evaluation.year, member_ids=member_ids)
    return {"rows": rows, "year": evaluation.year} if rows else None


def _public_standard(request: Any, **page: Any) -> dict[str, Any]:
    from pingxing.points.rules import load_table

    return {"table": load_table()}


def _public_results(request: Any, *, evaluation: Any, **page: Any) -> dict[str, Any] | None:
    from pingxing.points.queries import public_distribution

    bands = public_distribution(org_id=evaluation.organization_id, year=evaluation.year)
    return {"bands": bands} if bands else None


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[int, Any, int]]:
    from pingxing.points.queries import overview_by_org

    return {o: (r.members, r.average, r.below) for o, r in overview_by_org(org_ids=org_ids, year=year).items()}
