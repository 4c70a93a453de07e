from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "pingxing.ratings"
    verbose_name = _("评星晋级")

    def ready(self) -> None:
        from django.urls import reverse

        from pingxing.core import nav
        from pingxing.ratings import permissions

        nav.add_menu(nav.MenuEntry("ratings.campaigns", _("评星晋级"), order=30,
                                   url=lambda user: reverse("ratings:campaigns"),
                                   visible=permissions.can_take_part_in_campaigns))
        nav.add_menu(nav.MenuEntry("ratings.dashboard", _("目标看板"), order=40,
                                   url=lambda user: reverse("ratings:dashboard"),
                                   visible=permissions.can_view_results))
        nav.add_menu(nav.MenuEntry("ratings.policy", _("结果运用"), order=50,
                                   url=lambda user: reverse("ratings:policy"),
                                   visible=permissions.can_view_results))
        nav.add_menu(nav.MenuEntry("ratings.office_profile", _("发文与公示设置"), order=55,
                                   url=lambda user: reverse("ratings:office_profile"),
                                   visible=permissions.can_manage_results))
        nav.add_menu(nav.MenuEntry("ratings.notice", _("公示"), order=80,
                                   url=lambda user: reverse("public:notice"),
                                   visible=permissions.can_view_public_notice))
        nav.add_panel(nav.HOME_SECTIONS, nav.Card("ratings.summary", "ratings/_home_campaign.html", order=10,
                                                  context=_home_summary,
                                                  visible=permissions.can_take_part_in_campaigns))
        nav.add_panel("orgs.detail", nav.Card("ratings.timeline", "ratings/_org_timeline.html", order=10,
                                              context=_org_timeline,
                                              visible=permissions.can_take_part_in_campaigns))
        from pingxing.core import overview

        overview.add_group(overview.OverviewGroup("ratings.stars", _("评星晋级"), (_("申报星级"), _("评定星级")),
                                                  cells=_overview_cells, order=10,
                                                  visible=permissions.can_view_results))
        _describe_for_the_audit_log()


def _describe_for_the_audit_log() -> None:
    """The audit log shows a case's facts by their titles and labels, its steps by their names."""
    from pingxing import rubric
    from pingxing.audit.queries import facts_describer, labels_describer, register_value_describer
    from pingxing.ratings import factform, workflow

    specs = {s.name: s for s in rubric.contract_fields()}
    describe_fact = facts_describer(specs, factform.display)
    register_value_describer("ratings.ratingcase", None, describe_fact)
    register_value_describer("ratings.ratingcase", "draft_facts", describe_fact)
    register_value_describer("ratings.ratingcase", "step", labels_describer(workflow.ACTION_LABELS))
    register_value_describer("ratings.evidence", "field", labels_describer({s.name: s.title for s in specs.values()}))


def _home_summary(request: Any, **page: Any) -> dict[str, Any] | None:
    from pingxing.core.http import actor_of
    from pingxing.ratings import permissions
    from pingxing.ratings.queries import home_summary

    summary = home_summary(request.user)
    if summary is None:
        return None
    return {"summary": summary, "can_view_results": permissions.can_view_results(actor_of(request.user))}


def _org_timeline(request: Any, *, org: Any, **page: Any) -> dict[str, Any] | None:
    """评星晋级 of a community, newest year first, each with its steps (the timeline)."""
    from pingxing.orgs.models import OrgKind
    from pingxing.ratings.access import visible_cases

    if org.kind != OrgKind.COMMUNITY:
        return None

    cases = (visible_cases(request.user).filter(organization=org).order_by("-campaign__year")
             .prefetch_related("transitions__by"))
    return {"org": org, "rating_cases": list(cases)}


def _overview_cells(org_ids: Any, year: int) -> dict[int, tuple[Any, Any]]:
    """The star declared in the year's campaign and the published star, in two queries."""
    from pingxing.ratings.models import RatingCase, StarResult

    declared = dict(RatingCase.objects.filter(organization_id__in=org_ids, campaign__year=year)
                    .values_list("organization_id", "declared_star"))
    published = dict(StarResult.objects.filter(organization_id__in=org_ids, year=year)
                     .values_list("organization_id", "star"))
    return {o: (f"{declared[o]}★" if declared.get(o) else "", f"{published[o]}★" if o in published else "")
            for o in set(declared) | set(published)}
