"""Facts that give a chosen star: for demo data, load tests and test fixtures.

Built on the engine, not on knowledge of one standard: start from the best facts
the contract allows and spoil, one at a time, facts the next level up needs.
"""

from __future__ import annotations

import random
from typing import Any

from pingxing import rubric
from pingxing.ratings import engine


def best_facts(org_code: str, year: int, org_name: str = "") -> dict[str, Any]:
    """Every fact at its best value per the contract (no disputes unresolved, no vetoes)."""
    facts: dict[str, Any] = {"org_code": org_code, "year": year}
    if org_name:
        facts["org_name"] = org_name
    for spec in rubric.contract_fields():
        if spec.name in ("org_code", "org_name", "year", "other_disqualification_reason"):
            continue
        facts[spec.name] = _best_value(spec)
    facts.update(disputes_total=12, disputes_mediated=12, disputes_resolved=12)
    return facts


def _best_value(spec: Any) -> Any:
    if spec.type == "boolean":
        return not spec.name.endswith(("_violation", "_sanction", "disqualification"))
    if spec.type == "string" and spec.enum:
        return spec.enum[-1]
    if spec.type == "integer":
        if spec.name == "cultural_community_grade":
            return 1  # grade 1 is the best
        if spec.maximum is not None and spec.name.endswith(("_level", "_grade")):
            return spec.maximum
        return 0
    return None


def _worst_value(spec: Any) -> Any:
    if spec.type == "boolean":
        return spec.name.endswith(("_violation", "_sanction", "disqualification"))
    if spec.type == "string" and spec.enum:
        return spec.enum[0]
    if spec.type == "integer":
        if spec.name == "cultural_community_grade":
            return 0
        if spec.name.endswith(("_level", "_grade")):
            return spec.minimum or 0
        return 3
    return None


def facts_for_star(star: int, org_code: str, year: int, *, seed: int = 0, org_name: str = "") -> dict[str, Any]:
    """Facts that the engine rates exactly `star` (0–5), varied by `seed`."""
    facts = best_facts(org_code, year, org_name)
    if star >= 5:
        return facts
    specs = {s.name: s for s in rubric.contract_fields()}
    candidates = sorted(n for n in specs if n not in ("org_code", "org_name", "year") and
                        not n.startswith("disputes_") and n != "other_disqualification_reason")
    random.Random(seed * 7919 + star).shuffle(candidates)
    for name in candidates:
        trial = {**facts, name: _worst_value(specs[name])}
        if name == "other_disqualification" and trial[name]:
            trial["other_disqualification_reason"] = "示例"
        if engine.judge(trial).star == star:
            return trial
    # Spoiling one fact did not land on `star`: spoil more, lowest levels last.
    for name in candidates:
        facts = {**facts, name: _worst_value(specs[name])}
        if name == "other_disqualification" and facts[name]:
            facts["other_disqualification_reason"] = "示例"
        verdict = engine.judge(facts)
        if verdict.star == star:
            return facts
    raise ValueError(f"no facts found for {star} stars")


def _values_worst_first(spec: Any) -> list[Any]:
    """Every value a fact may take in demo data, from the worst to the best."""
    if spec.type == "boolean":
        bad_when_true = spec.name.endswith(("_violation", "_sanction", "disqualification"))
        return [True, False] if bad_when_true else [False, True]
    if spec.type == "string" and spec.enum:
        return list(spec.enum)
    if spec.name == "cultural_community_grade":
        return [0, 3, 2, 1]
    if spec.name.endswith(("_level", "_grade")) and spec.maximum is not None:
        return list(range(spec.minimum or 0, spec.maximum + 1))
    return [2, 1, 0]  # counts of bad events


def plausible_facts_for_star(star: int, org_code: str, year: int, *, seed: int = 0, org_name: str = "") -> dict[str, Any]:
    """Facts rated exactly `star` that look like a real community's: each fact is lowered, in
    random order and with some chance, as far as the star allows — a 3-star community has a
    city-level 文明社区, not a national one. Slower than `facts_for_star` (demo data only)."""
    rng = random.Random(seed * 104729 + star)
    facts = facts_for_star(star, org_code, year, seed=seed, org_name=org_name)
    specs = [s for s in rubric.contract_fields()
             if s.name not in ("org_code", "org_name", "year", "other_disqualification_reason",
                               "other_disqualification", "family_planning_violation",
                               "superior_criticism_or_sanction") and not s.name.startswith("disputes_")]
    rng.shuffle(specs)
    for spec in specs:
        if rng.random() < 0.25:
            continue
        current = facts.get(spec.name)
        for value in _values_worst_first(spec):
            if value == current:
                break
            trial = {**facts, spec.name: value}
            if engine.judge(trial).star == star:
                facts = trial
                break
    total = rng.randint(4, 30)
    mediated = total if star >= 1 else rng.randint(0, total)
    trial = {**facts, "disputes_total": total, "disputes_mediated": mediated, "disputes_resolved": mediated}
    return trial if engine.judge(trial).star == star else facts
