"""Menu entries and the home-page flag of the analysis meetings and dashboards part."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from pingxing.core.scope import Actor
from pingxing.grid import cadence

MEETING_ROLES = frozenset({"secretary", "clerk", "street", "county"})
DASHBOARD_ROLES = frozenset({"secretary", "clerk", "street", "county"})


def leads_a_team(actor: Actor) -> bool:
    """Whether the actor leads a grid's team (one query; only asked for other roles)."""
    if actor.user_id is None:
        return False
    from pingxing.grid.models import TeamMember

    return TeamMember.objects.filter(user_id=actor.user_id, role__leads=True, active=True).exists()


def may_open_meetings(actor: Actor) -> bool:
    if actor.role in MEETING_ROLES and actor.org_id is not None:
        return True
    return leads_a_team(actor)


def may_open_dashboard(actor: Actor) -> bool:
    return actor.role in DASHBOARD_ROLES and actor.org_id is not None


def may_be_flagged(actor: Actor) -> bool:
    return actor.user_id is not None and (actor.role in cadence.ORG_STAFF | {"street"} or leads_a_team(actor))


def _missed_flags(request: Any, **page: Any) -> dict[str, Any] | None:
    from django.utils import timezone

    from pingxing.grid.queries_meetings import home_flags

    flags = home_flags(request.user, today=timezone.localdate())
    return {"flags": flags} if flags else None


def register() -> None:
    """Menu entries, home cards and panels of the analysis meetings and dashboards part (called from GridConfig.ready)."""
    from django.urls import reverse

    from pingxing.core import audit, nav
    from pingxing.grid.services_meetings import ACTION_LABELS

    audit.register_actions(ACTION_LABELS)
    nav.add_menu(nav.MenuEntry("grid.meetings", _("网格研判"), order=46, url=lambda user: reverse("grid:meetings"),
                               visible=may_open_meetings))
    nav.add_menu(nav.MenuEntry("grid.dashboard", _("网格看板"), order=47, url=lambda user: reverse("grid:dashboard"),
                               visible=may_open_dashboard))
    nav.add_panel(nav.HOME_SECTIONS, nav.Card("grid.missed_meetings", "grid/meetings/_home_missed.html", order=30,
                                              context=_missed_flags, visible=may_be_flagged))
