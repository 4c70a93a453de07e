"""Who may run, see and take part in a democratic evaluation (pure: plain values in).

- The organization's own Party staff (secretary, clerk) run its evaluation: roll, dates,
  codes, paper entry, tally, grades, publication.
- The street and the county see the evaluations of their subtree (progress, turnout,
  results once tallied) and pre-review handling; they never vote and never run it.
- A member on the roll writes their self-assessment and casts one ballot in their account; in
  an evaluation of the leadership every member of the organization casts one (on the roll or
  not), never grading themselves.
- Nobody — of any role — sees a figure of the ballots before the tally.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor, within

RUNNING_ROLES = frozenset({Role.SECRETARY, Role.CLERK})
OVERSEEING_ROLES = frozenset({Role.STREET, Role.COUNTY})


@dataclass(frozen=True)
class EvaluationFacts:
    org_path: str
    org_id: int
    state: str
    tallied: bool


def can_run_evaluation(actor: Actor, evaluation: EvaluationFacts) -> bool:
    if actor.role not in RUNNING_ROLES:
        return False
    return actor.org_id == evaluation.org_id


def can_start_evaluation(actor: Actor, org_id: int) -> bool:
    if actor.role not in RUNNING_ROLES:
        return False
    return actor.org_id == org_id


def can_oversee_evaluation(actor: Actor, evaluation: EvaluationFacts) -> bool:
    if actor.role not in OVERSEEING_ROLES:
        return False
    return within(evaluation.org_path, actor.org_path)


def can_read_evaluation(actor: Actor, evaluation: EvaluationFacts) -> bool:
    return can_run_evaluation(actor, evaluation) or can_oversee_evaluation(actor, evaluation)


def can_see_results(actor: Actor, evaluation: EvaluationFacts) -> bool:
    """Figures of the ballots: only after the tally, and only for those who read the evaluation."""
    if not evaluation.tallied:
        return False
    return can_read_evaluation(actor, evaluation)


def can_vote_as_member(actor: Actor, *, on_roll: bool, balloting: bool) -> bool:
    if actor.member_id is None:
        return False
    if not on_roll:
        return False
    return balloting


def may_cast_members_ballot(*, leadership: bool, on_roll: bool, member_of_organization: bool) -> bool:
    """Whose account casts the members' ballot: the roll (not excused) of a members'
    evaluation; every member of the organization for the leadership's."""
    if leadership:
        return member_of_organization
    return on_roll


def can_prereview_handling(actor: Actor, org_path: str) -> bool:
    """预审 of organizational handling: the street (or the county) above the organization."""
    if actor.role not in OVERSEEING_ROLES:
        return False
    return within(org_path, actor.org_path)


def can_browse_evaluations(actor: Actor) -> bool:
    """The 民主评议 menu entry for staff."""
    return actor.role in RUNNING_ROLES | OVERSEEING_ROLES
