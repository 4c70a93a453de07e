from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FivegoodConfig(AppConfig):
    name = "pingxing.fivegood"
    verbose_name = _("五好党组织")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import nav
        from pingxing.fivegood import permissions

        nav.add_menu(nav.MenuEntry("fivegood.index", _("五好党组织"), order=37,
                                   url=lambda user: reverse("fivegood:index"),
                                   visible=permissions.can_browse_fivegood))
        nav.add_panel("ratings.dashboard", nav.Card("fivegood.targets", "fivegood/_dashboard.html", order=55,
                                                    context=_dashboard_context,
                                                    visible=permissions.can_see_overview))


def _dashboard_context(request: Any, **page: Any) -> dict[str, Any] | None:
    """五好 shares by kind of the organizations under the street (or county) in view."""
    from django.utils import timezone

    from pingxing.core.access import parse_id
    from pingxing.core.http import actor_of
    from pingxing.core.scope import within
    from pingxing.fivegood import queries
    from pingxing.orgs.models import Organization

    year = page.get("year")
    year = year if isinstance(year, int) else timezone.localdate().year
    root = page.get("street")
    user = getattr(request, "user", None)
    if root is not None and not isinstance(root, Organization):
        root = Organization.objects.filter(pk=parse_id(root)).first()
    if root is None:
        root = getattr(user, "organization", None)
    if root is None or not within(root.path, actor_of(user).org_path):
        return None
    board = queries.dashboard(root=root, year=year)
    if board is None:
        return None
    rows, trend = board
    return {"fg_rows": rows, "fg_trend": trend, "fg_year": year, "fg_root": root}
