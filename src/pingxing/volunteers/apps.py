from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "pingxing.volunteers"
    verbose_name = _("党员志愿者")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.volunteers import permissions

        audit.register_actions({"vol_hours_ok": _("确认志愿服务时长"),
                                "vol_hours_fix": _("更正志愿服务时长")})
        nav.add_menu(nav.MenuEntry("volunteers.browse", _("志愿服务"), order=44,
                                   url=lambda user: reverse("volunteers:activities"),
                                   visible=permissions.can_browse))
        nav.add_menu(nav.MenuEntry("volunteers.own", _("我的志愿服务"), order=65,
                                   url=lambda user: reverse("volunteers:mine"), visible=permissions.has_own))
