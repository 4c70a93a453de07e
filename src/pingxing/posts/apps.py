from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "pingxing.posts"
    verbose_name = _("党员先锋岗")

    def ready(self) -> None:
        from pingxing.core import audit, nav
        from pingxing.posts import permissions
        from pingxing.posts.actions import ACTION_LABELS

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("posts.browse", _("党员先锋岗"), order=39, url=_staff_url,
                                   visible=permissions.can_browse_posts))
        nav.add_menu(nav.MenuEntry("posts.mine", _("我的岗位"), order=63, url=_mine_url,
                                   visible=permissions.has_member_record))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup(
            "posts.active", _("党员先锋岗"), (_("在岗"), _("本年表彰"), _("本年撤销")),
            cells=_overview_cells, order=40, visible=permissions.can_browse_posts))


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[int, int, int]]:
    from pingxing.posts.queries import overview_by_org

    return {o: (r.active, r.commended, r.withdrawn) for o, r in overview_by_org(org_ids=org_ids, year=year).items()}


def _staff_url(user: Any) -> str:
    """The street and the county land on the overview of their subtree; an organization on its list."""
    from django.urls import reverse

    from pingxing.core.http import actor_of
    from pingxing.posts import permissions

    return reverse("posts:overview" if permissions.can_see_overview(actor_of(user)) else "posts:index")


def _mine_url(user: Any) -> str:
    from django.urls import reverse

    return reverse("posts:mine")
