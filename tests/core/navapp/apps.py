from __future__ import annotations

from typing import Any

from django.apps import AppConfig


def _for_the_county(actor: Any) -> bool:
    return actor.role == "county"


class NavAppConfig(AppConfig):
    name = "core.navapp"
    label = "navapp"

    def ready(self) -> None:
        from pingxing.core import nav

        nav.add_menu(nav.MenuEntry("navapp.page", "志愿服务（测试）", order=45,
                                   url=lambda user: "/navapp/", visible=_for_the_county))
        nav.add_panel(nav.HOME_CARDS, nav.Card("navapp.card", "navapp/_card.html", order=99,
                                               context=lambda request, **page: {"hours": 128},
                                               visible=_for_the_county))
