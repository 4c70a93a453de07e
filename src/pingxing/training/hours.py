"""Yearly training hours against the target of each person's category (pure: plain values in,
no Django). The queries feed it rows of the database; the tests feed it hand-made rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class TraineeFact:
    id: int
    name: str
    category: str
    org_id: int
    org_path: str


@dataclass(frozen=True, slots=True)
class AttendanceFact:
    trainee_id: int
    year: int  # the year of the session's date
    hours: Decimal


@dataclass(frozen=True, slots=True)
class TargetFact:
    """A target set by an organization (street or county) for its subtree."""

    org_path: str
    category: str
    hours: Decimal


@dataclass(frozen=True, slots=True)
class HoursRow:
    trainee_id: int
    name: str
    category: str
    org_id: int
    hours: Decimal
    target: Decimal
    sessions: int

    @property
    def shortfall(self) -> Decimal:
        """Hours still missing to the target (0 once reached)."""
        return max(ZERO, self.target - self.hours)

    @property
    def below_target(self) -> bool:
        return self.hours < self.target


def target_for(org_path: str, category: str, targets: Iterable[TargetFact],
               defaults: Mapping[str, Decimal]) -> Decimal:
    """The target of the nearest organization above (or at) `org_path` that set one for the
    category — a street's before the county's — else the default of the category."""
    best: TargetFact | None = None
    for target in targets:
        if target.category != category or not org_path.startswith(target.org_path):
            continue
        if best is None or len(target.org_path) > len(best.org_path):
            best = target
    return best.hours if best is not None else defaults.get(category, ZERO)


def yearly_hours(trainees: Sequence[TraineeFact], attendances: Iterable[AttendanceFact], *, year: int,
                 targets: Sequence[TargetFact], defaults: Mapping[str, Decimal]) -> list[HoursRow]:
    """One row per trainee (in the order given): the sum of their attendance hours of sessions
    held in `year`, the number of those sessions, and the target of their category."""
    totals: dict[int, Decimal] = {}
    counts: dict[int, int] = {}
    for a in attendances:
        if a.year != year:
            continue
        totals[a.trainee_id] = totals.get(a.trainee_id, ZERO) + a.hours
        counts[a.trainee_id] = counts.get(a.trainee_id, 0) + 1
    return [HoursRow(trainee_id=t.id, name=t.name, category=t.category, org_id=t.org_id,
                     hours=totals.get(t.id, ZERO), sessions=counts.get(t.id, 0),
                     target=target_for(t.org_path, t.category, targets, defaults))
            for t in trainees]
