"""Who plays which part on a case, and who may read it (pure: the role × organization matrix)."""

from __future__ import annotations

import pytest

from matrix import TARGETS, actor, target
from pingxing.accounts.roles import ALL_ROLES
from pingxing.core.scope import Actor
from pingxing.grid.permissions_cases import (
    NO_TEAM,
    CaseAccessFacts,
    TeamFacts,
    can_browse_cases,
    can_export_cases,
    can_open_case,
    can_read_case,
    case_roles,
)
from pingxing.grid.workflow import Role

# Staff of the user's own community dispatch and check; the street of the community too;
# the county reads only; a member or the administrator nothing (unless on a team).
READS = {
    "county": {"own": True, "child": True, "sibling": True, "other_street": True, "county": True},
    "street": {"own": True, "child": True, "sibling": True, "other_street": False, "county": False},
    "secretary": {"own": True, "child": True, "sibling": False, "other_street": False, "county": False},
    "clerk": {"own": True, "child": True, "sibling": False, "other_street": False, "county": False},
    "member": {"own": False, "child": False, "sibling": False, "other_street": False, "county": False},
    "admin": {"own": False, "child": False, "sibling": False, "other_street": False, "county": False},
}
DISPATCHES = {
    "county": dict.fromkeys(TARGETS, False),
    "street": {"own": True, "child": True, "sibling": True, "other_street": False, "county": False},
    "secretary": {"own": True, "child": False, "sibling": False, "other_street": False, "county": False},
    "clerk": {"own": True, "child": False, "sibling": False, "other_street": False, "county": False},
    "member": dict.fromkeys(TARGETS, False),
    "admin": dict.fromkeys(TARGETS, False),
}


def case_at(name: str, role: str, **more) -> CaseAccessFacts:
    t = target(role, name)
    return CaseAccessFacts(community_id=t.org_id, community_path=t.path, **more)


@pytest.mark.parametrize("role", [r.value for r in ALL_ROLES])
@pytest.mark.parametrize("name", TARGETS)
def test_reading_and_dispatching_follow_the_organization_tree(role, name):
    case = case_at(name, role)
    assert can_read_case(actor(role), NO_TEAM, case) is READS[role][name]
    dispatcher = Role.DISPATCHER in case_roles(actor(role), NO_TEAM, case)
    assert dispatcher is DISPATCHES[role][name]
    assert (Role.CHECKER in case_roles(actor(role), NO_TEAM, case)) is dispatcher


def test_a_team_member_works_the_cases_of_their_grid_and_a_leader_leads_it():
    member = actor("member")
    team = TeamFacts(grids=frozenset({5}), leads=frozenset())
    leader = TeamFacts(grids=frozenset({5}), leads=frozenset({5}))
    case = case_at("sibling", "member", grid_id=5)
    assert case_roles(member, team, case) == (Role.GRID_WORKER,)
    assert case_roles(member, leader, case) == (Role.GRID_WORKER, Role.TEAM_LEADER)
    assert can_read_case(member, team, case)
    assert not can_read_case(member, team, case_at("sibling", "member", grid_id=6))


def test_the_receiver_of_a_dispatch_handles_it():
    member = Actor(role="member", org_path="/1/2/3/", org_id=3, member_id=77, user_id=40)
    assert case_roles(member, NO_TEAM, case_at("sibling", "member", assigned_user_id=40)) == (Role.HANDLER,)
    assert case_roles(member, TeamFacts(grids=frozenset({8})),
                      case_at("sibling", "member", assigned_grid_id=8)) == (Role.HANDLER,)
    # A department acts through the community's dispatcher.
    secretary = actor("secretary")
    roles = case_roles(secretary, NO_TEAM, case_at("own", "secretary", assigned_department_id=2))
    assert roles == (Role.HANDLER, Role.CHECKER, Role.DISPATCHER)
    assert case_roles(member, NO_TEAM, case_at("own", "member", assigned_department_id=2)) == ()


def test_the_menu_export_and_new_case_follow_the_roles():
    assert [r for r in ALL_ROLES if can_browse_cases(actor(r), NO_TEAM)] == ["county", "street", "secretary", "clerk"]
    assert can_browse_cases(actor("member"), TeamFacts(grids=frozenset({1})))
    assert not can_export_cases(actor("member"))
    own = target("secretary", "own")
    assert can_open_case(actor("secretary"), NO_TEAM, own.org_id, own.path)
    assert not can_open_case(actor("county"), NO_TEAM, own.org_id, own.path)
    assert can_open_case(actor("member"), TeamFacts(grids=frozenset({3})), own.org_id, own.path, grid_id=3)
