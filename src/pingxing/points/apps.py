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


def _own_card(request: Any, **page: Any) -> dict[str, Any]:
    """The member's balance and their deductions not yet appealed: how a deduction reaches them."""
    from django.utils import timezone

    from pingxing.points.queries import member_notice

    return member_notice(request.user.member_id, year=timezone.localdate().year)
