"""动态管理 (dynamic management): an organization's stars by year and a year's changes.

Stars move both ways every year; a downgrade (降级) carries the conditions that failed,
in the standard's own words, as its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from pingxing.orgs.models import Organization
from pingxing.ratings import engine, stats, stats_queries
from pingxing.ratings.models import StarResult

CHANGE_LABELS = {
    "up": _("晋级"),
    "down": _("降级"),
    "same": _("保持"),
    "new": _("新评"),
}


@dataclass
class HistoryRow:
    result: StarResult
    change: str
    change_label: str
    downgrade_reasons: list[dict[str, Any]] = field(default_factory=list)
    blocking: list[stats.ConditionLabel] = field(default_factory=list)


def _reasons(result: StarResult) -> list[dict[str, Any]]:
    """Each failed condition of the lost levels: {"level": "四星级", "text": …}."""
    std = engine.standard(result.standard_id)
    return [
        {"level": std.star_title(int(r.get("star", 0))), "text": r.get("text") or r.get("id", "")}
        for r in result.downgrade_reasons
    ]


def org_history(org: Organization) -> list[HistoryRow]:
    """The organization's published stars, newest year first."""
    results = list(StarResult.objects.filter(organization=org).select_related("publication").order_by("-year"))
    labels = stats_queries.condition_labels_for({r.standard_id for r in results})
    rows = []
    for result in results:
        change = stats.change_of(result.star, result.previous_star)
        rows.append(HistoryRow(
            result=result, change=change, change_label=str(CHANGE_LABELS[change]),
            downgrade_reasons=_reasons(result) if change == "down" else [],
            blocking=[stats.label_for(cid, labels) for cid in result.blocking_conditions],
        ))
    return rows


@dataclass
class ChangeRow:
    org: Organization
    street: str
    from_star: int | None
    to_star: int
    reasons: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class YearChanges:
    year: int
    upgrades: list[ChangeRow] = field(default_factory=list)
    downgrades: list[ChangeRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # change → number of organizations


def year_changes(results: list[StarResult], streets: list[Organization], year: int) -> YearChanges:
    """Upgrades and downgrades among `results` (one year's), with counts of every change."""
    street_paths = {s.path: s.name for s in streets}
    changes = YearChanges(year=year, counts=dict.fromkeys(CHANGE_LABELS, 0))
    for result in results:
        change = stats.change_of(result.star, result.previous_star)
        changes.counts[change] += 1
        if change not in ("up", "down"):
            continue
        row = ChangeRow(
            org=result.organization, street=stats.street_of(result.organization.path, street_paths) or "",
            from_star=result.previous_star, to_star=result.star,
            reasons=_reasons(result) if change == "down" else [],
        )
        (changes.upgrades if change == "up" else changes.downgrades).append(row)
    changes.upgrades.sort(key=lambda r: (-(r.to_star - (r.from_star or 0)), r.street, r.org.name))
    changes.downgrades.sort(key=lambda r: (-((r.from_star or 0) - r.to_star), r.street, r.org.name))
    return changes
