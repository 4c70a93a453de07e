"""Reads of the campaign pages: which campaigns and cases a user sees, grouped and counted.

Every function here runs a fixed number of queries whatever the number of cases, so
the street page (about 20 communities) and the county page (2,000) stay bounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import JSONField
from django.http import Http404

from pingxing import rubric
from pingxing.accounts.roles import ORG_STAFF_ROLES, Role
from pingxing.core.access import parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.orgs.models import Organization, OrgLevel
from pingxing.ratings import engine, factform, permissions, workflow
from pingxing.ratings.access import visible_cases
from pingxing.ratings.models import (
    Campaign,
    Evidence,
    FactSheet,
    Objection,
    RatingCase,
)
from pingxing.ratings.workflow import PUBLISHABLE_STATES, CaseState


def campaigns_for_user(user: Any) -> QuerySet[Campaign]:
    """The campaigns that concern the user, each with the count of its cases in the user's
    scope (`case_count`) and of those already published (`published_count`)."""
    actor = actor_of(user)
    if not permissions.can_take_part_in_campaigns(actor):
        return Campaign.objects.none()
    in_scope = reach_q(permissions.case_reach(actor), path="cases__organization__path",
                       org="cases__organization_id")
    qs = Campaign.objects.annotate(
        case_count=Count("cases", filter=in_scope),
        published_count=Count("cases", filter=in_scope & Q(cases__state=CaseState.PUBLISHED)),
    )
    if user.role not in (Role.COUNTY, Role.ADMIN):
        qs = qs.filter(case_count__gt=0)
    return qs.order_by("-year")


def streets_for_user(user: Any) -> QuerySet[Organization]:
    """The street committees the user may filter by (the county's, or the street itself)."""
    if user.role == Role.ADMIN:
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
    counts = [(state.value, workflow.STATE_LABELS[state], by_state.get(state.value, 0)) for state in CaseState]
    if state:
        cases = cases.filter(state=state)
    shown = by_state.get(state, 0) if state else sum(by_state.values())
    pages = max(1, -(-shown // ROWS_PER_PAGE))
    page_number = min(max(1, page_number), pages)
    start = (page_number - 1) * ROWS_PER_PAGE
    part = _part_for_role(user)
    groups: dict[int | None, StreetGroup] = {}
    standards: dict[str, Any] = {}
    rows = cases.defer("draft_facts").order_by("organization__path")[start:start + ROWS_PER_PAGE]
    for case in rows:
        street = case.organization.parent if case.organization.parent_id else None
        group = groups.setdefault(street.pk if street else None, StreetGroup(street))
        deadline = deadline_for(case)
        group.rows.append(CaseRow(
            case=case, state_label=workflow.STATE_LABELS[CaseState(case.state)],
            deadline=deadline, overdue=deadline is not None and today > deadline,
            actions=workflow.available_actions(state=case.state, part=part,
                                               acceptance=_acceptance(case, standards)),
        ))
    return CampaignPage(groups=list(groups.values()), counts=counts, total=sum(by_state.values()),
                        shown=shown, page_number=page_number, pages=pages)


def deadline_for(case: RatingCase) -> dt.date | None:
    """The date by which the case's next step is due (the campaign's deadline for its stage)."""
    campaign = case.campaign
    if case.state in workflow.EDITABLE_STATES:
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
        _with_latest_facts(RatingCase.objects.filter(pk=parse_id(case_id), notice_starts_on__isnull=False))
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


def county_office() -> Organization | None:
    """The county office with its issuing profile (`office_profile`, if set), in one query."""
    office: Organization | None = (
        Organization.objects.filter(level=OrgLevel.COUNTY).select_related("office_profile").order_by("path").first()
    )
    return office


def office_version(office: Organization | None) -> str:
    """Changes whenever what the notice says of its issuer would (name, address, phone)."""
    profile = getattr(office, "office_profile", None) if office is not None else None
    parts = [office.name if office else "", *(
        (profile.issuer_name, profile.objection_address, profile.objection_phone) if profile else ())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def objection_by_receipt(code: str) -> Any:
    """The objection whose receipt code this is (with its case), or None."""
    from pingxing.ratings.services import receipt_digest  # services read these queries

    return (Objection.objects.select_related("case__organization", "case__campaign")
            .filter(receipt_digest=receipt_digest(code)).exclude(receipt_digest="").first())


def public_notice_version() -> str:
    """Changes whenever anything on the public notice page would (one aggregate query):
    every case that has been on notice, and the last time any of them moved."""
    found = RatingCase.objects.filter(notice_starts_on__isnull=False).aggregate(
        n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    return f"{found['n']}-{found['top']}-{found['last'].timestamp() if found['last'] else 0}"


def _with_latest_facts(qs: QuerySet[RatingCase]) -> QuerySet[RatingCase]:
    latest = FactSheet.objects.filter(case=OuterRef("pk")).order_by("-number").values("facts")[:1]
    return qs.annotate(latest_facts=Subquery(latest, output_field=JSONField()))


def _part_for_role(user: Any) -> workflow.Part | None:
    # On the campaign page every visible case lies within the user's scope, so the role
    # alone says which part the user plays (as permissions.case_part would per case).
    return {Role.COUNTY: workflow.Part.COUNTY, Role.STREET: workflow.Part.STREET}.get(user.role)


def _acceptance(case: RatingCase, standards: dict[str, Any]) -> bool | None:
    if case.assessed_star is None:
        return None
    std = standards.setdefault(case.campaign.standard_id, engine.standard(case.campaign.standard_id))
    return bool(std.needs_acceptance(case.assessed_star))


def case_sheets(case: RatingCase) -> list[FactSheet]:
    """The case's fact versions, oldest first, each correction labelled as the forms show it
    (its fact's title, and values such as “全国”, “是” rather than codes)."""
    sheets = list(case.sheets.select_related("created_by").prefetch_related("corrections"))
    specs = {spec.name: spec for spec in rubric.contract_fields()}
    for sheet in sheets:
        for correction in sheet.corrections.all():
            spec = specs.get(correction.field)
            correction.title = spec.title if spec else correction.field
            correction.declared_label = factform.display(spec, correction.declared_value) if spec else correction.declared_value
            correction.corrected_label = factform.display(spec, correction.corrected_value) if spec else correction.corrected_value
    return sheets


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
    if user.role in ORG_STAFF_ROLES:
        return HomeSummary(campaign, [], cases.first())
    by_state = dict(cases.order_by().values_list("state").annotate(n=Count("pk")))
    counts = [(s.value, workflow.STATE_LABELS[s], by_state[s.value]) for s in CaseState if by_state.get(s.value)]
    return HomeSummary(campaign, counts, None)


def cases_to_publish(campaign: Campaign, today: dt.date) -> list[RatingCase]:
    """What a publication today lists: the publishable cases, and those on notice whose period
    is over with every objection answered (`services.campaign_publish` closes their notice first)."""
    closing = list(
        campaign.cases.filter(state=CaseState.ON_NOTICE, notice_ends_on__lt=today)
        .exclude(Exists(Objection.objects.filter(case=OuterRef("pk"), responded_at__isnull=True)))
        .select_related("organization")
    )
    return sorted(publishable_cases(campaign) + closing, key=lambda case: case.organization.path)


def publishable_cases(campaign: Any) -> list[RatingCase]:
    return list(
        campaign.cases.filter(state__in=PUBLISHABLE_STATES)
        .select_related("organization").order_by("organization__path")
    )


def evidence_by_field(case: RatingCase) -> dict[str, list[Evidence]]:
    """The case's evidence by fact, keyed by the fact's title (zh-hans) as the pages show it."""
    titles = {spec.name: spec.title for spec in rubric.contract_fields()}
    grouped: dict[str, list[Evidence]] = defaultdict(list)
    for item in case.evidence.all():
        grouped[titles.get(item.field, item.field)].append(item)
    return dict(grouped)
