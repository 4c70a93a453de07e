from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "pingxing.pledges"
    verbose_name = _("党员先锋承诺")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import audit, nav
        from pingxing.pledges import permissions
        from pingxing.pledges.actions import ACTION_LABELS

        audit.register_actions(ACTION_LABELS)
        nav.add_menu(nav.MenuEntry("pledges.mine", _("党员先锋承诺"), order=37,
                                   url=lambda user: reverse("pledges:mine"),
                                   visible=permissions.can_browse_pledges))
        nav.add_panel("evaluations.detail", nav.Card("pledges.roll_scores", "pledges/_evaluation_scores.html",
                                                     order=10, context=_roll_scores,
                                                     visible=permissions.can_review_any))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup(
            "pledges.kept", _("党员先锋承诺"), (_("公开承诺人数"), _("已认定践诺"), _("待审践诺")),
            cells=_overview_cells, order=20, visible=permissions.can_review_any))


def _roll_scores(request: Any, *, evaluation: Any, **page: Any) -> dict[str, Any] | None:
    """Each roll member's pledge score beside the democratic evaluation of the same year."""
    from pingxing.pledges.queries import roll_scores

    member_ids = list(evaluation.roll.filter(excused=False).order_by("pk").values_list("member_id", flat=True))
    if not member_ids:
        return None
    return {"rows": roll_scores(organization_id=evaluation.organization_id, year=evaluation.year,
                                member_ids=member_ids)}


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[int, int, int]]:
    from pingxing.pledges.queries import overview_by_org

    return {o: (r.published, r.kept, r.pending) for o, r in overview_by_org(org_ids=org_ids, year=year).items()}
