from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "pingxing.orgs"
    verbose_name = _("组织")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.orgs import permissions

        audit.register_actions({"member_unit_add": _("新增成员单位"), "member_unit_end": _("成员单位退出")})

        nav.add_menu(nav.MenuEntry("orgs.tree", _("组织架构"), order=10,
                                   url=lambda user: reverse("orgs:tree"), visible=permissions.can_browse_tree))
        nav.add_menu(nav.MenuEntry("orgs.overview", _("党建工作总览"), order=45,
                                   url=lambda user: reverse("orgs:overview"), visible=permissions.can_view_overview))
        nav.add_menu(nav.MenuEntry("orgs.own", _("本组织"), order=70,
                                   url=lambda user: reverse("orgs:detail", args=[user.organization_id]),
                                   visible=permissions.has_own_org_page))
        nav.add_panel(nav.HOME_CARDS, nav.Card("orgs.counts", "orgs/_home_cards.html", order=10,
                                               context=_home_cards, visible=permissions.can_browse_tree))
        nav.add_panel(nav.HOME_CARDS, nav.Card("orgs.candidates", "orgs/_home_candidates.html", order=30,
                                               context=_home_cards, visible=permissions.can_browse_tree))
        nav.add_panel(nav.HOME_CARDS, nav.Card("orgs.own", "orgs/_home_own.html", order=90,
                                               context=_own_org,
                                               visible=lambda actor: not permissions.can_browse_tree(actor)))
        nav.add_panel(nav.HOME_TOOLS, nav.Card("orgs.tools", "orgs/_home_tools.html", order=10,
                                               context=_own_org, visible=permissions.can_browse_tree))


def _home_cards(request: Any, **page: Any) -> dict[str, Any]:
    from pingxing.orgs.access import visible_orgs
    from pingxing.orgs.queries import office_cards

    return {**office_cards(request.user, visible_orgs(request.user)), "own_org": request.user.organization}


def _own_org(request: Any, **page: Any) -> dict[str, Any] | None:
    return {"own_org": request.user.organization}
