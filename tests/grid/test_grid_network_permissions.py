"""Who keeps and reads grids, households and visit diaries, over the role × organization matrix
(pure: no database)."""

from __future__ import annotations

import pytest

from matrix import CASES, actor, target
from pingxing.accounts.roles import ALL_ROLES
from pingxing.core.scope import Actor
from pingxing.grid.permissions import (
    CommunityFacts,
    GridFacts,
    can_grade_visit,
    can_keep_community,
    can_keep_households,
    can_read_grid,
    can_record_visit,
    can_see_diary_menu,
    can_see_grid_menu,
)

T, F = True, False
# (read, keep) of a grid in a community at each target, per role (own = the user's organization)
EXPECTED = {
    "county": {"own": (T, F), "child": (T, F), "sibling": (T, F), "other_street": (T, F), "county": (T, F)},
    "street": {"own": (T, F), "child": (T, F), "sibling": (T, F), "other_street": (F, F), "county": (F, F)},
    "secretary": {"own": (T, T), "child": (F, F), "sibling": (F, F), "other_street": (F, F), "county": (F, F)},
    "clerk": {"own": (T, T), "child": (F, F), "sibling": (F, F), "other_street": (F, F), "county": (F, F)},
    "member": {"own": (F, F), "child": (F, F), "sibling": (F, F), "other_street": (F, F), "county": (F, F)},
    "admin": {"own": (F, F), "child": (F, F), "sibling": (F, F), "other_street": (F, F), "county": (F, F)},
}


def _grid(path: str, org_id: int, **team: frozenset[int]) -> GridFacts:
    return GridFacts(community_id=org_id, community_path=path, **team)


@pytest.mark.parametrize(("role", "_i", "name"), CASES)
def test_the_matrix_of_reading_and_keeping_grids(role, _i, name):
    # a grid of the office's own organization is read through the subtree too
    where = target(role, name)
    grid = _grid(where.path, where.org_id)
    who = actor(role)
    read, keep = EXPECTED[role][name]
    assert can_read_grid(who, grid) is read
    assert can_keep_community(who, CommunityFacts(where.org_id, where.path)) is keep
    assert can_keep_households(who, grid) is keep
    assert can_record_visit(who, grid) is keep


def test_the_offices_read_their_own_subtree_grids():
    grid = _grid("/1/2/3/", 3)
    assert can_read_grid(actor("street"), grid) and can_read_grid(actor("county"), grid)
    assert not can_keep_households(actor("street"), grid)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_team_member_reads_keeps_and_records_in_their_grid_whatever_their_role(role):
    far = _grid("/1/5/6/", 6, team_users=frozenset({501}))
    person = Actor(role=role, org_path="/1/2/3/", org_id=3, user_id=501)
    assert can_read_grid(person, far) and can_keep_households(person, far) and can_record_visit(person, far)
    assert not can_grade_visit(person, far)


def test_a_team_member_is_known_by_account_or_by_member_record():
    grid = _grid("/1/2/3/", 3, team_members=frozenset({77}), leader_members=frozenset({77}))
    assert can_record_visit(actor("member"), grid)
    assert can_grade_visit(actor("member"), grid)
    assert not can_record_visit(actor("member", member_id=78), grid)


def test_only_a_leader_of_the_grid_grades():
    grid = _grid("/1/2/3/", 3, team_users=frozenset({1, 2}), leader_users=frozenset({1}))
    assert can_grade_visit(Actor(role="member", user_id=1), grid)
    assert not can_grade_visit(Actor(role="member", user_id=2), grid)
    assert not can_grade_visit(actor("secretary"), grid)


def test_the_menus_follow_team_membership():
    assert can_see_grid_menu(actor("clerk"), on_a_team=False)
    assert not can_see_grid_menu(actor("member"), on_a_team=False)
    assert can_see_grid_menu(actor("member"), on_a_team=True)
    assert not can_see_diary_menu(actor("member"), on_a_team=False)
    assert can_see_diary_menu(actor("member"), on_a_team=True)
    assert not can_see_diary_menu(actor("secretary"), on_a_team=False)
