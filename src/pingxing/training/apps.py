from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "pingxing.training"
    verbose_name = _("教育培训")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.training import permissions

        audit.register_actions({"training_import": _("导入参训记录")})
        nav.add_menu(nav.MenuEntry("training.browse", _("教育培训"), order=41,
                                   url=lambda user: reverse("training:courses"),
                                   visible=permissions.can_browse_training))
        nav.add_menu(nav.MenuEntry("training.own", _("我的培训"), order=64,
                                   url=lambda user: reverse("training:mine"), visible=permissions.has_own_training))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup(
            "training.hours", _("教育培训"), (_("参训人数"), _("学时合计"), _("未达目标")),
            cells=_overview_cells, order=50, visible=permissions.can_browse_training))


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[int, Any, int]]:
    from pingxing.training.queries import overview_by_org

    return {o: (r.people, r.hours, r.below_target) for o, r in overview_by_org(org_ids=org_ids, year=year).items()}
