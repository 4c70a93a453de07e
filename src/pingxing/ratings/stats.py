"""The results' arithmetic, as pure functions over plain values and the standard.

Shares are exact fractions; only their display rounds (one decimal, half up). How many
levels there are, their titles and the plan's goals (in 2010: 80% of communities at three
stars or more, 20% at five) all come from the standard (`Standard.procedure.targets`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from pingxing.rubric import Standard
from pingxing.rubric.model import Target

VETO_LEVEL = 0  # vetoes bar the top levels; listed apart from the levels


def share(part: int, whole: int) -> Fraction:
    """part / whole exactly; 0 when there is nothing to divide."""
    return Fraction(part, whole) if whole else Fraction(0)


def percent(value: Fraction) -> str:
    """Fraction(7, 10) → "70.0%": one decimal, rounded half up."""
    tenths = value * 1000
    rounded = (tenths.numerator * 2 + tenths.denominator) // (2 * tenths.denominator)
    return f"{rounded // 10}.{rounded % 10}%"


def percent_number(value: Fraction) -> float:
    """The same rounding as `percent`, as a number for the charts."""
    return float(percent(value).rstrip("%"))


def change_of(star: int, previous: int | None) -> str:
    """The one rule of 动态管理: "new" (新评), "up" (晋级), "down" (降级) or "same" (保持)."""
    if previous is None:
        return "new"
    if star > previous:
        return "up"
    if star < previous:
        return "down"
    return "same"


def at_least_label(std: Standard, star: int) -> str:
    """"三星级以上" (the top level has no "以上")."""
    title = std.star_title(star)
    return title if star >= std.max_star else f"{title}以上"


def goal_text(std: Standard, goal: Target) -> str:
    """The goal in words: the standard's own, or "三星级以上占80%以上"."""
    return goal.text or f"{at_least_label(std, goal.at_least)}占{percent(goal.percent / 100)}以上"


@dataclass(frozen=True)
class TargetResult:
    """One goal of the plan in one year: how many organizations reached it, of how many."""

    target: Target
    label: str  # "三星级以上"
    count: int
    total: int

    @property
    def share(self) -> Fraction:
        return share(self.count, self.total)

    @property
    def percent(self) -> str:
        return percent(self.share)

    @property
    def goal(self) -> Fraction:
        return self.target.percent / 100

    @property
    def met(self) -> bool:
        return self.total > 0 and self.share >= self.goal


@dataclass(frozen=True)
class YearTarget:
    """One year of the plan: every goal of the standard against that year's published results
    (`total`); `in_progress` cases of its campaign are not published yet (评定中)."""

    year: int
    total: int
    results: tuple[TargetResult, ...]
    in_progress: int = 0

    @property
    def complete(self) -> bool:
        return self.in_progress == 0


def distribution(stars: Iterable[int], std: Standard) -> dict[int, int]:
    """Count of organizations at each star, the highest first, every star of the standard present."""
    counts = Counter(stars)
    return {star: counts.get(star, 0) for star in std.stars_descending()}


def year_target(year: int, counts: Mapping[int, int], std: Standard, in_progress: int = 0) -> YearTarget:
    """From a year's counts of published results by star, against the goals of `std`."""
    total = sum(counts.values())
    results = tuple(
        TargetResult(goal, at_least_label(std, goal.at_least),
                     sum(n for star, n in counts.items() if star >= goal.at_least), total)
        for goal in std.procedure.targets
    )
    return YearTarget(year=year, total=total, results=results, in_progress=in_progress)


def year_targets(
    counts_by_year: Mapping[int, Mapping[int, int]], standards: Mapping[int, Standard],
    in_progress: Mapping[int, int] | None = None,
) -> list[YearTarget]:
    """One `YearTarget` per year (each against its own campaign's standard), oldest first."""
    waiting = in_progress or {}
    return [year_target(year, counts_by_year[year], standards[year], waiting.get(year, 0))
            for year in sorted(counts_by_year)]


@dataclass(frozen=True)
class ConditionLabel:
    id: str
    level: int  # the star the condition belongs to; VETO_LEVEL for a veto
    clause: int  # 0 for a veto
    text: str

    level_title: str = ""  # the level's title in its standard ("四星级")

    @property
    def level_label(self) -> str:
        return "一票否决" if self.level == VETO_LEVEL else self.level_title


def condition_labels(standard: Any) -> dict[str, ConditionLabel]:
    """Every condition and veto of a standard by id, in the standard's own words."""
    labels = {c.id: ConditionLabel(c.id, c.level, c.clause, c.text, standard.star_title(c.level))
              for c in standard.conditions()}
    for veto in standard.vetoes:
        labels[veto.id] = ConditionLabel(veto.id, VETO_LEVEL, 0, veto.text)
    return labels


def label_for(condition_id: str, labels: Mapping[str, ConditionLabel]) -> ConditionLabel:
    """The label of an id, or the bare id when the standard does not know it."""
    return labels.get(condition_id) or ConditionLabel(condition_id, -1, 0, condition_id)


def blocking_counts(blocking_lists: Iterable[Iterable[str]]) -> Counter[str]:
    """How many organizations fail each condition at their next level (each counted once)."""
    counts: Counter[str] = Counter()
    for ids in blocking_lists:
        counts.update(set(ids))
    return counts


@dataclass(frozen=True)
class BlockingRow:
    label: ConditionLabel
    count: int
    share: Fraction  # of the organizations in scope

    @property
    def percent(self) -> str:
        return percent(self.share)


def blocking_rows(
    counts: Mapping[str, int], labels: Mapping[str, ConditionLabel], total: int
) -> list[BlockingRow]:
    """The conditions that hold organizations back, most frequent first (then by level, id)."""
    rows = [BlockingRow(label_for(cid, labels), n, share(n, total)) for cid, n in counts.items() if n]
    rows.sort(key=lambda r: (-r.count, r.label.level, r.label.id))
    return rows


def street_of(path: str, street_paths: Mapping[str, Any]) -> Any:
    """The street (value of `street_paths`) whose tree path is a prefix of `path`, else None."""
    end = path.find("/", 1)
    while end != -1:
        found = street_paths.get(path[: end + 1])
        if found is not None:
            return found
        end = path.find("/", end + 1)
    return None


def heat_matrix(
    blocking_by_street: Mapping[str, Iterable[Iterable[str]]], condition_ids: Iterable[str]
) -> list[list[int]]:
    """[street index][condition index] → organizations of that street failing that condition."""
    ids = list(condition_ids)
    matrix = []
    for lists in blocking_by_street.values():
        counts = blocking_counts(lists)
        matrix.append([counts.get(cid, 0) for cid in ids])
    return matrix
