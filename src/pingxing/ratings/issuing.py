"""What the county office issues: the results document of each publication (第N批) and the
year-end report (年底通报), with their issuer, number and default title. Reads only; the
documents themselves are built by the pure `documents` package.

Every sentence about how a listed case was decided comes from its recorded facts: its
`Transition` rows (审定, 验收后按实际星级审定, 公示) and its `Objection` rows (how many,
how many upheld), read in two bounded queries for the whole list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Q

from pingxing.documents import builders
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, history, queries, stats, stats_queries
from pingxing.ratings.models import (
    Campaign,
    Objection,
    OfficeProfile,
    Publication,
    RatingCase,
    StarResult,
    Transition,
)
from pingxing.rubric import Standard

# The 发文字号 shape GB/T 9704 asks for (the documents package checks it again).
DOC_NUMBER_RE = r"^\S+〔\d{4}〕[1-9]\d*号$"
_DOC_NUMBER_PARTS = re.compile(r"^(\S+)〔(\d{4})〕(\d+)号$")
DEFAULT_PREFIX = "评星办"

# The step that decided a case's path, the last one recorded winning (an upheld objection
# sends a case back, and it is decided again).
_DECISIONS = {
    "approve": builders.APPROVED,
    "accept_lower": builders.APPROVED_AFTER_ACCEPTANCE,
    "start_notice": builders.NOTICED,
    "close_notice": builders.NOTICED,
}


def levels_of(std: Standard) -> builders.Levels:
    """The standard's levels as the documents speak of them."""
    start = std.procedure.acceptance_from
    goals = std.procedure.targets
    return builders.Levels(
        titles=tuple(std.star_title(star) for star in range(std.max_star + 1)),
        approved_to=(start - 1) if start is not None else std.max_star,
        pay_base=std.procedure.pay_base,
        goal_stars=tuple(goal.at_least for goal in goals),
        goals="，其中".join(
            f"{_whole_percent(goal.percent)}以上{'的社区(居)党组织' if index == 0 else ''}达到"
            f"{stats.at_least_label(std, goal.at_least)}标准"
            for index, goal in enumerate(goals)
        ) or "更多的社区(居)党组织晋升星级",
    )


def _whole_percent(value: Any) -> str:
    """80 → "80%", 12.5 → "12.5%"."""
    text = stats.percent(value / 100)
    return text.replace(".0%", "%")


# --- the issuer: 发文机关标志, 署名 and 发文字号 of one office -------------------------------

def profile_of(office: Organization) -> OfficeProfile | None:
    """The office's 发文与公示设置, if the county has saved one."""
    return OfficeProfile.objects.filter(office=office).first()


def derived_name(office: Organization) -> str:
    """"中共绍兴县委组织部" from the office record's name (used until the county configures it)."""
    name = re.split(r"[（(]", office.name, maxsplit=1)[0].strip()
    return name if name.startswith("中共") else "中共" + name


def issuer_for(office: Organization, doc_number: str, issued_on: dt.date) -> builders.Issuer:
    """The county office as the issuing organ, as configured in its `OfficeProfile`
    (发文机关标志, 署名, 印发机关), else derived from its record's name."""
    profile = profile_of(office)
    name = (profile.issuer_name if profile else "") or derived_name(office)
    mark = (profile.issuer_mark if profile else "") or f"{name}文件"
    printer = (profile.printer if profile else "") or f"{name}办公室"
    return builders.Issuer(mark=mark, name=name, doc_number=doc_number, date=issued_on,
                           printer=printer, print_date=issued_on)


def doc_prefix(office: Organization | None) -> str:
    """The 机关代字 the office numbers with ("绍县组"); "" when it has not configured one."""
    profile = profile_of(office) if office is not None else None
    return profile.doc_prefix if profile else ""


def next_doc_number(year: int, office: Organization | None = None) -> str:
    """The next free number: with a configured 机关代字 "绍县组〔2010〕N号" after the highest N
    used; otherwise after the year's last publication ("评星办〔2010〕3号" → "…4号")."""
    prefix = doc_prefix(office)
    if prefix:
        used = Publication.objects.filter(doc_number__startswith=f"{prefix}〔{year}〕").values_list(
            "doc_number", flat=True)
        numbers = [int(m[3]) for m in map(_DOC_NUMBER_PARTS.match, used) if m and m[1] == prefix]
        return f"{prefix}〔{year}〕{max(numbers, default=0) + 1}号"
    last = Publication.objects.filter(campaign__year=year).order_by("-published_at", "-pk").first()
    match = _DOC_NUMBER_PARTS.match(last.doc_number) if last else None
    if match is None:
        return f"{DEFAULT_PREFIX}〔{year}〕1号"
    return f"{match[1]}〔{match[2]}〕{int(match[3]) + 1}号"


def default_title(year: int, batch: int | None = None) -> str:
    """The builder's title on one line ("…评定结果（第二批）的通知" for a batch)."""
    return builders.results_title(year, batch=batch).replace("\n", "")


# --- the facts of the listed cases ---------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class CaseRecord:
    route: str
    objections: int | None
    upheld: int
    notice: tuple[dt.date, dt.date] | None


def case_records(cases: Iterable[RatingCase]) -> dict[int, CaseRecord]:
    """How each case was decided, from its Transition and Objection rows (two queries)."""
    cases = list(cases)
    ids = [case.pk for case in cases]
    routes: dict[int, str] = {}
    steps = (Transition.objects.filter(case_id__in=ids, action__in=list(_DECISIONS))
             .order_by("case_id", "at", "id").values_list("case_id", "action"))
    for case_id, action in steps:
        routes[case_id] = _DECISIONS[action]
    counts = {
        row["case_id"]: (row["filed"], row["upheld"])
        for row in Objection.objects.filter(case_id__in=ids).order_by().values("case_id")
        .annotate(filed=Count("id"), upheld=Count("id", filter=Q(upheld=True)))
    }
    records = {}
    for case in cases:
        route = routes.get(case.pk, "")
        filed, upheld = counts.get(case.pk, (0, 0))
        noticed = route == builders.NOTICED and case.notice_starts_on and case.notice_ends_on
        records[case.pk] = CaseRecord(
            route=route, objections=filed if route or filed else None, upheld=upheld,
            notice=(case.notice_starts_on, case.notice_ends_on) if noticed else None,
        )
    return records


def _rows(cases: list[RatingCase], stars: dict[int, int], previous: dict[int, int | None],
          office: Organization | None) -> list[builders.ResultRow]:
    streets = {s.path: s.name for s in stats_queries.streets_under(office)} if office else {}
    records = case_records(cases)
    rows = []
    for case in cases:
        record, star, prior = records[case.pk], stars[case.pk], previous.get(case.pk)
        rows.append(builders.ResultRow(
            org=case.organization.name, street=stats.street_of(case.organization.path, streets) or "",
            star=star, change=None if prior is None else star - prior, route=record.route,
            objections=record.objections, upheld=record.upheld, notice=record.notice,
        ))
    rows.sort(key=lambda row: (-row.star, row.street, row.org))
    return rows


def _pending(campaign: Campaign, published: int) -> int:
    return max(campaign.cases.count() - published, 0)


# --- a publication, issued or about to be ---------------------------------------------------

def publication_rows(publication: Publication) -> list[builders.ResultRow]:
    """The organizations a publication lists, highest star first, then by street and name."""
    results = list(publication.results.select_related("organization", "case"))
    with_case = [r for r in results if r.case is not None]
    rows = _rows([r.case for r in with_case], {r.case.pk: r.star for r in with_case},
                 {r.case.pk: r.previous_star for r in with_case}, publication.published_by.organization)
    office = publication.published_by.organization
    streets = {s.path: s.name for s in stats_queries.streets_under(office)} if office else {}
    rows += [builders.ResultRow(r.organization.name, stats.street_of(r.organization.path, streets) or "",
                                r.star, None if r.previous_star is None else r.star - r.previous_star)
             for r in results if r.case is None]
    rows.sort(key=lambda row: (-row.star, row.street, row.org))
    return rows


def publication_pending(publication: Publication) -> int:
    """How many of the year's cases were still being rated once this batch was issued."""
    published = StarResult.objects.filter(publication__campaign=publication.campaign,
                                          publication__batch__lte=publication.batch).count()
    return _pending(publication.campaign, published)


def _document(*, campaign: Campaign, office: Organization, rows: list[builders.ResultRow], doc_number: str,
              issued_on: dt.date, title: str, batch: int, pending: int,
              issuer: builders.Issuer | None = None) -> Any:
    doc = builders.results_document(
        year=campaign.year, issuer=issuer or issuer_for(office, doc_number, issued_on), rows=rows,
        levels=levels_of(engine.standard(campaign.standard_id)), batch=batch, pending=pending,
    )
    if title.replace("\n", "") != doc.title.replace("\n", ""):
        doc = dataclasses.replace(doc, title=title)
    return doc


def publication_document(publication: Publication) -> Any:
    """The results document of a publication, as issued (its own number, date, title, batch and
    issuer — stored with it, so changing the settings later never rewrites an issued document)."""
    office = publication.published_by.organization
    issuer = issuer_for(office, publication.doc_number, publication.issued_on)
    if publication.issuer_name:
        issuer = dataclasses.replace(issuer, mark=publication.issuer_mark, name=publication.issuer_name,
                                     printer=publication.printer)
    return _document(
        campaign=publication.campaign, office=office,
        rows=publication_rows(publication), doc_number=publication.doc_number,
        issued_on=publication.issued_on, title=publication.title, batch=publication.batch,
        pending=publication_pending(publication), issuer=issuer,
    )


@dataclasses.dataclass
class Plan:
    """What issuing now would publish: the cases, their rows, the batch and what stays pending."""

    cases: list[RatingCase]
    rows: list[builders.ResultRow]
    batch: int
    pending: int


def publish_plan(campaign: Campaign, office: Organization, today: dt.date) -> Plan:
    """The batch that issuing today would make, for the preview and the default title."""
    cases = queries.cases_to_publish(campaign, today)
    previous = dict(StarResult.objects.filter(year=campaign.year - 1, organization__in=[c.organization_id for c in cases])
                    .values_list("organization_id", "star"))
    stars = {c.pk: c.final_star if c.final_star is not None else (c.assessed_star or 0) for c in cases}
    published = StarResult.objects.filter(year=campaign.year, case__campaign=campaign).count()
    batch = (campaign.publications.aggregate(n=Max("batch"))["n"] or 0) + 1
    return Plan(
        cases=cases, rows=_rows(cases, stars, {c.pk: previous.get(c.organization_id) for c in cases}, office),
        batch=batch, pending=_pending(campaign, published + len(cases)),
    )


def plan_document(plan: Plan, *, campaign: Campaign, office: Organization, doc_number: str,
                  issued_on: dt.date, title: str) -> Any:
    """The document the plan would issue, for the preview before it is numbered and issued."""
    return _document(campaign=campaign, office=office, rows=plan.rows, doc_number=doc_number,
                     issued_on=issued_on, title=title, batch=plan.batch, pending=plan.pending)


def plan_title(year: int, plan: Plan) -> str:
    """The default title: "（第N批）" unless this one document publishes the whole year."""
    return default_title(year, None if plan.batch == 1 and plan.pending == 0 else plan.batch)


# --- the year-end report --------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class YearStatus:
    total: int  # cases of the year's campaign under the office
    pending: int  # of which no result is published yet (评定中)

    @property
    def published(self) -> int:
        return self.total - self.pending


def year_status(*, office: Organization, year: int) -> YearStatus:
    """How much of the year is published under the office: the report waits for the rest."""
    cases = RatingCase.objects.filter(campaign__year=year, organization__path__startswith=office.path)
    pending = cases.exclude(organization__star_results__year=year).count()
    return YearStatus(total=cases.count(), pending=pending)


def year_end_report(*, office: Organization, year: int, issuer: builders.Issuer,
                    as_of: dt.date | None = None) -> Any | None:
    """The 年底通报 document for the county's published results of a year (None: nothing
    published). While cases are pending it is marked "截至 as_of（评定中 m 个）"."""
    results = stats_queries.results_for_year(root=office, year=year)
    if not results:
        return None
    pending = year_status(office=office, year=year).pending
    std = stats_queries.standard_of_year(year)
    streets = stats_queries.streets_under(office)
    street_paths = {s.path: s.name for s in streets}
    counts_by_street: dict[str, dict[int, int]] = {}
    for r in results:
        by_star = counts_by_street.setdefault(stats.street_of(r.organization.path, street_paths) or "—", {})
        by_star[r.star] = by_star.get(r.star, 0) + 1
    changes = history.year_changes(results, streets, year)
    return builders.year_end_report_document(
        year=year, issuer=issuer, levels=levels_of(std),
        counts_by_star=stats.distribution((r.star for r in results), std),
        counts_by_street=counts_by_street,
        upgrades=[(c.org.name, c.street, c.from_star, c.to_star) for c in changes.upgrades],
        downgrades=[(c.org.name, c.street, c.from_star, c.to_star) for c in changes.downgrades],
        # in the order of the organization tree, street by street
        commended=[(r.organization.name, stats.street_of(r.organization.path, street_paths) or "")
                   for r in results if r.star == std.max_star],
        pending=pending, as_of=as_of or issuer.date,
    )
