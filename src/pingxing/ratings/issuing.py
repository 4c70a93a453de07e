"""What the county office issues: the results document of a publication and the year-end
report (年底通报), with their issuer, number and default title. Reads only; the documents
themselves are built by the pure `documents` package."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from pingxing.documents import builders
from pingxing.orgs.models import Organization
from pingxing.ratings import engine, history, stats, stats_queries
from pingxing.ratings.models import Publication, StarResult
from pingxing.rubric import Standard

# The 发文字号 shape GB/T 9704 asks for (the documents package checks it again).
DOC_NUMBER_RE = r"^\S+〔\d{4}〕[1-9]\d*号$"


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


def issuer_for(office: Organization, doc_number: str, issued_on: dt.date) -> builders.Issuer:
    """The county office as the issuing organ: "中共绍兴县委组织部" from its record's name."""
    name = re.split(r"[（(]", office.name, maxsplit=1)[0].strip()
    if not name.startswith("中共"):
        name = "中共" + name
    return builders.Issuer(mark=f"{name}文件", name=name, doc_number=doc_number, date=issued_on,
                           printer=f"{name}办公室", print_date=issued_on)


def default_title(year: int) -> str:
    """The builder's own title, on one line, for the publish form's first value."""
    sample = builders.results_document(
        year=year, issuer=builders.Issuer(mark="示例", name="示例", doc_number="示例〔2010〕1号",
                                          date=dt.date(year, 12, 31)),
        rows=[("示例", "示例", 0, None)],
    )
    return sample.title.replace("\n", "")


def next_doc_number(year: int) -> str:
    """After the year's last publication: "绍县评星办〔2010〕3号" → "绍县评星办〔2010〕4号"."""
    last = Publication.objects.filter(campaign__year=year).order_by("-published_at", "-pk").first()
    match = re.match(r"^(\S+)〔(\d{4})〕(\d+)号$", last.doc_number) if last else None
    if match is None:
        return f"评星办〔{year}〕1号"
    return f"{match[1]}〔{match[2]}〕{int(match[3]) + 1}号"


def _result_rows(results: list[StarResult], streets: dict[str, str]) -> list[builders.ResultRow]:
    return [
        builders.ResultRow(
            org=r.organization.name, street=stats.street_of(r.organization.path, streets) or "",
            star=r.star, change=None if r.previous_star is None else r.star - r.previous_star,
        )
        for r in results
    ]


def publication_rows(publication: Publication) -> list[builders.ResultRow]:
    """The organizations a publication lists, highest star first, then by street and name."""
    results = list(publication.results.select_related("organization"))
    office = publication.published_by.organization
    streets = {s.path: s.name for s in stats_queries.streets_under(office)} if office else {}
    rows = _result_rows(results, streets)
    rows.sort(key=lambda row: (-row.star, row.street, row.org))
    return rows


def publication_document(publication: Publication) -> Any:
    """The results document of a publication, as issued (its own number, date and title)."""
    office = publication.published_by.organization
    std = engine.standard(publication.campaign.standard_id)
    doc = builders.results_document(
        year=publication.campaign.year, issuer=issuer_for(office, publication.doc_number, publication.issued_on),
        rows=publication_rows(publication), levels=levels_of(std),
    )
    if publication.title.replace("\n", "") != doc.title.replace("\n", ""):
        doc = dataclasses.replace(doc, title=publication.title)
    return doc


def year_end_report(*, office: Organization, year: int, issuer: builders.Issuer) -> Any | None:
    """The 年底通报 document for the county's published results of a year (None: nothing published)."""
    results = stats_queries.results_for_year(root=office, year=year)
    if not results:
        return None
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
    )
