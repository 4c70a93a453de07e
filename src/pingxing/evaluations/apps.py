from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "pingxing.evaluations"
    verbose_name = _("民主评议党员")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.evaluations import permissions
        from pingxing.evaluations.actions import ACTION_LABELS

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("evaluations.list", _("民主评议"), order=35,
                                   url=lambda user: reverse("evaluations:list"),
                                   visible=lambda actor: permissions.can_browse_evaluations(actor)
                                   or actor.member_id is not None))
        nav.add_menu(nav.MenuEntry("evaluations.overview", _("民主评议总览"), order=36,
                                   url=lambda user: reverse("evaluations:overview"),
                                   visible=lambda actor: actor.role in permissions.OVERSEEING_ROLES))
        # 组织处置: the street sees the overdue steps of its subtree on its home page.
        nav.add_panel(nav.HOME_CARDS, nav.Card("evaluations.handling_overdue", "evaluations/_home_overdue.html",
                                               order=40, context=_overdue_card,
                                               visible=lambda actor: actor.role in permissions.OVERSEEING_ROLES))


def _overdue_card(request: Any, **page: Any) -> dict[str, Any]:
    from django.utils import timezone

    from pingxing.evaluations.handling_access import overdue_steps

    count, overdue = overdue_steps(request.user, today=timezone.localdate())
    return {"overdue_count": count, "overdue": overdue}
