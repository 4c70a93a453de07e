from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "pingxing.publicity"
    verbose_name = _("宣传与先进典型")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import nav
        from pingxing.publicity import permissions

        nav.add_menu(nav.MenuEntry("publicity.articles", _("宣传报道"), order=49,
                                   url=lambda user: reverse("publicity:list"), visible=permissions.can_browse))
