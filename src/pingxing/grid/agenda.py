"""The agenda of an analysis meeting (研判), built from plain facts. Pure Python.

For a scope (a grid, a community or a street) and a period, the agenda lists:

* hot and difficult issues: cases received in the period by category and by grid, with the
  count of the previous period of the same length (the trend);
* cases overdue at the period's end: not done (`workflow.DONE_STATES`) and past their deadline
  (deadline before the period's last day), whenever they were received;
* repeated reporters and repeated addresses: the same reporter (by the keyed digest, never
  the name) or the same place (normalized: `normalize_address`) in two or more cases received
  in the `REPEAT_WINDOW_DAYS` days up to the period's end;
* unsatisfied follow-ups: 不满意 answers given in the period.

`queries_meetings.agenda_facts` reads the facts from the database; `build_agenda` only
arranges them, so the rules are tested without one. The agenda is kept with the meeting as
JSON (`Agenda.to_json`), as it stood when the meeting was held.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from pingxing.grid.cadence import Period
from pingxing.grid.workflow import DONE_STATES

REPEAT_WINDOW_DAYS = 90
REPEAT_AT_LEAST = 2


def normalize_address(text: str) -> str:
    """The address compared for repeats: full-width forms folded (NFKC: "１号" → "1号"),
    every space (also the full-width one) removed, letters in lower case."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in folded if not ch.isspace()).lower()


@dataclass(frozen=True)
class CaseLine:
    """A case as the agenda shows it (no reporter's name or contact)."""

    id: int
    number: str
    title: str
    category: str
    grid_id: int | None
    state: str
    received_on: date
    deadline: date | None = None
    address: str = ""
    reporter_digest: str = ""

    def public(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("reporter_digest")
        d["received_on"] = self.received_on.isoformat()
        d["deadline"] = self.deadline.isoformat() if self.deadline else None
        return d


@dataclass(frozen=True)
class AgendaFacts:
    period: Period
    counts: Mapping[tuple[str, int | None], int]  # (category, grid id) → cases received in the period
    previous_counts: Mapping[tuple[str, int | None], int]  # the same for the previous period
    open_cases: tuple[CaseLine, ...]  # not done, with a deadline before the period's end
    recent_cases: tuple[CaseLine, ...]  # received in the repeat window (for repeats)
    unsatisfied: tuple[CaseLine, ...]  # a 不满意 follow-up in the period
    category_names: Mapping[str, str] = field(default_factory=dict)
    grid_names: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Trend:
    key: str  # category code or grid id (as text)
    name: str
    count: int
    previous: int

    @property
    def change(self) -> int:
        return self.count - self.previous


@dataclass(frozen=True)
class Repeat:
    label: str  # the normalized address, or "反映人1", "反映人2" … (the digest is never shown)
    cases: tuple[CaseLine, ...]


@dataclass(frozen=True)
class Agenda:
    period: Period
    total: int
    previous_total: int
    by_category: tuple[Trend, ...]
    by_grid: tuple[Trend, ...]
    overdue: tuple[CaseLine, ...]
    repeated_reporters: tuple[Repeat, ...]
    repeated_addresses: tuple[Repeat, ...]
    unsatisfied: tuple[CaseLine, ...]

    def to_json(self) -> dict[str, Any]:
        """The snapshot kept with the meeting (no reporter digest in it)."""
        def trend(t: Trend) -> dict[str, Any]:
            return {"key": t.key, "name": t.name, "count": t.count, "previous": t.previous, "change": t.change}

        def repeat(r: Repeat) -> dict[str, Any]:
            return {"label": r.label, "cases": [c.public() for c in r.cases]}

        return {
            "period": [self.period.start.isoformat(), self.period.end.isoformat()],
            "total": self.total, "previous_total": self.previous_total,
            "by_category": [trend(t) for t in self.by_category],
            "by_grid": [trend(t) for t in self.by_grid],
            "overdue": [c.public() for c in self.overdue],
            "repeated_reporters": [repeat(r) for r in self.repeated_reporters],
            "repeated_addresses": [repeat(r) for r in self.repeated_addresses],
            "unsatisfied": [c.public() for c in self.unsatisfied],
        }


def _trends(now: Counter[Any], before: Counter[Any], names: Mapping[Any, str], empty: str) -> tuple[Trend, ...]:
    keys = set(now) | set(before)
    rows = [Trend(key="" if k is None else str(k), name=names.get(k, str(k)) if k is not None else empty,
                  count=now.get(k, 0), previous=before.get(k, 0)) for k in keys]
    return tuple(sorted(rows, key=lambda t: (-t.count, -t.change, t.name)))


def _repeats(cases: Iterable[CaseLine], key: Any, label: Any) -> tuple[Repeat, ...]:
    groups: dict[str, list[CaseLine]] = defaultdict(list)
    for case in cases:
        k = key(case)
        if k:
            groups[k].append(case)
    found = [sorted(g, key=lambda c: (c.received_on, c.id)) for g in groups.values() if len(g) >= REPEAT_AT_LEAST]
    found.sort(key=lambda g: (-len(g), g[0].received_on, g[0].id))
    return tuple(Repeat(label=label(n, g), cases=tuple(g)) for n, g in enumerate(found, start=1))


def repeat_window(period: Period) -> Period:
    return Period(period.end - timedelta(days=REPEAT_WINDOW_DAYS - 1), period.end)


def build_agenda(facts: AgendaFacts) -> Agenda:
    """The agenda of `facts.period` (see the module's rules)."""
    period = facts.period
    by_cat_now: Counter[str] = Counter()
    by_cat_before: Counter[str] = Counter()
    by_grid_now: Counter[int | None] = Counter()
    by_grid_before: Counter[int | None] = Counter()
    for (category, grid), n in facts.counts.items():
        by_cat_now[category] += n
        by_grid_now[grid] += n
    for (category, grid), n in facts.previous_counts.items():
        by_cat_before[category] += n
        by_grid_before[grid] += n
    overdue = tuple(sorted(
        (c for c in facts.open_cases
         if c.state not in DONE_STATES and c.deadline is not None and c.deadline < period.end),
        key=lambda c: (c.deadline or period.end, c.id)))
    window = repeat_window(period)
    recent = [c for c in facts.recent_cases if window.contains(c.received_on)]
    return Agenda(
        period=period,
        total=sum(by_cat_now.values()), previous_total=sum(by_cat_before.values()),
        by_category=_trends(by_cat_now, by_cat_before, facts.category_names, ""),
        by_grid=_trends(by_grid_now, by_grid_before, facts.grid_names, "未分网格"),
        overdue=overdue,
        repeated_reporters=_repeats(recent, lambda c: c.reporter_digest, lambda n, g: f"反映人{n}"),
        repeated_addresses=_repeats(recent, lambda c: normalize_address(c.address),
                                    lambda n, g: normalize_address(g[0].address)),
        unsatisfied=tuple(sorted(facts.unsatisfied, key=lambda c: c.id)),
    )
