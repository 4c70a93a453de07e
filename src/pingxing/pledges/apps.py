from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pingxing.pledges"
    verbose_name = _("党员先锋承诺")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.pledges import permissions
        from pingxing.pledges.actions import ACTION_LABELS

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("pledges.mine", _("党员先锋承诺"), order=37,
                                   url=lambda user: reverse("pledges:mine"),
                                   visible=permissions.can_browse_pledges))
