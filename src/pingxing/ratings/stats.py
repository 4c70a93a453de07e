"""The targets dashboard's arithmetic, as pure functions over plain values.

Shares are exact fractions; only their display rounds (one decimal, half up). The
three-year plan's targets (seed 三.1): 80% of communities at three stars or more,
20% at five stars.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

STARS = (5, 4, 3, 2, 1, 0)
TARGET_THREE_UP = Fraction(80, 100)
TARGET_FIVE = Fraction(20, 100)
VETO_LEVEL = 0  # vetoes bar 4★ and 5★; listed apart from the levels


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


def star_label(star: int) -> str:
    return "未定星" if star == 0 else f"{'一二三四五'[star - 1]}星级"


@dataclass(frozen=True)
class YearTarget:
    """One year of the plan: how many communities reached three and five stars."""

    year: int
    total: int
    three_up: int
    five: int

    @property
    def three_up_share(self) -> Fraction:
        return share(self.three_up, self.total)

    @property
    def five_share(self) -> Fraction:
        return share(self.five, self.total)

    @property
    def three_up_percent(self) -> str:
        return percent(self.three_up_share)

    @property
    def five_percent(self) -> str:
        return percent(self.five_share)

    @property
    def three_up_met(self) -> bool:
        return self.total > 0 and self.three_up_share >= TARGET_THREE_UP

    @property
    def five_met(self) -> bool:
        return self.total > 0 and self.five_share >= TARGET_FIVE


def distribution(stars: Iterable[int]) -> dict[int, int]:
    """Count of organizations at each star, 5★ first, every star present."""
    counts = Counter(stars)
    return {star: counts.get(star, 0) for star in STARS}


def year_target(year: int, counts: Mapping[int, int]) -> YearTarget:
    """From a year's counts by star."""
    return YearTarget(
        year=year,
        total=sum(counts.values()),
        three_up=sum(n for star, n in counts.items() if star >= 3),
        five=counts.get(5, 0),
    )


def year_targets(counts_by_year: Mapping[int, Mapping[int, int]]) -> list[YearTarget]:
    """One `YearTarget` per year, oldest first."""
    return [year_target(year, counts_by_year[year]) for year in sorted(counts_by_year)]


@dataclass(frozen=True)
class ConditionLabel:
    id: str
    level: int  # the star the condition belongs to; VETO_LEVEL for a veto
    clause: int  # 0 for a veto
    text: str

    @property
    def level_label(self) -> str:
        return "一票否决" if self.level == VETO_LEVEL else star_label(self.level)


def condition_labels(standard: Any) -> dict[str, ConditionLabel]:
    """Every condition and veto of a standard by id, in the standard's own words."""
    labels = {c.id: ConditionLabel(c.id, c.level, c.clause, c.text) for c in standard.conditions()}
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
