"""Result rules of the democratic evaluation, and the grade they propose for a member (pure).

The rules are data (evaluations/rules/*.toml, or a county's own folder): the five grades are
fixed by the seed (三.2.一); the thresholds that propose each grade, the weights of the two
ballot classes, the negative-conduct checklist and the optional cap on 优秀 are the county's.
The organization records the final grade; a proposal is an explanation of the ballots, with
the figures and the rule that fired (不唯票数).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Grade(StrEnum):
    EXCELLENT = "excellent"
    QUALIFIED = "qualified"
    BASICALLY_QUALIFIED = "basically_qualified"
    BASICALLY_UNQUALIFIED = "basically_unqualified"
    UNQUALIFIED = "unqualified"


GRADES = tuple(Grade)
GRADE_TEXT = {
    Grade.EXCELLENT: "优秀", Grade.QUALIFIED: "合格", Grade.BASICALLY_QUALIFIED: "基本合格",
    Grade.BASICALLY_UNQUALIFIED: "基本不合格", Grade.UNQUALIFIED: "不合格",
}
# Points of a grade in the weighted score (ranking under the cap only).
GRADE_POINTS = {Grade.EXCELLENT: 5, Grade.QUALIFIED: 4, Grade.BASICALLY_QUALIFIED: 3,
                Grade.BASICALLY_UNQUALIFIED: 2, Grade.UNQUALIFIED: 1}


class VoterClass(StrEnum):
    MEMBERS = "members"  # 党员民主测评
    MASSES = "masses"  # 党外群众代表测评


CLASS_TEXT = {VoterClass.MEMBERS: "党员测评", VoterClass.MASSES: "群众测评", "weighted": "加权"}


class RulesError(ValueError):
    """A rules file that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True)
class Condition:
    voter_class: str  # members | masses | weighted
    share_of: tuple[Grade, ...] = ()
    at_least: float | None = None
    below: float | None = None
    conduct_above: float | None = None

    def describe(self) -> str:
        who = CLASS_TEXT.get(self.voter_class, self.voter_class)
        if self.conduct_above is not None:
            return f"{who}勾选反向情形的票超过{_pct(self.conduct_above)}"
        grades = "、".join(GRADE_TEXT[g] for g in self.share_of)
        if self.at_least is not None:
            return f"{who}“{grades}”达到{_pct(self.at_least)}"
        return f"{who}“{grades}”低于{_pct(self.below or 0)}"


@dataclass(frozen=True)
class ProposalRule:
    grade: Grade
    reason: str
    conditions: tuple[Condition, ...]
    mode: str  # any | all


@dataclass(frozen=True)
class ConductItem:
    code: str
    text: str


@dataclass(frozen=True)
class Rules:
    id: str
    version: str
    title: str
    min_ballots: int
    weights: Mapping[str, float]
    conduct: tuple[ConductItem, ...]
    rules: tuple[ProposalRule, ...]
    default_grade: Grade
    default_reason: str
    excellent_cap: float | None
    source: str = field(default="", repr=False)  # the TOML text, kept with each evaluation

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def _pct(share: float) -> str:
    value = round(share * 100, 1)
    return f"{value:g}%"


def _grade(value: Any, where: str) -> Grade:
    try:
        return Grade(str(value))
    except ValueError:
        raise RulesError(f"{where}: 未知的等次“{value}”（应为 {', '.join(GRADES)} 之一）") from None


def _share(value: Any, where: str) -> float:
    if not isinstance(value, int | float) or not 0 <= float(value) <= 1:
        raise RulesError(f"{where}: 比例应为0到1之间的数，而不是“{value}”")
    return float(value)


def _condition(raw: Mapping[str, Any], where: str) -> Condition:
    voter_class = str(raw.get("class", ""))
    if voter_class not in {"members", "masses", "weighted"}:
        raise RulesError(f"{where}: class 应为 members、masses 或 weighted")
    if "conduct_above" in raw:
        if voter_class == "weighted":
            raise RulesError(f"{where}: 反向情形按 members 或 masses 计算")
        return Condition(voter_class, conduct_above=_share(raw["conduct_above"], where))
    grades = tuple(_grade(g, where) for g in raw.get("share_of", ()))
    if not grades:
        raise RulesError(f"{where}: 缺少 share_of（计入比例的等次）")
    bounds = [k for k in ("at_least", "below") if k in raw]
    if len(bounds) != 1:
        raise RulesError(f"{where}: 须有且只有 at_least 或 below 之一")
    if bounds == ["at_least"]:
        return Condition(voter_class, grades, at_least=_share(raw["at_least"], where))
    return Condition(voter_class, grades, below=_share(raw["below"], where))


def parse_rules(text: str, *, name: str = "rules") -> Rules:
    """Rules from TOML text; RulesError names the entry that is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{name}: 不是有效的 TOML：{error}") from None
    for key in ("id", "version", "title"):
        if not data.get(key):
            raise RulesError(f"{name}: 缺少 {key}")
    weights = {k: float(v) for k, v in (data.get("weights") or {"members": 0.5, "masses": 0.5}).items()}
    if set(weights) != {"members", "masses"} or abs(sum(weights.values()) - 1) > 1e-9:
        raise RulesError(f"{name}: [weights] 须有 members 和 masses，两者之和为1")
    conduct = tuple(ConductItem(str(c["code"]), str(c["text"])) for c in data.get("conduct", []))
    if len({c.code for c in conduct}) != len(conduct):
        raise RulesError(f"{name}: [[conduct]] 的 code 重复")
    rules = []
    for i, raw in enumerate(data.get("propose", []), start=1):
        where = f"{name} [[propose]] 第{i}条"
        modes = [m for m in ("any", "all") if m in raw]
        if len(modes) != 1:
            raise RulesError(f"{where}: 须有且只有 any 或 all 之一")
        conditions = tuple(_condition(c, where) for c in raw[modes[0]])
        rules.append(ProposalRule(_grade(raw.get("grade"), where), str(raw.get("reason", "")), conditions, modes[0]))
    default = data.get("default") or {}
    cap = (data.get("cap") or {}).get("excellent_share")
    return Rules(
        id=str(data["id"]), version=str(data["version"]), title=str(data["title"]),
        min_ballots=int((data.get("ballot") or {}).get("min_ballots", 5)),
        weights=weights, conduct=conduct, rules=tuple(rules),
        default_grade=_grade(default.get("grade", "qualified"), f"{name} [default]"),
        default_reason=str(default.get("reason", "")),
        excellent_cap=None if cap is None else _share(cap, f"{name} [cap]"),
        source=text,
    )


RULES_DIR = Path(__file__).resolve().parent / "rules"


def load_rules(path: Path) -> Rules:
    return parse_rules(path.read_text(encoding="utf-8"), name=path.name)


def available_rules(extra_dirs: Sequence[Path] = ()) -> dict[str, Rules]:
    """Every rules file of the installed folder and the county's own folders, by key."""
    found: dict[str, Rules] = {}
    for directory in (RULES_DIR, *extra_dirs):
        for path in sorted(Path(directory).glob("*.toml")):
            rules = load_rules(path)
            found[rules.key] = rules
    return found


# --- tallies and proposals -------------------------------------------------------------------

@dataclass(frozen=True)
class ClassTally:
    """What the ballots of one class say of one member."""

    ballots: int = 0  # ballots of the class that graded this member
    grades: Mapping[Any, int] = field(default_factory=dict)  # by the subject's grade (Grade, or subjects.Satisfaction)
    conduct_ballots: int = 0  # ballots ticking at least one negative-conduct item
    conduct_items: Mapping[str, int] = field(default_factory=dict)

    def share(self, grades: Sequence[Any]) -> float:
        return sum(self.grades.get(g, 0) for g in grades) / self.ballots if self.ballots else 0.0

    @property
    def conduct_share(self) -> float:
        return self.conduct_ballots / self.ballots if self.ballots else 0.0

    @property
    def score(self) -> float:
        total = sum(GRADE_POINTS[g] * n for g, n in self.grades.items())
        return total / self.ballots if self.ballots else 0.0


@dataclass(frozen=True)
class Proposal:
    grade: Grade
    rule: int | None  # 1-based index of the rule that fired; None for the default
    reason: str
    explanation: str  # the figures and the rule, in Chinese
    capped: bool = False
    score: float = 0.0


def _holds(condition: Condition, tallies: Mapping[str, ClassTally | None], rules: Rules) -> bool | None:
    """Whether a condition holds; None when the class's results are suppressed (too few ballots)."""
    if condition.voter_class == "weighted":
        parts = [(rules.weights[c], t) for c, t in tallies.items() if t is not None and t.ballots]
        if not parts:
            return None
        total_weight = sum(w for w, _ in parts)
        share = sum(w * t.share(condition.share_of) for w, t in parts) / total_weight
    else:
        tally = tallies.get(condition.voter_class)
        if tally is None or not tally.ballots:
            return None
        if condition.conduct_above is not None:
            return tally.conduct_share > condition.conduct_above
        share = tally.share(condition.share_of)
    if condition.at_least is not None:
        return share >= condition.at_least - 1e-12
    return share < (condition.below or 0) - 1e-12


def _figures(tallies: Mapping[str, ClassTally | None]) -> str:
    parts = []
    for voter_class in VoterClass:
        tally = tallies.get(voter_class)
        if tally is None:
            parts.append(f"{CLASS_TEXT[voter_class]}：票数不足，不公布")
            continue
        counts = "、".join(f"{GRADE_TEXT[g]}{tally.grades.get(g, 0)}" for g in GRADES)
        parts.append(f"{CLASS_TEXT[voter_class]}{tally.ballots}票（{counts}；勾选反向情形{tally.conduct_ballots}票）")
    return "；".join(parts)


def weighted_score(tallies: Mapping[str, ClassTally | None], rules: Rules) -> float:
    parts = [(rules.weights[c], t) for c, t in tallies.items() if t is not None and t.ballots]
    total = sum(w for w, _ in parts)
    return sum(w * t.score for w, t in parts) / total if total else 0.0


def propose_one(tallies: Mapping[str, ClassTally | None], rules: Rules) -> Proposal:
    """The grade the rules propose for one member (a class's tally is None when suppressed)."""
    figures = _figures(tallies)
    score = weighted_score(tallies, rules)
    for index, rule in enumerate(rules.rules, start=1):
        results = [_holds(c, tallies, rules) for c in rule.conditions]
        fired = any(r is True for r in results) if rule.mode == "any" else all(r is True for r in results)
        if fired:
            met = [c.describe() for c, r in zip(rule.conditions, results, strict=True) if r]
            explanation = f"{figures}。按第{index}条规则（{'；'.join(met)}）建议“{GRADE_TEXT[rule.grade]}”。"
            return Proposal(rule.grade, index, rule.reason, explanation, score=score)
    explanation = f"{figures}。未触发任何规则，建议“{GRADE_TEXT[rules.default_grade]}”。"
    return Proposal(rules.default_grade, None, rules.default_reason, explanation, score=score)


def propose_all(tallies: Mapping[Any, Mapping[str, ClassTally | None]], rules: Rules) -> dict[Any, Proposal]:
    """Proposals for every member of the roll, the cap on 优秀 applied by weighted score
    (ties at the cap's edge all keep 优秀 only if they fit; otherwise all drop to 合格)."""
    proposals = {key: propose_one(t, rules) for key, t in tallies.items()}
    if rules.excellent_cap is None or not proposals:
        return proposals
    allowed = int(rules.excellent_cap * len(proposals) + 1e-9)
    excellent = sorted((p.score, key) for key, p in proposals.items() if p.grade == Grade.EXCELLENT)
    excellent.reverse()
    if len(excellent) <= allowed:
        return proposals
    cutoff = excellent[allowed - 1][0] if allowed else None
    keep = {key for score, key in excellent if cutoff is not None and score > cutoff}
    at_edge = [key for score, key in excellent if cutoff is not None and score == cutoff]
    if len(keep) + len(at_edge) <= allowed:
        keep |= set(at_edge)
    for score, key in excellent:
        if key in keep:
            continue
        old = proposals[key]
        proposals[key] = Proposal(
            Grade.QUALIFIED, old.rule, old.reason,
            f"{old.explanation}但“优秀”不超过参评人数的{_pct(rules.excellent_cap)}（{allowed}名），"
            f"按加权得分{score:.2f}未进入，建议“合格”。",
            capped=True, score=score,
        )
    return proposals
