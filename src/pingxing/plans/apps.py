from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "pingxing.plans"
    verbose_name = _("领导小组与工作计划")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.plans import permissions

        audit.register_actions({"plan_target_set": _("申报评星目标"), "plan_target_ok": _("确认评星目标")})
        nav.add_menu(nav.MenuEntry("plans.index", _("目标与计划"), order=38,
                                   url=lambda user: reverse("plans:index"), visible=permissions.can_browse_plans))
        nav.add_panel("ratings.dashboard", nav.Card("plans.targets", "plans/_dashboard_targets.html", order=50,
                                                    context=_dashboard_context,
                                                    visible=permissions.can_see_overview))


def _dashboard_context(request: Any, **page: Any) -> dict[str, Any] | None:
    """Target vs achieved of the street's organizations; None when none declared a target."""
    from django.utils import timezone

    from pingxing.core.access import parse_id
    from pingxing.core.http import actor_of
    from pingxing.core.scope import within
    from pingxing.orgs.models import Organization
    from pingxing.plans import queries

    today = timezone.localdate()
    year = page.get("year")
    year = year if isinstance(year, int) else today.year
    street = page.get("street")
    user = getattr(request, "user", None)
    if street is not None and not isinstance(street, Organization):
        street = Organization.objects.filter(pk=parse_id(street)).first()
    if street is None:
        street = getattr(user, "organization", None)
    actor = actor_of(user)
    if street is None or not within(street.path, actor.org_path):
        return None
    rows = queries.dashboard_rows(street=street, year=year, today=today)
    return {"plan_rows": rows, "plan_year": year} if rows else None
