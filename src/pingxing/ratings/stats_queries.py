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
    total: int = 0
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
    # The targets count every community of the year's campaign (全街道…社区党组织): one
    # whose star was not published that year stands as 未定星 (0), not outside the share.
    unpublished = _unpublished_by_year(root, counts_by_year)
    for result_year, missing in unpublished.items():
        counts_by_year[result_year][0] = counts_by_year[result_year].get(0, 0) + missing
    standards = {year: engine.standard(standard_id) for year, standard_id in standard_ids.items()}
    years = stats.year_targets(counts_by_year, standards)
    if not years:
        return Dashboard(root=root, years=[], year=None, standard=standard_of_year(None))
    if year not in counts_by_year:
        year = years[-1].year
    rows = list(
        in_scope.filter(year=year).order_by()
        .values_list("star", "blocking_conditions", "organization__path", "standard_id")
    )
    labels = condition_labels_for({row[3] for row in rows})
    stars = [row[0] for row in rows] + [0] * unpublished.get(year, 0)
    std = standards[year]
    board = Dashboard(
        root=root, years=years, year=year, standard=std, total=len(stars),
        distribution=stats.distribution(stars, std),
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


def _unpublished_by_year(root: Organization, counts_by_year: dict[int, dict[int, int]]) -> dict[int, int]:
    """Communities of each year's campaign under `root` with no published star that year."""
    cases = (
        RatingCase.objects.filter(organization__path__startswith=root.path, campaign__year__in=list(counts_by_year))
        .order_by().values("campaign__year").annotate(n=Count("id")).values_list("campaign__year", "n")
    )
    return {
        year: n - sum(counts_by_year[year].values())
        for year, n in cases if n > sum(counts_by_year[year].values())
    }


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
    """The year's pay rows for every community under `root` (four queries)."""
    std = standard_of_year(year)
    communities = communities_under(root)
    street_paths = {s.path: s.name for s in streets}
    stars = dict(
        StarResult.objects.filter(year=year, organization__path__startswith=root.path)
        .values_list("organization_id", "star")
    )
    base_pays = dict(
        CadreBasePay.objects.filter(year=year, organization__path__startswith=root.path)
        .values_list("organization_id", "base_pay")
    )
    policies = {
        p.star: payroll.Policy(p.star, p.pay_coefficient, p.fund_weight, p.award_eligible)
        for p in StarPolicy.objects.all()
    }
    return payroll.pay_rows(
        ((o.pk, o.code, o.name, stats.street_of(o.path, street_paths) or "") for o in communities),
        stars, base_pays, policies, std,
    )
