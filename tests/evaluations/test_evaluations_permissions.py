"""Who runs, oversees and reads a democratic evaluation, over the role × organization matrix;
and nobody of any role sees a figure before the tally (pure)."""

from __future__ import annotations

import pytest

from matrix import TARGETS, actor
from pingxing.evaluations.permissions import (
    EvaluationFacts,
    can_oversee_evaluation,
    can_read_evaluation,
    can_run_evaluation,
    can_see_results,
)

# An evaluation of a community (a Party organization): which community, relative to the user.
COMMUNITY = {"own": "/1/2/3/", "sibling": "/1/2/4/", "other_street": "/1/5/6/"}


def facts(where: str, *, tallied: bool = False) -> EvaluationFacts:
    path = COMMUNITY[where]
    return EvaluationFacts(org_path=path, org_id=int(path.strip("/").split("/")[-1]), state="balloting",
                           tallied=tallied)


RUN = {  # role → communities whose evaluation it runs
    "county": set(), "street": set(), "secretary": {"own"}, "clerk": {"own"}, "member": set(), "admin": set(),
}
OVERSEE = {
    "county": {"own", "sibling", "other_street"}, "street": {"own", "sibling"}, "secretary": set(),
    "clerk": set(), "member": set(), "admin": set(),
}


@pytest.mark.parametrize("role", list(RUN))
@pytest.mark.parametrize("where", list(COMMUNITY))
def test_the_matrix(role: str, where: str):
    who = actor(role)
    assert can_run_evaluation(who, facts(where)) is (where in RUN[role])
    assert can_oversee_evaluation(who, facts(where)) is (where in OVERSEE[role])
    assert can_read_evaluation(who, facts(where)) is (where in RUN[role] | OVERSEE[role])
    assert can_see_results(who, facts(where)) is False  # before the tally: nobody
    assert can_see_results(who, facts(where, tallied=True)) is (where in RUN[role] | OVERSEE[role])


def test_the_matrix_covers_the_targets_that_hold_an_evaluation():
    assert set(COMMUNITY) <= set(TARGETS)
