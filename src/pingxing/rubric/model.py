"""The shape of a star standard (考评标准) once loaded: plain frozen dataclasses.

A standard is data (a TOML file under ``standards/``); this module only says what the
data looks like. ``loader.py`` builds these objects and checks them against the facts
contract; ``evaluate.py`` and ``batch.py`` know how to judge them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

FactValue = bool | int | str | None
ScaleValue = int | str

UNRATED_TITLE = "未定星"
_NUMERALS = "一二三四五六七八九十"


def ordinal_title(star: int) -> str:
    """The default title of a level: 1 → "一星级" (a standard may name its levels itself)."""
    return f"{_NUMERALS[star - 1]}星级" if 0 < star <= len(_NUMERALS) else f"{star}星级"


#: the kinds of machine condition a standard may use
CheckKind = Literal["true", "false", "at_least", "zero", "sum_zero", "ratio_at_least"]
CHECK_KINDS: tuple[CheckKind, ...] = (
    "true",
    "false",
    "at_least",
    "zero",
    "sum_zero",
    "ratio_at_least",
)

#: outcome of one condition (or veto check) for one record
Status = Literal["met", "failed", "unknown"]
#: outcome of one level for one record
LevelStatus = Literal["met", "not_met", "unknown"]
#: outcome of one veto for one record
VetoStatus = Literal["applied", "clear", "unknown"]


@dataclass(frozen=True, slots=True)
class Scale:
    """An ordered scale for ordinal facts, listed from worst to best.

    ``order = ["none", "county", "city", "province", "national"]`` or, for grades where
    1 is best, ``order = [0, 3, 2, 1]``.
    """

    name: str
    order: tuple[ScaleValue, ...]
    labels_zh: tuple[str, ...]
    labels_en: tuple[str, ...]
    #: what the scale measures, as explanations name it ("居务监督委员会"); "" = the fact's title
    title: str = ""
    #: each step includes the ones below (so a requirement reads 「step」, not 「step」以上)
    cumulative: bool = False

    def rank(self, value: ScaleValue) -> int:
        return self.order.index(value)

    def at_least(self, threshold: ScaleValue) -> tuple[ScaleValue, ...]:
        """The values that are at least ``threshold`` on this scale."""
        return self.order[self.rank(threshold) :]

    def label(self, value: ScaleValue, lang: str = "zh") -> str:
        if value not in self.order:
            return str(value)
        labels = self.labels_zh if lang == "zh" else self.labels_en
        return labels[self.rank(value)]


@dataclass(frozen=True, slots=True)
class Check:
    """A machine condition over the facts.

    - ``true`` / ``false``: the boolean fact ``facts[0]`` is true / false;
    - ``at_least``: ``facts[0] >= value``, on ``scale`` when given, else numerically;
    - ``zero``: the count ``facts[0]`` is 0;
    - ``sum_zero``: every count in ``facts`` is 0 (counts are >= 0, so their sum is 0);
    - ``ratio_at_least``: ``facts[0] / facts[1] >= percent %``; an empty denominator
      (0) counts as 100%. Exact rational arithmetic, never floats.

    ``fallback``: a check judged instead while any of ``facts`` is unknown (a finer fact
    added in a later contract version, the coarser one it refines as the fallback).
    """

    kind: CheckKind
    facts: tuple[str, ...]
    value: ScaleValue | None = None
    scale: Scale | None = None
    percent: Fraction | None = None
    fallback: Check | None = None

    @property
    def key(self) -> tuple[object, ...]:
        """Identical checks (restated by several levels) share this key."""
        scale_name = self.scale.name if self.scale else None
        fallback = self.fallback.key if self.fallback else None
        return (self.kind, self.facts, self.value, scale_name, self.percent, fallback)

    @property
    def all_facts(self) -> tuple[str, ...]:
        """Every fact the check may read: its own, then its fallback's."""
        if self.fallback is None:
            return self.facts
        return tuple(dict.fromkeys(self.facts + self.fallback.all_facts))


@dataclass(frozen=True, slots=True)
class Clause:
    number: int
    title_zh: str
    title_en: str


@dataclass(frozen=True, slots=True)
class Condition:
    """One judged sentence (or part of a sentence) of one clause of one level."""

    id: str
    level: int
    clause: int
    #: the annex's words, verbatim ("……" marks an elision) unless ``paraphrase``
    text: str
    check: Check
    note: str = ""
    #: ``text`` is the encoding's wording, not the annex's: explanations mark it 〔释义〕
    paraphrase: bool = False
    #: the name of the rate a ratio check judges ("调处成功率")
    rate: str = ""

    @property
    def shown_text(self) -> str:
        """The wording as explanations show it: quoted verbatim, or marked as a paraphrase."""
        return f"〔释义〕{self.text}" if self.paraphrase else f"“{self.text}”"


@dataclass(frozen=True, slots=True)
class Veto:
    """一票否决: when ``check`` is met the veto applies and bars the levels in ``bars``."""

    id: str
    text: str
    check: Check
    bars: tuple[int, ...]
    note: str = ""
    #: a text fact giving the case's own reason ("其他不符合条件情形的说明")
    reason_fact: str = ""


@dataclass(frozen=True, slots=True)
class Unjudged:
    """A sentence of a level's text that no fact of the contract judges, and why."""

    clause: int
    text: str
    why: str


@dataclass(frozen=True, slots=True)
class Level:
    star: int
    title: str
    conditions: tuple[Condition, ...]
    #: sentences of the level's text that no fact of the contract can judge
    unjudged: tuple[Unjudged, ...] = ()
    #: the level's full text in the annex (conditions quote it)
    annex: str = ""


@dataclass(frozen=True, slots=True)
class StarRule:
    """``consecutive``: the star is the highest L such that levels 1..L all hold."""

    kind: Literal["consecutive"]
    text: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A goal of the plan: at least ``percent`` % of organizations at ``at_least`` stars or more
    (seed 二: 80% at three stars or more, 20% at five stars)."""

    at_least: int
    percent: Fraction
    text: str = ""


@dataclass(frozen=True, slots=True)
class KindTarget:
    """A goal per kind of organization: at least ``percent`` % of the organizations of
    ``kind`` reach ``at_least`` (seed 二: 60% of community and enterprise, 70% of
    institution organizations reach 五好)."""

    kind: str
    at_least: int
    percent: Fraction
    text: str = ""


@dataclass(frozen=True, slots=True)
class Procedure:
    """How a campaign under this standard runs and what its results mean.

    - ``acceptance_from``: levels from this star up go through county acceptance (验收) and
      public notice (公示); lower ones are approved (审定). None: every level is approved.
    - ``pay_base``: the star whose cadre pay coefficient is 1.00 (结果运用).
    - ``targets``: the plan's goals, shown on the dashboard.
    """

    acceptance_from: int | None = None
    pay_base: int = 1
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True, slots=True)
class FactUse:
    """Where a standard uses a fact: for forms that group facts by clause."""

    fact: str
    level: int
    clause: int
    condition_id: str
    text: str


@dataclass(frozen=True, eq=False)
class Standard:
    id: str
    version: str
    title: str
    source: str
    contract: str
    clauses: tuple[Clause, ...]
    scales: tuple[Scale, ...]
    levels: tuple[Level, ...]
    vetoes: tuple[Veto, ...]
    star_rule: StarRule
    notes: tuple[str, ...] = field(default=())
    procedure: Procedure = field(default=Procedure())
    #: the title of a record that reaches no level ("未定星"; a one-level standard may say
    #: "未达到五好")
    unrated_title: str = UNRATED_TITLE
    #: goals per kind of organization (``[[kind_targets]]``): the share that must reach a level
    kind_targets: tuple[KindTarget, ...] = ()

    @property
    def max_star(self) -> int:
        return len(self.levels)

    def star_title(self, star: int) -> str:
        """The level's own title ("四星级"); 0 is the standard's unrated title (未定星)."""
        return self.unrated_title if star == 0 else self.level(star).title

    def kind_target(self, kind: str) -> KindTarget | None:
        """The goal for organizations of ``kind``, if the standard sets one."""
        return next((t for t in self.kind_targets if t.kind == kind), None)

    def stars_descending(self) -> tuple[int, ...]:
        """Every star from the highest level down to 0 (未定星)."""
        return tuple(range(self.max_star, -1, -1))

    def needs_acceptance(self, star: int) -> bool:
        """Whether a case at `star` goes through county acceptance and public notice."""
        start = self.procedure.acceptance_from
        return start is not None and star >= start

    def level(self, star: int) -> Level:
        return self.levels[star - 1]

    def clause(self, number: int) -> Clause:
        return next(c for c in self.clauses if c.number == number)

    def conditions(self) -> tuple[Condition, ...]:
        return tuple(c for level in self.levels for c in level.conditions)

    def vetoes_for(self, star: int) -> tuple[Veto, ...]:
        return tuple(v for v in self.vetoes if star in v.bars)

    def fact_usage(self) -> dict[str, tuple[FactUse, ...]]:
        """For each fact the standard judges, every condition that uses it."""
        usage: dict[str, list[FactUse]] = {}
        for cond in self.conditions():
            for fact in cond.check.all_facts:
                use = FactUse(fact, cond.level, cond.clause, cond.id, cond.text)
                usage.setdefault(fact, []).append(use)
        return {fact: tuple(uses) for fact, uses in usage.items()}

    def facts_by_clause(self) -> dict[int, tuple[str, ...]]:
        """Clause number -> the facts its conditions use, first use first.

        A fact used by several clauses is listed under the first clause that uses it.
        Veto facts are not listed here (see ``veto_facts``).
        """
        placed: dict[str, int] = {}
        for cond in sorted(self.conditions(), key=lambda c: (c.clause, c.level)):
            for fact in cond.check.all_facts:
                placed.setdefault(fact, cond.clause)
        out: dict[int, list[str]] = {c.number: [] for c in self.clauses}
        for fact, clause in placed.items():
            out[clause].append(fact)
        return {k: tuple(v) for k, v in out.items()}

    def veto_facts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for v in self.vetoes for f in v.check.facts))

    def scale_for(self, fact: str) -> Scale | None:
        """The scale the standard reads an ordinal or enum fact on, if any."""
        for cond in self.conditions():
            check: Check | None = cond.check
            while check is not None:
                if check.scale is not None and fact in check.facts:
                    return check.scale
                check = check.fallback
        return None

    def bars_text(self, bars: tuple[int, ...]) -> str:
        """The levels a veto bars, as the annex says it: (4, 5) -> "四、五星级"."""
        titles = [self.star_title(b) for b in sorted(bars)]
        if len(titles) > 1 and all(t.endswith("星级") for t in titles):
            return "、".join(t.removesuffix("星级") for t in titles) + "星级"
        return "、".join(titles)


@dataclass(frozen=True, slots=True)
class StandardInfo:
    id: str
    version: str
    title: str
    source: str
    levels: int
    conditions: int
    contract: str = ""
