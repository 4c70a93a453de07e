from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "pingxing.members"
    verbose_name = _("党员")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav

        audit.register_actions({"drawn_member_add": _("吸收区域化党组织成员"),
                                "drawn_member_end": _("移出区域化党组织成员")})
        from pingxing.members import permissions

        nav.add_menu(nav.MenuEntry("members.list", _("党员管理"), order=20,
                                   url=lambda user: reverse("members:list"), visible=permissions.can_browse_members))
        nav.add_menu(nav.MenuEntry("members.own", _("我的档案"), order=60,
                                   url=lambda user: reverse("members:detail", args=[user.member_id]),
                                   visible=permissions.has_own_record))
        nav.add_panel(nav.HOME_CARDS, nav.Card("members.count", "members/_home_count.html", order=20,
                                               context=_member_count, visible=permissions.can_browse_members))
        nav.add_panel(nav.HOME_CARDS, nav.Card("members.own", "members/_home_own.html", order=5,
                                               visible=permissions.has_own_record))
        nav.add_panel(nav.HOME_TOOLS, nav.Card("members.tools", "members/_home_tools.html", order=20,
                                               context=_tools, visible=permissions.can_browse_members))
        nav.add_panel("orgs.detail.top", nav.Card("members.counts", "members/_org_counts.html", order=10,
                                                  context=_org_counts))
        nav.add_panel("orgs.detail.tools", nav.Card("members.org_tools", "members/_org_tools.html", order=10,
                                                    context=_org_tools, visible=permissions.can_browse_members))


def _member_count(request: Any, **page: Any) -> dict[str, Any]:
    from pingxing.members.access import visible_members

    return {"member_count": visible_members(request.user).count()}


def _tools(request: Any, **page: Any) -> dict[str, Any]:
    from pingxing.core.http import actor_of
    from pingxing.members import permissions
    from pingxing.orgs.models import OrgLevel

    own = request.user.organization
    return {"own_org": own, "can_import": permissions.can_import_members(actor_of(request.user)),
            "can_group": own is not None and own.level == OrgLevel.ORGANIZATION}


def _org_counts(request: Any, *, org: Any, **page: Any) -> dict[str, Any]:
    from pingxing.members.queries import member_counts_by_status

    return {"counts": member_counts_by_status(org)}


def _org_tools(request: Any, *, org: Any, **page: Any) -> dict[str, Any]:
    from pingxing.core.http import actor_of
    from pingxing.orgs.models import OrgLevel
    from pingxing.orgs.permissions import can_manage_groups

    return {"org": org, "can_group": org.level == OrgLevel.ORGANIZATION
            and can_manage_groups(actor_of(request.user), org.path)}
