"""One-record evaluation of a standard: the star and everything needed to explain it.

Three-valued: a condition is met, failed, or unknown (a fact it needs is missing). A
level is not met when any condition failed or a veto barring it applies; else unknown
when anything is unknown; else met. The star is the highest L such that levels 1..L
are all met (0 = 未定星).

Each distinct check is judged once per record even when several levels restate it;
per-condition result objects are built lazily, only when someone asks for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

from pingxing.rubric.facts import Facts, validate_facts
from pingxing.rubric.model import (
    Check,
    Condition,
    FactValue,
    Level,
    LevelStatus,
    Standard,
    Status,
    Veto,
    VetoStatus,
)

MET: Status = "met"
FAILED: Status = "failed"
UNKNOWN: Status = "unknown"
Values = Mapping[str, FactValue]
CheckFn = Callable[[Values], Status]


@dataclass(frozen=True, slots=True)
class ConditionResult:
    condition: Condition
    status: Status
    actual: tuple[tuple[str, FactValue], ...]

    @property
    def missing_facts(self) -> tuple[str, ...]:
        if self.status != UNKNOWN:
            return ()
        return tuple(f for f, v in self.actual if v is None)


@dataclass(frozen=True, slots=True)
class VetoResult:
    veto: Veto
    status: VetoStatus
    actual: tuple[tuple[str, FactValue], ...]
    #: the case's own reason (the veto's ``reason_fact``), when given
    reason: str = ""

    @property
    def missing_facts(self) -> tuple[str, ...]:
        if self.status != "unknown":
            return ()
        return tuple(f for f, v in self.actual if v is None)


def _actual(facts: tuple[str, ...], values: Values) -> tuple[tuple[str, FactValue], ...]:
    return tuple((f, values.get(f)) for f in facts)


@dataclass(frozen=True, eq=False)
class LevelResult:
    level: Level
    status: LevelStatus
    statuses: tuple[Status, ...]  # aligned with level.conditions
    vetoes: tuple[VetoResult, ...]  # the vetoes that bar this level
    values: Values

    @property
    def star(self) -> int:
        return self.level.star

    @cached_property
    def conditions(self) -> tuple[ConditionResult, ...]:
        v = self.values
        return tuple(
            ConditionResult(c, s, _actual(c.check.all_facts, v))
            for c, s in zip(self.level.conditions, self.statuses, strict=True)
        )

    def _with_status(self, *wanted: Status) -> tuple[ConditionResult, ...]:
        if not any(w in self.statuses for w in wanted):
            return ()
        v = self.values
        return tuple(
            ConditionResult(c, s, _actual(c.check.all_facts, v))
            for c, s in zip(self.level.conditions, self.statuses, strict=True)
            if s in wanted
        )

    @property
    def failed(self) -> tuple[ConditionResult, ...]:
        return self._with_status(FAILED)

    @property
    def unknown(self) -> tuple[ConditionResult, ...]:
        return self._with_status(UNKNOWN)

    @property
    def vetoes_applied(self) -> tuple[VetoResult, ...]:
        return tuple(v for v in self.vetoes if v.status == "applied")

    @cached_property
    def missing_facts(self) -> tuple[str, ...]:
        # Straight from the statuses: no per-condition result objects are built here.
        found: dict[str, None] = {}
        if UNKNOWN in self.statuses:
            v = self.values
            for c, s in zip(self.level.conditions, self.statuses, strict=True):
                if s == UNKNOWN:
                    for f in c.check.all_facts:
                        if v.get(f) is None:
                            found[f] = None
        for veto in self.vetoes:
            for f in veto.missing_facts:
                found[f] = None
        return tuple(found)

    @property
    def gaps(self) -> tuple[ConditionResult | VetoResult, ...]:
        """What stands between the record and this level: non-met conditions and vetoes."""
        out: list[ConditionResult | VetoResult] = list(self._with_status(FAILED, UNKNOWN))
        out += [v for v in self.vetoes if v.status != "clear"]
        return tuple(out)


@dataclass(frozen=True, eq=False)
class Rating:
    standard: Standard
    facts: Facts
    star: int
    #: the star if every unknown fact turned out favourable
    possible_star: int
    levels: tuple[LevelResult, ...]
    vetoes: tuple[VetoResult, ...]

    @property
    def org_code(self) -> str:
        return self.facts.org_code

    @property
    def year(self) -> int:
        return self.facts.year

    @property
    def vetoed(self) -> bool:
        return any(v.status == "applied" for v in self.vetoes)

    @property
    def vetoes_applied(self) -> tuple[VetoResult, ...]:
        return tuple(v for v in self.vetoes if v.status == "applied")

    @property
    def missing_facts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for lv in self.levels for f in lv.missing_facts))

    @property
    def next_star(self) -> int | None:
        return self.star + 1 if self.star < len(self.levels) else None

    @property
    def next_star_gaps(self) -> tuple[ConditionResult | VetoResult, ...]:
        """差距: the conditions (and vetoes) of the next level that are not met."""
        if self.next_star is None:
            return ()
        return self.levels[self.next_star - 1].gaps

    def gaps_to(self, star: int) -> tuple[ConditionResult | VetoResult, ...]:
        """What stands between the record and ``star``: the non-met conditions of every
        level above the current star up to ``star`` (levels must all hold), each check
        and each veto once (a restated sentence is listed at its lowest level)."""
        return self.gaps_by_star().get(star, ())

    def gaps_by_star(self) -> dict[int, tuple[ConditionResult | VetoResult, ...]]:
        """``gaps_to`` for every star above the current one, in one pass over the levels."""
        seen: set[object] = set()
        out: list[ConditionResult | VetoResult] = []
        by_star: dict[int, tuple[ConditionResult | VetoResult, ...]] = {}
        for level in self.levels[self.star :]:
            for gap in level.gaps:
                key = (
                    ("veto", gap.veto.id)
                    if isinstance(gap, VetoResult)
                    else (gap.condition.check.key, gap.condition.text)
                )
                if key not in seen:
                    seen.add(key)
                    out.append(gap)
            by_star[level.star] = tuple(out)
        return by_star


# --------------------------------------------------------------------------- checks
def compile_check(check: Check) -> CheckFn:
    """A function judging ``check`` on a dict of values: met / failed / unknown."""
    if check.fallback is not None:
        own, other, names = _compile(check), compile_check(check.fallback), check.facts

        def with_fallback(v: Values) -> Status:
            if any(v.get(n) is None for n in names):
                return other(v)
            return own(v)

        return with_fallback
    return _compile(check)


def _compile(check: Check) -> CheckFn:
    kind = check.kind
    if kind in ("true", "false"):
        name, want = check.facts[0], kind == "true"

        def boolean(v: Values) -> Status:
            x = v.get(name)
            return UNKNOWN if x is None else (MET if x is want else FAILED)

        return boolean
    if kind == "at_least":
        name = check.facts[0]
        if check.scale is not None:
            allowed = frozenset(check.scale.at_least(check.value))  # type: ignore[arg-type]

            def on_scale(v: Values) -> Status:
                x = v.get(name)
                return UNKNOWN if x is None else (MET if x in allowed else FAILED)

            return on_scale
        threshold = check.value

        def numeric(v: Values) -> Status:
            x = v.get(name)
            return UNKNOWN if x is None else (MET if x >= threshold else FAILED)  # type: ignore[operator]

        return numeric
    if kind == "zero":
        name = check.facts[0]

        def zero(v: Values) -> Status:
            x = v.get(name)
            return UNKNOWN if x is None else (MET if x == 0 else FAILED)

        return zero
    if kind == "sum_zero":
        names = check.facts

        def sum_zero(v: Values) -> Status:
            status = MET
            for n in names:
                x = v.get(n)
                if x is None:
                    status = UNKNOWN
                elif x != 0:
                    return FAILED
            return status

        return sum_zero
    assert check.percent is not None
    num_name, den_name = check.facts
    # num / den >= p / q  <=>  num * 100 * q >= p * den   (exact, integers only)
    p, q100 = check.percent.numerator, check.percent.denominator * 100

    def ratio(v: Values) -> Status:
        den = v.get(den_name)
        if den == 0:
            return MET
        num = v.get(num_name)
        if den is None or num is None:
            return UNKNOWN
        return MET if num * q100 >= p * den else FAILED  # type: ignore[operator]

    return ratio


@dataclass(frozen=True, eq=False)
class _Compiled:
    fns: tuple[CheckFn, ...]
    level_idx: tuple[tuple[int, ...], ...]
    veto_idx: tuple[int, ...]
    level_vetoes: tuple[tuple[int, ...], ...]  # per level: positions in standard.vetoes


_COMPILED: dict[int, tuple[Standard, _Compiled]] = {}


def _compiled(standard: Standard) -> _Compiled:
    hit = _COMPILED.get(id(standard))
    if hit is not None and hit[0] is standard:
        return hit[1]
    keys: dict[tuple[object, ...], int] = {}
    fns: list[CheckFn] = []

    def index(check: Check) -> int:
        if check.key not in keys:
            keys[check.key] = len(fns)
            fns.append(compile_check(check))
        return keys[check.key]

    level_idx = tuple(tuple(index(c.check) for c in lv.conditions) for lv in standard.levels)
    veto_idx = tuple(index(v.check) for v in standard.vetoes)
    level_vetoes = tuple(
        tuple(i for i, v in enumerate(standard.vetoes) if lv.star in v.bars)
        for lv in standard.levels
    )
    comp = _Compiled(tuple(fns), level_idx, veto_idx, level_vetoes)
    _COMPILED[id(standard)] = (standard, comp)
    return comp


_VETO_STATUS: dict[Status, VetoStatus] = {MET: "applied", FAILED: "clear", UNKNOWN: "unknown"}


def evaluate(standard: Standard, facts: Facts) -> Rating:
    """Rate one valid record against ``standard``."""
    comp = _compiled(standard)
    values = facts.values
    results = [fn(values) for fn in comp.fns]
    get = results.__getitem__
    vetoes = tuple(
        VetoResult(
            v,
            _VETO_STATUS[get(i)],
            _actual(v.check.facts, values),
            str(values.get(v.reason_fact) or "") if v.reason_fact else "",
        )
        for v, i in zip(standard.vetoes, comp.veto_idx, strict=True)
    )
    levels = []
    star = possible = 0
    chain_met = chain_possible = True
    for level, idx, vidx in zip(standard.levels, comp.level_idx, comp.level_vetoes, strict=True):
        statuses = tuple(map(get, idx))
        bars = tuple(vetoes[i] for i in vidx)
        vstat = [b.status for b in bars]
        status: LevelStatus
        if FAILED in statuses or "applied" in vstat:
            status = "not_met"
        elif UNKNOWN in statuses or "unknown" in vstat:
            status = "unknown"
        else:
            status = "met"
        chain_met = chain_met and status == "met"
        chain_possible = chain_possible and status != "not_met"
        star += chain_met
        possible += chain_possible
        levels.append(LevelResult(level, status, statuses, bars, values))
    return Rating(standard, facts, star, possible, tuple(levels), vetoes)


class WhatIfError(ValueError):
    def __init__(self, errors: list[object]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def what_if(standard: Standard, facts: Facts, changes: Mapping[str, FactValue]) -> Rating:
    """The rating after changing the given facts (``None`` makes a fact unknown).

    Raises ``WhatIfError`` (with the ``FactError`` list) if the changed record is invalid.
    """
    new_facts, errors = validate_facts(facts.replace(changes), contract=facts.contract)
    if new_facts is None:
        raise WhatIfError(list(errors))
    return evaluate(standard, new_facts)
