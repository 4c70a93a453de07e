"""The subjects of an evaluation (pure): the grades each ballot marks, the steps each goes
through, the satisfaction rate; the count and the check of marks take the subject's grades."""

from __future__ import annotations

import pytest

from pingxing.evaluations.proposal import GRADES
from pingxing.evaluations.subjects import (
    SATISFACTION_GRADES,
    STEPS,
    Satisfaction,
    Subject,
    grades_of,
    next_step,
    percent,
    satisfaction_rate,
)
from pingxing.evaluations.tally import MarksError, check_marks, count


def test_the_leadership_skips_self_assessment_and_assessment():
    assert [next_step("leadership", s) for s in STEPS[Subject.LEADERSHIP]] == ["balloting", "closed", "published",
                                                                               None]
    assert next_step("members", "preparation") == "self_assessment"
    assert next_step("members", "closed") == "assessed"
    assert next_step("leadership", "assessed") is None


def test_each_subject_has_its_own_grades():
    assert grades_of("members") == GRADES and len(GRADES) == 5
    assert [g.value for g in grades_of("leadership")] == ["satisfied", "basically_satisfied", "dissatisfied"]


def test_check_marks_accepts_only_the_grades_asked_for():
    leadership = [g.value for g in SATISFACTION_GRADES]
    assert check_marks({"1": {"g": "satisfied"}}, gradable=[1], conduct_codes=[], grades=leadership) == {
        "1": {"g": "satisfied", "c": []}}
    with pytest.raises(MarksError, match="选择一个等次"):
        check_marks({"1": {"g": "excellent"}}, gradable=[1], conduct_codes=[], grades=leadership)
    with pytest.raises(MarksError, match="选择一个等次"):
        check_marks({"1": {"g": "satisfied"}}, gradable=[1], conduct_codes=[])  # the five grades by default


def test_the_count_and_the_satisfaction_rate_of_a_committee_member():
    ballots = [("members", {"1": {"g": g, "c": []}}) for g in ("satisfied", "satisfied", "basically_satisfied",
                                                               "dissatisfied", "dissatisfied", "satisfied")]
    ballots += [("masses", {"1": {"g": "satisfied", "c": []}})] * 4
    result = count(ballots, [1], min_ballots=5, grade_set=SATISFACTION_GRADES)
    tally = result.tallies[1]["members"]
    assert tally.grades == {Satisfaction.SATISFIED: 3, Satisfaction.BASICALLY_SATISFIED: 1,
                            Satisfaction.DISSATISFIED: 2}
    assert percent(satisfaction_rate(tally.grades, tally.ballots)) == "66.7%"
    assert result.suppressed == frozenset({"masses"}) and result.tallies[1]["masses"] is None
    assert satisfaction_rate({}, 0) is None and percent(None) == "—"


def test_whose_account_casts_the_members_ballot():
    from pingxing.evaluations.permissions import may_cast_members_ballot

    assert may_cast_members_ballot(leadership=False, on_roll=True, member_of_organization=True)
    assert not may_cast_members_ballot(leadership=False, on_roll=False, member_of_organization=True)
    assert may_cast_members_ballot(leadership=True, on_roll=False, member_of_organization=True)
    assert not may_cast_members_ballot(leadership=True, on_roll=True, member_of_organization=False)
