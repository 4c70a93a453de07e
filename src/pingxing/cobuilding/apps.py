from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CobuildingConfig(AppConfig):
    name = "pingxing.cobuilding"
    verbose_name = _("结对共建")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.cobuilding import permissions
        from pingxing.core import nav

        nav.add_menu(nav.MenuEntry("cobuilding.browse", _("结对共建"), order=43,
                                   url=lambda user: reverse("cobuilding:contracts"),
                                   visible=permissions.can_browse_cobuilding))
