"""The pure rules of organizational handling: the quorum of the branch meeting, the order of
the stages, the chain 限期改正 → 劝退 → 除名, and what is overdue. No database, no Django."""

from __future__ import annotations

from datetime import date

import pytest

from pingxing.evaluations.handling_rules import (
    Outcome,
    QuorumProblem,
    Stage,
    StepFacts,
    StepKind,
    entitled_count,
    first_step,
    is_overdue,
    more_than_half,
    next_step,
    quorum_check,
    stage_of,
)


@pytest.mark.parametrize(("n", "least"), [(0, 1), (1, 1), (2, 2), (9, 5), (10, 6), (11, 6)])
def test_more_than_half_is_the_least_whole_number_above_half(n, least):
    assert more_than_half(n) == least


def test_probationary_members_are_not_counted_and_excused_members_are_taken_off():
    # The caller counts full members only; the excused among them do not count either.
    assert entitled_count(full_members=12, excused_full_members=2) == 10
    assert entitled_count(full_members=1, excused_full_members=3) == 0


def test_half_of_the_entitled_present_is_not_enough():
    verdict = quorum_check(entitled=10, present=5, votes_for=5)
    assert not verdict.passed
    assert verdict.problem is QuorumProblem.TOO_FEW_PRESENT
    assert (verdict.entitled, verdict.present, verdict.present_needed) == (10, 5, 6)


def test_more_than_half_present_and_more_than_half_of_the_entitled_for_decides():
    # 支部工作条例 第十九条: 赞成人数超过应到会有表决权的党员的半数.
    assert quorum_check(entitled=10, present=7, votes_for=6, votes_against=1).passed
    assert quorum_check(entitled=9, present=5, votes_for=5).passed


def test_a_majority_of_those_present_is_not_enough_without_a_majority_of_the_entitled():
    verdict = quorum_check(entitled=10, present=6, votes_for=4, votes_against=2)
    assert verdict.problem is QuorumProblem.TOO_FEW_FOR
    assert verdict.for_needed == 6


@pytest.mark.parametrize("figures", [
    {"entitled": 5, "present": 6, "votes_for": 6},  # more present than entitled
    {"entitled": 10, "present": 6, "votes_for": 5, "votes_against": 2},  # more votes than present
    {"entitled": 10, "present": 6, "votes_for": -1},
])
def test_figures_that_do_not_add_up_are_refused(figures):
    assert quorum_check(**figures).problem is QuorumProblem.BAD_NUMBERS


def test_a_meeting_with_nobody_entitled_cannot_decide():
    assert not quorum_check(entitled=0, present=0, votes_for=0).passed


def test_the_two_low_grades_start_their_own_handling_and_the_others_none():
    assert first_step("basically_unqualified") is StepKind.RECTIFY
    assert first_step("unqualified") is StepKind.CORRECT
    assert first_step("qualified") is None and first_step("") is None


def test_unchanged_after_correction_leads_to_persuasion_and_refusal_to_expulsion():
    assert next_step(StepKind.CORRECT, Outcome.NOT_PASSED) is StepKind.PERSUADE
    assert next_step(StepKind.PERSUADE, Outcome.REFUSED) is StepKind.EXPEL
    assert next_step(StepKind.CORRECT, Outcome.PASSED) is None
    assert next_step(StepKind.PERSUADE, Outcome.WITHDREW) is None
    assert next_step(StepKind.EXPEL, Outcome.EXPELLED) is None
    assert next_step(StepKind.RECTIFY, Outcome.NOT_PASSED) is None


def _facts(kind: StepKind = StepKind.CORRECT, **done: bool) -> StepFacts:
    values = {"drafted": False, "prereviewed": False, "voted": False, "approved": False, **done}
    return StepFacts(kind=kind, outcome="", **values)


def test_each_stage_comes_only_after_the_one_before():
    assert stage_of(_facts()) is Stage.DRAFT
    assert stage_of(_facts(drafted=True)) is Stage.PREREVIEW
    assert stage_of(_facts(drafted=True, prereviewed=True)) is Stage.MEETING
    assert stage_of(_facts(drafted=True, prereviewed=True, voted=True)) is Stage.APPROVAL
    assert stage_of(_facts(drafted=True, prereviewed=True, voted=True, approved=True)) is Stage.OUTCOME
    # Approval without the meeting's vote does not skip the vote.
    assert stage_of(_facts(drafted=True, prereviewed=True, approved=True)) is Stage.MEETING


def test_a_rectification_plan_goes_from_its_draft_to_its_review():
    assert stage_of(_facts(StepKind.RECTIFY, drafted=True)) is Stage.OUTCOME
    done = StepFacts(kind=StepKind.RECTIFY, drafted=True, prereviewed=False, voted=False, approved=False,
                     outcome="passed")
    assert stage_of(done) is Stage.DONE


def test_a_step_is_overdue_only_past_its_deadline_and_not_done():
    today = date(2026, 12, 1)
    assert is_overdue(due_on=date(2026, 11, 30), done=False, today=today)
    assert not is_overdue(due_on=date(2026, 12, 1), done=False, today=today)  # due today: not yet
    assert not is_overdue(due_on=date(2026, 11, 30), done=True, today=today)
    assert not is_overdue(due_on=None, done=False, today=today)
