from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pingxing.core.scope import Actor


def _sees_cases(actor: Actor) -> bool:
    """Party staff and offices, and any user on a grid's service team (by account or member
    record, as access_cases.teams_of counts them)."""
    from pingxing.grid.models import TeamMember
    from pingxing.grid.permissions_cases import NO_TEAM, READING_ROLES, TeamFacts, can_browse_cases

    if actor.role in READING_ROLES:
        return True
    if actor.user_id is None or not actor.role:
        return False
    from django.db.models import Q

    who = Q(user_id=actor.user_id) | (Q(member_id=actor.member_id) if actor.member_id else Q(pk__in=[]))
    on_team = TeamMember.objects.filter(who, active=True).exists()
    return can_browse_cases(actor, TeamFacts(grids=frozenset({0})) if on_team else NO_TEAM)


def register() -> None:
    """Menu entries, home cards and panels of the service cases part (called from GridConfig.ready)."""
    from pingxing.core import nav
    from pingxing.core.audit import register_actions

    nav.add_menu(nav.MenuEntry("grid.cases", _("办事档案"), order=44, url=lambda user: reverse("grid:cases"),
                               visible=_sees_cases))
    register_actions({"grid_case_open": _("办事档案受理"), "grid_case_step": _("办事档案办理")})
