"""Access to the campaign: the one place a predicate of `permissions` becomes an object or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, permissions
from pingxing.ratings.models import Campaign, Evidence, Objection, Publication, RatingCase
from pingxing.ratings.permissions import CaseFacts
from pingxing.ratings.workflow import Part


def case_facts(case: RatingCase, *, today: Any = None) -> CaseFacts:
    """The plain facts of a case for the predicates (its star's path from its standard)."""
    star = case.assessed_star
    acceptance = None if star is None else engine.standard(case.campaign.standard_id).needs_acceptance(star)
    today = today or timezone.localdate()
    return CaseFacts(
        org_id=case.organization_id, org_path=case.organization.path, state=case.state,
        acceptance=acceptance, notice_over=case.notice_ends_on is not None and today > case.notice_ends_on,
    )


def visible_cases(user: Any, campaign: Campaign | None = None) -> QuerySet[RatingCase]:
    """The cases the user sees (of one campaign, or of all)."""
    reach = permissions.case_reach(actor_of(user))
    qs = RatingCase.objects.select_related("organization", "organization__parent", "campaign").filter(
        reach_q(reach, path="organization__path", org="organization_id")
    )
    return qs.filter(campaign=campaign) if campaign is not None else qs


def get_case_for_user(
    user: Any, case_id: Any, *, may: Callable[[Actor, CaseFacts], bool] = permissions.can_read_case,
    request: Any = None,
) -> RatingCase:
    """The case if `may(actor, case)` holds (reading, by default); else 404, recorded as a denial.

    `may` is one of the predicates of `ratings.permissions` (can_declare, can_assess, …)."""
    case: RatingCase | None = (
        RatingCase.objects.select_related("organization", "organization__parent", "campaign")
        .filter(pk=parse_id(case_id)).first()
    )
    if case is None or not permissions.can_read_case(actor_of(user), case_facts(case)) \
            or not may(actor_of(user), case_facts(case)):
        deny(user, "ratings.ratingcase", case_id, request)
    return case


def case_part_for(user: Any, case: RatingCase) -> Part | None:
    """The part the user plays on this case (for the buttons of its page)."""
    return permissions.case_part(actor_of(user), case_facts(case))


def get_campaign_for_user(user: Any, year: Any, *, request: Any = None) -> Campaign:
    """The campaign of `year` if the user takes part in campaigns at all; else 404 (recorded as
    a denial). What the user sees of it is scoped by `visible_cases`."""
    campaign: Campaign | None = None
    if permissions.can_take_part_in_campaigns(actor_of(user)):
        campaign = Campaign.objects.filter(year=parse_id(year)).first()
    if campaign is None:
        deny(user, "ratings.campaign", year, request)
    return campaign


def get_campaign_for_importer(user: Any, year: Any, *, request: Any = None) -> Campaign:
    campaign = get_campaign_for_user(user, year, request=request)
    if not permissions.can_import_facts(actor_of(user)):
        deny(user, "ratings.campaign", year, request)
    return campaign


def get_evidence_for_user(user: Any, evidence_id: Any, *, request: Any = None) -> Evidence:
    """A file of evidence, for whoever may read its case."""
    item: Evidence | None = Evidence.objects.filter(pk=parse_id(evidence_id)).first()
    if item is None:
        deny(user, "ratings.evidence", evidence_id, request)
    get_case_for_user(user, item.case_id, request=request)
    return item


def get_objection_for_user(user: Any, objection_id: Any, *, request: Any = None) -> Objection:
    """An objection the user may answer (the county office, while its case is on notice)."""
    objection: Objection | None = Objection.objects.filter(pk=parse_id(objection_id)).first()
    if objection is None:
        deny(user, "ratings.objection", objection_id, request)
    objection.case = get_case_for_user(user, objection.case_id, may=permissions.can_respond_to_objection,
                                       request=request)
    return objection


def known_year(year: int) -> None:
    """Year pages exist for the years a campaign may have (the campaign form's range); any
    other year is answered like an unknown id (and would not fit the year column on a write)."""
    from pingxing.ratings.forms import CampaignOpenForm

    bounds = CampaignOpenForm.base_fields["year"]
    if not bounds.min_value <= year <= bounds.max_value:
        raise Http404


def office_for_user(user: Any, *, request: Any = None, manage: bool = False) -> Organization:
    """The county office or street committee a results page covers for this user; else 404.

    With `manage`, the page is the county office's alone (publishing, report, policy)."""
    actor = actor_of(user)
    allowed = permissions.can_manage_results(actor) if manage else permissions.can_view_results(actor)
    org: Organization | None = user.organization if allowed else None
    if org is None:
        deny(user, "ratings.results", request.path if request is not None else "", request)
    return org


def get_campaign_for_office(user: Any, year: Any, *, request: Any = None) -> tuple[Organization, Campaign]:
    """The county office and the campaign it publishes."""
    office = office_for_user(user, request=request, manage=True)
    campaign = Campaign.objects.filter(year=parse_id(year)).first()
    if campaign is None:
        deny(user, "ratings.campaign", year, request)
    return office, campaign


def get_publication_for_user(user: Any, publication_id: Any, *, request: Any = None) -> Publication:
    """A publication: a public document of the county, open to every Party staff user in it."""
    publication: Publication | None = None
    if permissions.can_read_publications(actor_of(user)):
        publication = (
            Publication.objects.select_related("campaign", "published_by__organization")
            .filter(pk=parse_id(publication_id)).first()
        )
    if publication is None:
        deny(user, "ratings.publication", publication_id, request)
    return publication
