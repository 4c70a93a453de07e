"""An organization with eight members with accounts, one without, a members' evaluation in
balloting and an evaluation of its leadership (three committee members on the roll)."""

from __future__ import annotations

import secrets
from typing import Any

from evaluation_world import make_evaluation_world

from factories import make_member, make_user

# The hand-computed fixture: the members' ballots (voter index → grades of roll positions 0, 1, 2;
# None where the voter is that committee member) and the residents' representatives' ballots.
S, B, D = "satisfied", "basically_satisfied", "dissatisfied"
MEMBER_BALLOTS = {
    0: (None, S, D),  # committee member 0 votes, never grading themselves
    3: (S, S, B),
    4: (S, B, D),
    5: (B, S, D),
    6: (D, S, B),
    7: (S, D, S),
}
CODE_BALLOTS = [(S, B, D)] * 5
# What the count says: per roll position, (satisfied, basically, dissatisfied, ballots, rate shown).
EXPECTED_MEMBERS = [(3, 1, 1, 5, "80%"), (4, 1, 1, 6, "83.3%"), (1, 2, 3, 6, "50%")]
EXPECTED_MASSES = [(5, 0, 0, 5, "100%"), (0, 5, 0, 5, "100%"), (0, 0, 5, 5, "0%")]


def make_leadership_world(*, state: str = "balloting") -> Any:
    from pingxing.evaluations import services

    w = make_evaluation_world(members=8, state="balloting")
    w.members_evaluation = w.evaluation
    w.no_account = make_member(organization=w.org)
    w.outsider = make_user(role="member", organization=w.other_org, member=make_member(organization=w.other_org))
    w.committee = w.members[:3]
    w.leadership = services.leadership_evaluation_create(
        organization=w.org, year=w.members_evaluation.year, member_ids=[m.pk for m in w.committee], by=w.secretary)
    if state == "balloting":
        w.leadership = services.evaluation_advance(evaluation=w.leadership, by=w.secretary)
    by_member = {e.member_id: e for e in w.leadership.roll.all()}
    w.roll = [by_member[m.pk] for m in w.committee]
    return w


def leadership_marks(w: Any, grades: tuple[str | None, ...]) -> dict[str, Any]:
    return {str(entry.pk): {"g": g, "c": []} for entry, g in zip(w.roll, grades, strict=True) if g is not None}


def cast_fixture(w: Any) -> None:
    """Every ballot of the hand-computed fixture, through the real casting services."""
    from pingxing.evaluations import services
    from pingxing.evaluations.casting import ballot_cast_by_code, ballot_cast_by_member

    for index, grades in MEMBER_BALLOTS.items():
        ballot_cast_by_member(evaluation=w.leadership, user=w.accounts[index], request_key=secrets.token_urlsafe(12),
                              marks=leadership_marks(w, grades))
    for code, grades in zip(services.codes_issue(evaluation=w.leadership, count_=len(CODE_BALLOTS), by=w.secretary),
                            CODE_BALLOTS, strict=True):
        ballot_cast_by_code(code=code, request_key=secrets.token_urlsafe(12), marks=leadership_marks(w, grades))
