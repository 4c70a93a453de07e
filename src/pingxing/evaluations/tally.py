"""Counting the ballots (pure): from (class, marks) pairs to each member's tallies and the
turnout — the same figures for the page, the report and `pingxing evaluation tally`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pingxing.evaluations.proposal import (
    GRADES,
    ClassTally,
    Proposal,
    Rules,
    VoterClass,
    propose_all,
)


class MarksError(ValueError):
    """A ballot that cannot be cast: the message says which member and what is wrong."""


def check_marks(marks: Mapping[str, Any], *, gradable: Sequence[int], conduct_codes: Iterable[str],
                names: Mapping[int, str] | None = None,
                grades: Iterable[str] = GRADES) -> dict[str, dict[str, Any]]:
    """The marks of one ballot, normalized: every gradable roll entry graded exactly once with
    one of the grades of the evaluation's subject (the five grades of a members' evaluation,
    unless said otherwise), conduct items from the checklist only, nothing else."""
    names = names or {}
    allowed = set(conduct_codes)
    grade_values = {str(g) for g in grades}
    expected = {str(i) for i in gradable}
    clean: dict[str, dict[str, Any]] = {}
    for key, mark in marks.items():
        key = str(key)
        if key not in expected:
            raise MarksError("选票中有不在本次评议名单上的人员（或本人）。")
        grade = (mark or {}).get("g")
        if grade not in grade_values:
            raise MarksError(f"请为“{names.get(int(key), key)}”选择一个等次。")
        conduct = sorted({str(c) for c in (mark or {}).get("c", [])})
        if not set(conduct) <= allowed:
            raise MarksError(f"“{names.get(int(key), key)}”的反向情形不在清单中。")
        clean[key] = {"g": grade, "c": conduct}
    missing = expected - set(clean)
    if missing:
        who = "、".join(names.get(int(k), k) for k in sorted(missing, key=int)[:3])
        raise MarksError(f"还有{len(missing)}名党员未选择等次：{who}{'等' if len(missing) > 3 else ''}。")
    return clean


@dataclass(frozen=True)
class Count:
    ballots: Mapping[str, int]  # per class
    tallies: Mapping[int, Mapping[str, ClassTally | None]]  # roll entry → class → tally (None: suppressed)
    suppressed: frozenset[str]  # classes with fewer ballots than the minimum


def count(ballots: Iterable[tuple[str, Mapping[str, Any]]], roll: Sequence[int], *, min_ballots: int,
          grade_set: Sequence[Any] = GRADES) -> Count:
    """Each roll entry's tally per voter class; `grade_set` is the grade enum of the subject
    (the five grades of a members' evaluation unless said otherwise)."""
    lookup = {str(g): g for g in grade_set}
    per_class: Counter[str] = Counter()
    grades: dict[tuple[int, str], Counter[Any]] = {}
    graded: Counter[tuple[int, str]] = Counter()
    conduct: Counter[tuple[int, str]] = Counter()
    items: dict[tuple[int, str], Counter[str]] = {}
    roll_set = set(roll)
    for voter_class, marks in ballots:
        per_class[voter_class] += 1
        for key, mark in marks.items():
            entry = int(key)
            if entry not in roll_set:
                continue
            slot = (entry, voter_class)
            graded[slot] += 1
            grades.setdefault(slot, Counter())[lookup[mark["g"]]] += 1
            if mark.get("c"):
                conduct[slot] += 1
                items.setdefault(slot, Counter()).update(mark["c"])
    suppressed = frozenset(c.value for c in VoterClass if per_class[c.value] < min_ballots)
    tallies: dict[int, dict[str, ClassTally | None]] = {}
    for entry in roll:
        tallies[entry] = {}
        for voter_class in VoterClass:
            slot = (entry, voter_class.value)
            tallies[entry][voter_class.value] = None if voter_class.value in suppressed else ClassTally(
                ballots=graded[slot], grades=dict(grades.get(slot, {})),
                conduct_ballots=conduct[slot], conduct_items=dict(items.get(slot, {})))
    return Count(ballots={c.value: per_class[c.value] for c in VoterClass}, tallies=tallies,
                 suppressed=suppressed)


def proposals(result: Count, rules: Rules) -> dict[int, Proposal]:
    return propose_all(result.tallies, rules)
