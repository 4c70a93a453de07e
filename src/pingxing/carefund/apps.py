from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarefundConfig(AppConfig):
    name = "pingxing.carefund"
    verbose_name = _("党内关爱基金")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.carefund import permissions
        from pingxing.core import audit, nav

        audit.register_actions({"fund_open": _("设立关爱基金"), "fund_post": _("关爱基金记账"),
                                "care_propose": _("提出关爱基金申请"), "care_review": _("初审关爱基金申请"),
                                "care_approve": _("审批关爱基金申请"), "care_reject": _("退回关爱基金申请"),
                                "care_pay": _("发放关爱基金"), "care_correct": _("冲正关爱基金发放")})
        nav.add_menu(nav.MenuEntry("carefund.home", _("党内关爱基金"), order=48,
                                   url=lambda user: reverse("carefund:home"), visible=permissions.can_browse))
