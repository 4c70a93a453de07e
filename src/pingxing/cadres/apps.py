from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CadresConfig(AppConfig):
    name = "pingxing.cadres"
    verbose_name = _("承诺与问责")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.cadres import permissions
        from pingxing.cadres.actions import ACTION_LABELS
        from pingxing.core import audit, nav

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("cadres.index", _("承诺与问责"), order=42,
                                   url=lambda user: reverse("cadres:index"),
                                   visible=permissions.can_browse_cadres))
        # Members reach their organization's approved cadre pledges from the home page.
        nav.add_panel(nav.HOME_TOOLS, nav.Card("cadres.member", "cadres/_home_tools.html", order=45,
                                               visible=permissions.shows_member_link))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup(
            "cadres.kept", _("干部承诺与问责"),
            (_("干部承诺"), _("到期检查点"), _("已兑现"), _("待处理问责"), _("待决定调整")),
            cells=_overview_cells, order=60, visible=permissions.can_browse_cadres))


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[int, int, int, int, int]]:
    from pingxing.cadres.queries import overview_by_org

    return {o: (r.pledges, r.checkpoints_due, r.checkpoints_kept, r.open_accountability, r.open_adjustments)
            for o, r in overview_by_org(org_ids=org_ids, year=year).items()}
