"""Menu entries of the grid network (called from GridConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from pingxing.core.scope import Actor

# The two entries ask the same question (is the user on a grid team?) for one menu: asked once
# per actor object (nav.menu_for builds one Actor per menu; holding it keeps its id unique).
_last: tuple[Any, bool] = (None, False)


def _on_a_team(actor: Actor) -> bool:
    global _last
    cached = _last
    if cached[0] is actor:
        return cached[1]
    answer = False
    if actor.user_id is not None and (actor.role != "admin"):
        from pingxing.grid.access import team_q
        from pingxing.grid.models import TeamMember

        answer = TeamMember.objects.filter(team_q(actor)).exists()
    _last = (actor, answer)
    return answer


def _grid_menu(actor: Actor) -> bool:
    from pingxing.grid import permissions

    if actor.role in permissions.KEEPING_ROLES | permissions.OVERSEEING_ROLES:
        return True
    return permissions.can_see_grid_menu(actor, on_a_team=_on_a_team(actor))


def _diary_menu(actor: Actor) -> bool:
    from pingxing.grid import permissions

    if actor.role in permissions.OVERSEEING_ROLES or actor.role == "admin":
        return False  # the offices reach visits from 网格化管理; no query on each of their pages
    return permissions.can_see_diary_menu(actor, on_a_team=_on_a_team(actor))


def register() -> None:
    from django.urls import reverse

    from pingxing.core import nav

    nav.add_menu(nav.MenuEntry("grid.home", _("网格化管理"), order=43, url=lambda user: reverse("grid:home"),
                               visible=_grid_menu))
    nav.add_menu(nav.MenuEntry("grid.visits", _("民情日记"), order=65, url=lambda user: reverse("grid:visit_new"),
                               visible=_diary_menu))
