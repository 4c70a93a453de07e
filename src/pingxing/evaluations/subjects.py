"""What an evaluation evaluates (pure): Party members (民主评议党员, seed 三.2.一) or the members
of the organization's leadership (民主评议班子成员, seed 四.1 and the annex's 4★/5★ 述职述廉),
with the grades a ballot of each subject marks and the steps each goes through.

Both subjects share the secret ballot (casting.py), the count (tally.py) and the suppression of
a class below the minimum of ballots; only members' evaluations have proposals, self-assessment
and the organization's final grades.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pingxing.evaluations.proposal import GRADE_TEXT, GRADES


class Subject(StrEnum):
    MEMBERS = "members"  # 民主评议党员
    LEADERSHIP = "leadership"  # 民主评议班子成员


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"


SATISFACTION_GRADES = tuple(Satisfaction)
SATISFACTION_TEXT = {
    Satisfaction.SATISFIED: "满意", Satisfaction.BASICALLY_SATISFIED: "基本满意", Satisfaction.DISSATISFIED: "不满意",
}
# The grades counted as satisfied in the satisfaction rate.
SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)

# The grades a ballot of each subject marks, in the order of the ballot and the tables.
GRADES_OF: Mapping[str, tuple[Any, ...]] = {Subject.MEMBERS: GRADES, Subject.LEADERSHIP: SATISFACTION_GRADES}
TEXT_OF: Mapping[str, Mapping[Any, str]] = {Subject.MEMBERS: GRADE_TEXT, Subject.LEADERSHIP: SATISFACTION_TEXT}

# The steps (亮程序) of each subject, in order: the one table every step checks. The state values
# are those of models.EvaluationState.
STEPS: Mapping[str, tuple[str, ...]] = {
    Subject.MEMBERS: ("preparation", "self_assessment", "balloting", "closed", "assessed", "published"),
    Subject.LEADERSHIP: ("preparation", "balloting", "closed", "published"),
}


def grades_of(subject: str) -> tuple[Any, ...]:
    return GRADES_OF[Subject(subject)]


def next_step(subject: str, state: Any) -> str | None:
    """The step after `state` for an evaluation of `subject`, or None at the end."""
    steps = STEPS[Subject(subject)]
    if state not in steps:
        return None
    index = steps.index(state)
    return steps[index + 1] if index + 1 < len(steps) else None


def has_step(subject: str, state: Any) -> bool:
    return state in STEPS[Subject(subject)]


def satisfaction_rate(grades: Mapping[Any, int], ballots: int) -> float | None:
    """(满意 + 基本满意) / ballots that graded the person; None without ballots."""
    if not ballots:
        return None
    return sum(grades.get(g, 0) for g in SATISFIED) / ballots


def percent(share: float | None) -> str:
    """A share as the pages print it: 83.3%; an em dash when there is none."""
    if share is None:
        return "—"
    return f"{round(share * 100, 1):g}%"
