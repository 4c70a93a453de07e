from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "pingxing.grid"
    verbose_name = _("网格化管理")

    def ready(self) -> None:
        from pingxing.grid import nav_cases, nav_meetings, nav_network

        nav_network.register()
        nav_cases.register()
        nav_meetings.register()
