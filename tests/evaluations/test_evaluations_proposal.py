"""The result rules propose grades exactly as computed by hand; another rules file changes the
proposals without any change of code. Pure: no Django, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from pingxing.evaluations.proposal import (
    RULES_DIR,
    ClassTally,
    Grade,
    RulesError,
    available_rules,
    load_rules,
    parse_rules,
    propose_all,
    propose_one,
)

E, Q, BQ, BU, U = (Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASICALLY_QUALIFIED, Grade.BASICALLY_UNQUALIFIED,
                   Grade.UNQUALIFIED)
RULES = load_rules(RULES_DIR / "keqiao-2010.toml")


def tally(**grades: int) -> ClassTally:
    counts = {Grade(k): v for k, v in grades.items() if k != "conduct"}
    return ClassTally(ballots=sum(counts.values()), grades=counts, conduct_ballots=grades.get("conduct", 0))


def test_excellent_needs_sixty_percent_of_members_and_half_of_the_masses():
    # 6 of 10 members (60%) and 4 of 8 masses (50%): rule 3 fires.
    proposal = propose_one({"members": tally(excellent=6, qualified=4), "masses": tally(excellent=4, qualified=4)},
                           RULES)
    assert (proposal.grade, proposal.rule) == (E, 3)
    assert "党员测评10票（优秀6、合格4" in proposal.explanation and "第3条规则" in proposal.explanation
    # 5 of 10 members (50%): qualified by default.
    assert propose_one({"members": tally(excellent=5, qualified=5), "masses": tally(excellent=8)}, RULES).grade == Q


def test_unqualified_when_the_masses_trust_is_under_half():
    # Masses: excellent 1 + qualified 2 of 7 = 43% < 50% (基本合格 does not count as trust).
    proposal = propose_one({"members": tally(qualified=10), "masses": tally(excellent=1, qualified=2,
                                                                          basically_qualified=4)}, RULES)
    assert (proposal.grade, proposal.rule) == (U, 1)
    # Exactly half is not under half: 4 of 8 → not this rule; members 100% qualified → qualified.
    assert propose_one({"members": tally(qualified=10), "masses": tally(qualified=4, basically_qualified=4)},
                       RULES).grade == Q


def test_unqualified_when_more_than_half_of_members_tick_negative_conduct():
    members = ClassTally(ballots=10, grades={Q: 10}, conduct_ballots=6)
    assert propose_one({"members": members, "masses": tally(qualified=8)}, RULES).grade == U
    half = ClassTally(ballots=10, grades={Q: 10}, conduct_ballots=5)  # exactly half: not more than half
    assert propose_one({"members": half, "masses": tally(qualified=8)}, RULES).grade == Q


def test_basically_unqualified_at_a_third_of_the_two_lowest_grades():
    # Members: 4 of 12 (33.3%) basically unqualified or unqualified → 0.3333 < 0.3334: no; 5 of 12: yes.
    four = propose_one({"members": tally(qualified=8, basically_unqualified=4), "masses": tally(qualified=8)}, RULES)
    five = propose_one({"members": tally(qualified=7, basically_unqualified=3, unqualified=2),
                        "masses": tally(qualified=8)}, RULES)
    assert four.grade == BQ  # qualified and above 8/12 = 66.7% < 70%: rule 4
    assert (five.grade, five.rule) == (BU, 2)


def test_basically_qualified_below_seventy_percent_qualified_or_better():
    assert propose_one({"members": tally(excellent=2, qualified=4, basically_qualified=4),
                        "masses": tally(qualified=8)}, RULES).grade == BQ
    assert propose_one({"members": tally(excellent=2, qualified=5, basically_qualified=3),
                        "masses": tally(qualified=8)}, RULES).grade == Q


def test_a_suppressed_class_makes_its_conditions_unknown_never_true():
    proposal = propose_one({"members": tally(excellent=10), "masses": None}, RULES)
    assert proposal.grade == Q  # the 优秀 rule needs the masses too
    assert "群众测评：票数不足，不公布" in proposal.explanation


def test_the_cap_on_excellent_keeps_the_best_weighted_scores():
    best = {"members": tally(excellent=10), "masses": tally(excellent=8)}
    good = {"members": tally(excellent=7, qualified=3), "masses": tally(excellent=5, qualified=3)}
    plain = {"members": tally(qualified=10), "masses": tally(qualified=8)}
    roll = {1: best, 2: good, 3: plain, 4: plain, 5: plain, 6: plain}  # cap 30% of 6 = 1
    proposals = propose_all(roll, RULES)
    assert proposals[1].grade == E
    assert proposals[2].grade == Q and proposals[2].capped
    assert "不超过参评人数的30%" in proposals[2].explanation


def test_another_rules_file_changes_the_proposals_without_code(tmp_path: Path):
    text = (RULES_DIR / "keqiao-2010.toml").read_text(encoding="utf-8")
    strict = text.replace('id = "keqiao-2010"', 'id = "huashe-2011"').replace(
        '{ class = "members", share_of = ["excellent"], at_least = 0.6 }',
        '{ class = "members", share_of = ["excellent"], at_least = 0.8 }').replace(
        "excellent_share = 0.3", "excellent_share = 1.0")
    (tmp_path / "huashe-2011.toml").write_text(strict, encoding="utf-8")
    found = available_rules([tmp_path])
    assert set(found) == {"keqiao-2010@2010.1", "huashe-2011@2010.1"}
    ballots = {"members": tally(excellent=7, qualified=3), "masses": tally(excellent=5, qualified=3)}
    assert propose_one(ballots, found["keqiao-2010@2010.1"]).grade == E
    assert propose_one(ballots, found["huashe-2011@2010.1"]).grade == Q


@pytest.mark.parametrize("broken, message", [
    ('grade = "excellent"\nreason = "x"\nall = [{ class = "members", share_of = ["great"], at_least = 0.5 }]',
     "未知的等次"),
    ('grade = "excellent"\nreason = "x"\nall = [{ class = "members", share_of = ["excellent"], at_least = 1.5 }]',
     "0到1之间"),
    ('grade = "excellent"\nreason = "x"', "any 或 all"),
])
def test_a_broken_rules_file_is_refused_naming_the_rule(broken: str, message: str):
    text = 'id = "x"\nversion = "1"\ntitle = "t"\n[[propose]]\n' + broken
    with pytest.raises(RulesError, match=message) as caught:
        parse_rules(text, name="county.toml")
    assert "county.toml [[propose]] 第1条" in str(caught.value)
