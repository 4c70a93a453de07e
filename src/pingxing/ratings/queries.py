"""Reads of the campaign pages: which campaigns and cases a user sees, grouped and counted.

Every function here runs a fixed number of queries whatever the number of cases, so
the street page (about 20 communities) and the county page (2,000) stay bounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import JSONField
from django.http import Http404

from pingxing.core import scope
from pingxing.core.access import deny
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.ratings import workflow
from pingxing.ratings.access import visible_cases
from pingxing.ratings.models import Campaign, CaseState, FactSheet, RatingCase

# Roles that take part in a campaign; members have nothing to do with it.
CAMPAIGN_ROLES = frozenset({scope.COUNTY, scope.STREET, scope.SECRETARY, scope.CLERK, scope.ADMIN})
# States in which facts may still be replaced by a draft (declaration form or import).
DRAFT_STATES = (CaseState.DRAFT, CaseState.RETURNED_TO_COMMUNITY)


def can_open_campaign(user: Any) -> bool:
    return user.role == scope.COUNTY and user.organization_id is not None


def can_import_facts(user: Any) -> bool:
    """County office and street committees import facts for the communities below them."""
    return user.role in scope.ORG_EDITOR_ROLES and user.organization_id is not None


def campaigns_for_user(user: Any) -> QuerySet[Campaign]:
    """The campaigns that concern the user, each with the count of its cases in the user's
    scope (`case_count`) and of those already published (`published_count`)."""
    if user.role not in CAMPAIGN_ROLES:
        return Campaign.objects.none()
    in_scope = _case_scope_q(user, prefix="cases__")
    qs = Campaign.objects.annotate(
        case_count=Count("cases", filter=in_scope),
        published_count=Count("cases", filter=in_scope & Q(cases__state=CaseState.PUBLISHED)),
    )
    if user.role not in (scope.COUNTY, scope.ADMIN):
        qs = qs.filter(case_count__gt=0)
    return qs.order_by("-year")


def get_campaign_for_user(user: Any, year: Any, *, request: Any = None) -> Campaign:
    """The campaign of `year` if the user takes part in campaigns at all; else 404
    (recorded as a denial). What the user sees of it is scoped by `visible_cases`."""
    campaign = Campaign.objects.filter(year=_int(year)).first() if user.role in CAMPAIGN_ROLES else None
    if campaign is None:
        deny(user, "ratings.campaign", year, request)
    assert campaign is not None
    return campaign


def streets_for_user(user: Any) -> QuerySet[Organization]:
    """The street committees the user may filter by (the county's, or the street itself)."""
    if user.role == scope.ADMIN:
        return Organization.objects.filter(level=OrgLevel.STREET)
    if user.organization is None:
        return Organization.objects.none()
    return Organization.objects.filter(level=OrgLevel.STREET).within(user.organization)


@dataclass
class CaseRow:
    case: RatingCase
    state_label: str
    deadline: dt.date | None
    overdue: bool
    actions: list[str]


@dataclass
class StreetGroup:
    street: Organization | None
    rows: list[CaseRow] = field(default_factory=list)


@dataclass
class CampaignPage:
    groups: list[StreetGroup]
    counts: list[tuple[str, str, int]]  # (state, label, count), every state, table order
    total: int
    shown: int = 0  # rows matching the filters (all pages)
    page_number: int = 1
    pages: int = 1


# A county of 2,000 communities is read street by street, a page at a time.
ROWS_PER_PAGE = 200


def campaign_page(
    user: Any, campaign: Campaign, *, street_id: int | None = None, state: str = "",
    today: dt.date | None = None, page_number: int = 1,
) -> CampaignPage:
    """The cases of a campaign the user sees, by street, with counts by state.

    Counts cover the street filter but not the state filter, so they double as the
    state filter's choices. Two queries."""
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, as deadlines are
    cases = visible_cases(user, campaign)
    if street_id:
        cases = cases.filter(organization__parent_id=street_id)
    by_state = dict(cases.order_by().values_list("state").annotate(n=Count("pk")))
    counts = [(value, workflow.STATE_LABELS[value], by_state.get(value, 0)) for value in CaseState.values]
    if state:
        cases = cases.filter(state=state)
    shown = by_state.get(state, 0) if state else sum(by_state.values())
    pages = max(1, -(-shown // ROWS_PER_PAGE))
    page_number = min(max(1, page_number), pages)
    start = (page_number - 1) * ROWS_PER_PAGE
    actor = _actor_for_role(user)
    groups: dict[int | None, StreetGroup] = {}
    rows = cases.defer("draft_facts").order_by("organization__path")[start:start + ROWS_PER_PAGE]
    for case in rows:
        street = case.organization.parent if case.organization.parent_id else None
        group = groups.setdefault(street.pk if street else None, StreetGroup(street))
        deadline = deadline_for(case)
        group.rows.append(CaseRow(
            case=case, state_label=workflow.STATE_LABELS.get(case.state, case.state),
            deadline=deadline, overdue=deadline is not None and today > deadline,
            actions=workflow.available_actions(state=case.state, actor=actor, star=case.assessed_star)
            if actor else [],
        ))
    return CampaignPage(groups=list(groups.values()), counts=counts, total=sum(by_state.values()),
                        shown=shown, page_number=page_number, pages=pages)


def deadline_for(case: RatingCase) -> dt.date | None:
    """The date by which the case's next step is due (the campaign's deadline for its stage)."""
    campaign = case.campaign
    if case.state in (CaseState.DRAFT, CaseState.RETURNED_TO_COMMUNITY):
        return campaign.declaration_deadline
    if case.state in (CaseState.DECLARED, CaseState.RETURNED_TO_STREET):
        return campaign.assessment_deadline
    if case.state in (CaseState.ASSESSED, CaseState.ACCEPTED):
        return campaign.county_deadline
    if case.state == CaseState.ON_NOTICE:
        return case.notice_ends_on
    return None


def importable_cases(user: Any, campaign: Campaign, codes: set[str]) -> dict[str, RatingCase]:
    """The user's cases of this campaign for the given community codes, by code (one query)."""
    return {
        case.organization.code: case
        for case in visible_cases(user, campaign).filter(organization__code__in=codes)
    }


def public_notice_cases() -> list[RatingCase]:
    """Cases on public notice across the county, each with `latest_facts` (one query)."""
    return list(
        _with_latest_facts(RatingCase.objects.filter(state=CaseState.ON_NOTICE))
        .select_related("organization", "organization__parent", "campaign")
        .order_by("notice_ends_on", "organization__path")
    )


def public_notice_case(case_id: Any) -> RatingCase:
    """A case that is or was on public notice, with `latest_facts`; else 404."""
    case = (
        _with_latest_facts(RatingCase.objects.filter(pk=_int(case_id), notice_starts_on__isnull=False))
        .select_related("organization", "organization__parent", "campaign").first()
    )
    if case is None:
        raise Http404
    return case


def public_notice_ended() -> list[RatingCase]:
    """Cases whose notice has ended, of the newest campaign that had a notice (one query)."""
    newest = (RatingCase.objects.filter(notice_starts_on__isnull=False)
              .order_by("-campaign__year").values("campaign_id")[:1])
    return list(
        RatingCase.objects.filter(
            campaign_id=Subquery(newest), notice_ends_on__isnull=False,
            state__in=[CaseState.NOTICE_DONE, CaseState.PUBLISHED],
        )
        .select_related("organization", "organization__parent")
        .order_by("organization__path")
    )


def public_notice_version() -> str:
    """Changes whenever anything on the public notice page would (one aggregate query):
    every case that has been on notice, and the last time any of them moved."""
    found = RatingCase.objects.filter(notice_starts_on__isnull=False).aggregate(
        n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    return f"{found['n']}-{found['top']}-{found['last'].timestamp() if found['last'] else 0}"


def _with_latest_facts(qs: QuerySet[RatingCase]) -> QuerySet[RatingCase]:
    latest = FactSheet.objects.filter(case=OuterRef("pk")).order_by("-number").values("facts")[:1]
    return qs.annotate(latest_facts=Subquery(latest, output_field=JSONField()))


def _case_scope_q(user: Any, *, prefix: str) -> Q:
    if user.role == scope.ADMIN:
        return Q()
    org = user.organization
    if org is None:
        return Q(pk__in=[])
    if user.role in (scope.COUNTY, scope.STREET):
        return Q(**{f"{prefix}organization__path__startswith": org.path})
    return Q(**{f"{prefix}organization": org})


def _actor_for_role(user: Any) -> str | None:
    # On the campaign page every visible case lies within the user's scope, so the role
    # alone says which part the user plays (as ratings.access.actor_for would per case).
    return {scope.COUNTY: workflow.COUNTY, scope.STREET: workflow.STREET}.get(user.role)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@dataclass
class HomeSummary:
    """The newest campaign as the home page shows it: counts in scope, or the user's own case."""

    campaign: Campaign
    counts: list[tuple[str, str, int]]
    own_case: RatingCase | None


def home_summary(user: Any) -> HomeSummary | None:
    campaign = Campaign.objects.order_by("-year").first()
    if campaign is None:
        return None
    cases = visible_cases(user, campaign)
    if user.role in (scope.SECRETARY, scope.CLERK):
        return HomeSummary(campaign, [], cases.first())
    by_state = dict(cases.order_by().values_list("state").annotate(n=Count("pk")))
    counts = [(v, workflow.STATE_LABELS[v], by_state[v]) for v in CaseState.values if by_state.get(v)]
    return HomeSummary(campaign, counts, None)
