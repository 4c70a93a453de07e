"""Reads of the results pages (dashboard, pay, changes): a fixed number of queries each.

Results are scoped by tree path: a county user sees the county, a street user its street.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from pingxing.orgs.models import Organization, OrgLevel
from pingxing.ratings import engine, payroll, stats
from pingxing.ratings.models import CadreBasePay, Campaign, RatingCase, StarPolicy, StarResult
from pingxing.ratings.workflow import CaseState
from pingxing.rubric import Standard

HEAT_CONDITIONS = 12  # columns of the heat map: the conditions that hold back most


def standard_of_year(year: int | None) -> Standard:
    """The standard a year's campaign rates against (the newest campaign's when `year` is None;
    the installed default when there is no campaign)."""
    campaigns = Campaign.objects.order_by("-year")
    if year is not None:
        campaigns = campaigns.filter(year=year)
    return engine.standard(campaigns.values_list("standard_id", flat=True).first())


def streets_under(org: Organization) -> list[Organization]:
    """The street committees in the organization's subtree (itself if it is one)."""
    return list(Organization.objects.filter(level=OrgLevel.STREET, path__startswith=org.path).order_by("path"))


def condition_labels_for(standard_ids: set[str]) -> dict[str, stats.ConditionLabel]:
    labels: dict[str, stats.ConditionLabel] = {}
    for standard_id in sorted(standard_ids):
        try:
            labels.update(stats.condition_labels(engine.standard(standard_id)))
        except Exception:
            continue
    return labels


@dataclass
class Dashboard:
    root: Organization
    years: list[stats.YearTarget]
    year: int | None
    standard: Standard
    distribution: dict[int, int] = field(default_factory=dict)
    total: int = 0  # published results of the year
    in_progress: int = 0  # the year's cases not published yet (评定中)
    blocking: list[stats.BlockingRow] = field(default_factory=list)
    heat_streets: list[str] = field(default_factory=list)
    heat_conditions: list[stats.ConditionLabel] = field(default_factory=list)
    heat: list[list[int]] = field(default_factory=list)


def dashboard(*, root: Organization, streets: list[Organization], year: int | None) -> Dashboard:
    """Targets by year, this year's distribution and blocking conditions under `root`.

    Three queries whatever the number of organizations: counts by year and star,
    the selected year's rows, and (done by the caller) the streets.
    """
    in_scope = StarResult.objects.filter(organization__path__startswith=root.path)
    counts_by_year: dict[int, dict[int, int]] = defaultdict(dict)
    standard_ids: dict[int, str] = {}
    grouped = (in_scope.order_by().values("year", "star", "standard_id").annotate(n=Count("id"))
               .values_list("year", "star", "standard_id", "n"))
    for result_year, star, standard_id, n in grouped:
        counts_by_year[result_year][star] = counts_by_year[result_year].get(star, 0) + n
        standard_ids[result_year] = standard_id
    # Shares are of the published results only; a community of the year's campaign whose
    # result is not published yet is 评定中 (in progress), counted apart, never as 未定星.
    in_progress, campaign_standards = _in_progress_by_year(root, counts_by_year)
    for campaign_year, standard_id in campaign_standards.items():
        standard_ids.setdefault(campaign_year, standard_id)
        counts_by_year.setdefault(campaign_year, {})
    standards = {year: engine.standard(standard_id) for year, standard_id in standard_ids.items()}
    years = stats.year_targets(counts_by_year, standards, in_progress)
    if not years:
        return Dashboard(root=root, years=[], year=None, standard=standard_of_year(None))
    if year not in counts_by_year:
        year = years[-1].year
    rows = list(
        in_scope.filter(year=year).order_by()
        .values_list("star", "blocking_conditions", "organization__path", "standard_id")
    )
    labels = condition_labels_for({row[3] for row in rows})
    stars = [row[0] for row in rows]
    std = standards[year]
    board = Dashboard(
        root=root, years=years, year=year, standard=std, total=len(stars),
        in_progress=in_progress.get(year, 0), distribution=stats.distribution(stars, std),
    )
    board.blocking = stats.blocking_rows(stats.blocking_counts(row[1] for row in rows), labels, len(rows))
    street_paths = {s.path: s.name for s in streets}
    by_street: dict[str, list[list[str]]] = {s.name: [] for s in streets}
    for _star, blocking, path, _std in rows:
        name = stats.street_of(path, street_paths)
        if name is not None:
            by_street[name].append(blocking)
    if len(by_street) > 1:
        top = [row.label for row in board.blocking[:HEAT_CONDITIONS]]
        board.heat_streets = list(by_street)
        board.heat_conditions = top
        board.heat = stats.heat_matrix(by_street, [label.id for label in top])
    return board


def _in_progress_by_year(
    root: Organization, counts_by_year: dict[int, dict[int, int]]
) -> tuple[dict[int, int], dict[int, str]]:
    """Per campaign year under `root`: its cases not yet published, and its standard (one query)."""
    cases = (
        RatingCase.objects.filter(organization__path__startswith=root.path)
        .order_by().values("campaign__year", "campaign__standard_id").annotate(n=Count("id"))
        .values_list("campaign__year", "campaign__standard_id", "n")
    )
    in_progress, standards = {}, {}
    for year, standard_id, n in cases:
        published = sum(counts_by_year.get(year, {}).values())
        in_progress[year] = max(0, n - published)
        standards[year] = standard_id
    return in_progress, standards


def chart_data(board: Dashboard) -> dict[str, Any]:
    """What dashboard.js draws: plain numbers and labels only."""
    goals = board.standard.procedure.targets
    return {
        "years": [str(t.year) for t in board.years],
        # one series per goal of the plan: its share each year and its target line
        "targets": [
            {"name": stats.at_least_label(board.standard, goal.at_least) + "占比",
             "target": stats.percent_number(goal.percent / 100),
             "values": [next((stats.percent_number(r.share) for r in t.results
                              if r.target.at_least == goal.at_least), 0.0) for t in board.years]}
            for goal in goals
        ],
        "distribution": {
            "labels": [board.standard.star_title(s) for s in board.distribution],
            "counts": list(board.distribution.values()),
        },
        "blocking": {
            "labels": [f"{r.label.level_label}·{r.label.text}" for r in board.blocking[:20]],
            "counts": [r.count for r in board.blocking[:20]],
        },
        "heat": {
            "streets": board.heat_streets,
            "conditions": [f"{c.level_label}·{c.text}" for c in board.heat_conditions],
            "values": [
                [ci, si, value] for si, row in enumerate(board.heat) for ci, value in enumerate(row)
            ],
        },
    }


def results_for_year(*, root: Organization, year: int) -> list[StarResult]:
    """A year's published results under `root`, with organization and publication, by path."""
    return list(
        StarResult.objects.filter(year=year, organization__path__startswith=root.path)
        .select_related("organization", "publication").order_by("organization__path")
    )


def policy_entries() -> dict[int, dict[str, Any]]:
    """The pay policy table as the policy form edits it: star → coefficient, weight, award."""
    return {
        p.star: {"pay_coefficient": p.pay_coefficient, "fund_weight": p.fund_weight,
                 "award_eligible": p.award_eligible}
        for p in StarPolicy.objects.all()
    }


def communities_under(root: Organization) -> list[Organization]:
    return list(Organization.objects.communities().filter(path__startswith=root.path).order_by("path"))


def pay_table(*, root: Organization, streets: list[Organization], year: int) -> list[Any]:
    """The year's pay rows for every community under `root` (four queries): published results
    with the pay frozen at publication, the others 评定中 (or 未参评 without a case)."""
    std = standard_of_year(year)
    communities = communities_under(root)
    street_paths = {s.path: s.name for s in streets}
    published = {
        org_id: payroll.PublishedPay(star, coefficient, weight, award, base)
        for org_id, star, coefficient, weight, award, base in
        StarResult.objects.filter(year=year, organization__path__startswith=root.path).values_list(
            "organization_id", "star", "pay_coefficient", "fund_weight", "award_eligible", "base_pay")
    }
    base_pays = dict(
        CadreBasePay.objects.filter(year=year, organization__path__startswith=root.path)
        .values_list("organization_id", "base_pay")
    )
    in_progress = RatingCase.objects.filter(
        campaign__year=year, organization__path__startswith=root.path,
    ).exclude(state=CaseState.PUBLISHED).values_list("organization_id", flat=True)
    return payroll.pay_rows(
        ((o.pk, o.code, o.name, stats.street_of(o.path, street_paths) or "") for o in communities),
        published, base_pays, list(in_progress), std,
    )