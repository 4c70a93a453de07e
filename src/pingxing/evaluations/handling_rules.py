"""Organizational handling (组织处置) as plain rules: the steps, their order, the quorum and the
deadlines. Pure Python (no Django): tested without a database.

Per 党章 第九条 and the 支部工作条例, as the county applies them:

- 基本不合格 → a rectification plan (整改) with a helper and a deadline, reviewed at the end.
- 不合格 → 限期改正; if unchanged, 劝其退党 (劝退); one who refuses is 除名.
  Each of these three steps is drafted by the branch committee (支委会), pre-reviewed by the
  street (预审), voted by the branch meeting (支部党员大会) with a quorum, and approved by the
  level above, before its outcome is recorded.

Handling is not a disciplinary sanction (组织处置不是党纪处分).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class StepKind(StrEnum):
    RECTIFY = "rectify"  # 整改 (基本不合格)
    CORRECT = "correct"  # 限期改正 (不合格)
    PERSUADE = "persuade"  # 劝其退党
    EXPEL = "expel"  # 除名


class Outcome(StrEnum):
    PASSED = "passed"  # 整改 / 改正 passed: the member changed
    NOT_PASSED = "not_passed"  # unchanged
    WITHDREW = "withdrew"  # accepted 劝退 and left the Party
    REFUSED = "refused"  # refused 劝退
    EXPELLED = "expelled"  # 除名 carried out


class Stage(StrEnum):
    """What a step still waits for, in order."""

    DRAFT = "draft"  # 支委会 drafting
    PREREVIEW = "prereview"  # 街道预审
    MEETING = "meeting"  # 支部党员大会表决
    APPROVAL = "approval"  # 上级党组织批准
    OUTCOME = "outcome"  # the review at the deadline / the member's answer
    DONE = "done"


GRADE_FIRST_STEP = {
    "basically_unqualified": StepKind.RECTIFY,
    "unqualified": StepKind.CORRECT,
}
# Outcomes that may end each step, and the step that follows an outcome (None: the case closes).
OUTCOMES: dict[StepKind, tuple[Outcome, ...]] = {
    StepKind.RECTIFY: (Outcome.PASSED, Outcome.NOT_PASSED),
    StepKind.CORRECT: (Outcome.PASSED, Outcome.NOT_PASSED),
    StepKind.PERSUADE: (Outcome.WITHDREW, Outcome.REFUSED),
    StepKind.EXPEL: (Outcome.EXPELLED,),
}
FOLLOWING: dict[tuple[StepKind, Outcome], StepKind] = {
    (StepKind.CORRECT, Outcome.NOT_PASSED): StepKind.PERSUADE,
    (StepKind.PERSUADE, Outcome.REFUSED): StepKind.EXPEL,
}


def first_step(final_grade: str) -> StepKind | None:
    """The first step of handling for a final grade; None when the grade needs none."""
    return GRADE_FIRST_STEP.get(final_grade)


def needs_procedure(kind: StepKind) -> bool:
    """限期改正, 劝退 and 除名 go through draft, pre-review, the meeting's vote and approval;
    a rectification plan is drafted and then reviewed at its deadline."""
    return kind is not StepKind.RECTIFY


def next_step(kind: StepKind, outcome: Outcome) -> StepKind | None:
    return FOLLOWING.get((kind, outcome))


@dataclass(frozen=True)
class StepFacts:
    kind: StepKind
    drafted: bool
    prereviewed: bool  # the street has passed it
    voted: bool  # the meeting has decided it
    approved: bool
    outcome: str  # "" while open


def stage_of(step: StepFacts) -> Stage:
    """The stage a step waits for; each one only after the one before."""
    if step.outcome:
        return Stage.DONE
    if not step.drafted:
        return Stage.DRAFT
    if not needs_procedure(step.kind):
        return Stage.OUTCOME
    if not step.prereviewed:
        return Stage.PREREVIEW
    if not step.voted:
        return Stage.MEETING
    if not step.approved:
        return Stage.APPROVAL
    return Stage.OUTCOME


def is_overdue(*, due_on: date | None, done: bool, today: date) -> bool:
    """A step is overdue when its deadline has passed and it is not done."""
    if due_on is None or done:
        return False
    return due_on < today


# --- the branch meeting's quorum ---------------------------------------------------------------

class QuorumProblem(StrEnum):
    NONE = ""
    BAD_NUMBERS = "bad_numbers"  # the figures do not add up
    TOO_FEW_PRESENT = "too_few_present"
    TOO_FEW_FOR = "too_few_for"


@dataclass(frozen=True)
class QuorumVerdict:
    entitled: int  # full members entitled to attend (excused not counted)
    present: int
    votes_for: int
    present_needed: int  # the least number present for the meeting to decide
    for_needed: int  # the least number of votes for a decision
    problem: QuorumProblem

    @property
    def passed(self) -> bool:
        return self.problem is QuorumProblem.NONE


def entitled_count(*, full_members: int, excused_full_members: int) -> int:
    """Full members entitled to attend and vote: probationary members do not vote, and members
    excused from the evaluation (abroad over six months, long illness, incapacity) do not count."""
    return max(0, full_members - excused_full_members)


def more_than_half(n: int) -> int:
    """The least whole number that is more than half of n (n=10 → 6, n=9 → 5, n=0 → 1)."""
    return n // 2 + 1


def quorum_check(*, entitled: int, present: int, votes_for: int, votes_against: int = 0,
                 abstained: int = 0) -> QuorumVerdict:
    """The meeting decides only with more than half of the entitled present, and a decision
    needs more than half of the entitled voting for it (中国共产党支部工作条例 第十九条:
    "赞成人数超过应到会有表决权的党员的半数，才能通过")."""
    present_needed, for_needed = more_than_half(entitled), more_than_half(entitled)

    def verdict(problem: QuorumProblem) -> QuorumVerdict:
        return QuorumVerdict(entitled, present, votes_for, present_needed, for_needed, problem)

    if min(entitled, present, votes_for, votes_against, abstained) < 0:
        return verdict(QuorumProblem.BAD_NUMBERS)
    if present > entitled or votes_for + votes_against + abstained > present:
        return verdict(QuorumProblem.BAD_NUMBERS)
    if present < present_needed:
        return verdict(QuorumProblem.TOO_FEW_PRESENT)
    if votes_for < for_needed:
        return verdict(QuorumProblem.TOO_FEW_FOR)
    return verdict(QuorumProblem.NONE)
