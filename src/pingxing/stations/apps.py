from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "pingxing.stations"
    verbose_name = _("党员服务中心(站)")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import nav
        from pingxing.stations import permissions

        nav.add_menu(nav.MenuEntry("stations.browse", _("服务阵地"), order=47,
                                   url=lambda user: reverse("stations:list"),
                                   visible=permissions.can_browse_stations))
