"""Who administers which accounts: the whole role × organization-level matrix (pure)."""

from __future__ import annotations

import pytest

from pingxing.accounts.permissions import (
    AccountFacts,
    account_manage_reach,
    can_bulk_create_accounts,
    can_change_account,
    can_change_role,
    can_grant_role,
    can_manage_account,
    can_manage_accounts,
    grantable_roles,
    role_fits_level,
)
from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor

# county /1/ → street A /1/2/ (communities /1/2/5/, /1/2/6/) and street B /1/3/ (/1/3/7/).
COUNTY, STREET_A, A1, A2, STREET_B, B1 = "/1/", "/1/2/", "/1/2/5/", "/1/2/6/", "/1/3/", "/1/3/7/"
ACTORS = {
    Role.COUNTY: Actor(role=Role.COUNTY, org_path=COUNTY, org_id=1, user_id=101),
    Role.STREET: Actor(role=Role.STREET, org_path=STREET_A, org_id=2, user_id=102),
    Role.SECRETARY: Actor(role=Role.SECRETARY, org_path=A1, org_id=5, user_id=103),
    Role.CLERK: Actor(role=Role.CLERK, org_path=A1, org_id=5, user_id=104),
    Role.MEMBER: Actor(role=Role.MEMBER, org_path=A1, org_id=5, member_id=9, user_id=105),
    Role.ADMIN: Actor(role=Role.ADMIN, user_id=106),
}
# Targets named from the street user's point of view: own street, child, sibling, other street, county.
TARGETS = {
    "county office": AccountFacts(role=Role.COUNTY, org_path=COUNTY),
    "own street": AccountFacts(role=Role.STREET, org_path=STREET_A),
    "child secretary": AccountFacts(role=Role.SECRETARY, org_path=A1),
    "child clerk": AccountFacts(role=Role.CLERK, org_path=A1),
    "child member": AccountFacts(role=Role.MEMBER, org_path=A1),
    "sibling clerk": AccountFacts(role=Role.CLERK, org_path=A2),
    "other street": AccountFacts(role=Role.STREET, org_path=STREET_B),
    "other street's secretary": AccountFacts(role=Role.SECRETARY, org_path=B1),
    "administrator": AccountFacts(role=Role.ADMIN, org_path=""),
    "county administrator": AccountFacts(role=Role.ADMIN, org_path=COUNTY),
}
ALL_TARGETS = set(TARGETS)
IN_STREET_A = {"own street", "child secretary", "child clerk", "child member", "sibling clerk"}
MANAGES = {
    Role.ADMIN: ALL_TARGETS,
    Role.COUNTY: ALL_TARGETS - {"administrator", "county administrator"},
    Role.STREET: IN_STREET_A,
    Role.SECRETARY: set(),
    Role.CLERK: set(),
    Role.MEMBER: set(),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("target", list(TARGETS))
def test_who_manages_which_account(role, target):
    assert can_manage_account(ACTORS[role], TARGETS[target]) is (target in MANAGES[role])


# (role to give, organization path) → who may give it there.
GRANTS = {
    (Role.ADMIN, ""): {Role.ADMIN},
    (Role.ADMIN, COUNTY): {Role.ADMIN},
    (Role.COUNTY, COUNTY): {Role.ADMIN, Role.COUNTY},
    (Role.STREET, STREET_A): {Role.ADMIN, Role.COUNTY, Role.STREET},
    (Role.STREET, STREET_B): {Role.ADMIN, Role.COUNTY},
    (Role.SECRETARY, A1): {Role.ADMIN, Role.COUNTY, Role.STREET},
    (Role.CLERK, A2): {Role.ADMIN, Role.COUNTY, Role.STREET},
    (Role.MEMBER, A1): {Role.ADMIN, Role.COUNTY, Role.STREET},
    (Role.SECRETARY, B1): {Role.ADMIN, Role.COUNTY},
    (Role.CLERK, B1): {Role.ADMIN, Role.COUNTY},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("given", "path"), list(GRANTS))
def test_who_may_give_which_role_where(role, given, path):
    assert can_grant_role(ACTORS[role], given, path) is (role in GRANTS[(given, path)])


def test_a_street_committee_never_gives_the_county_or_administrator_role():
    street = ACTORS[Role.STREET]
    assert grantable_roles(street) == {Role.STREET, Role.SECRETARY, Role.CLERK, Role.MEMBER}
    assert not can_grant_role(street, Role.COUNTY, STREET_A)
    assert not can_grant_role(street, Role.ADMIN, STREET_A)


def test_only_an_administrator_gives_the_administrator_role():
    assert [r for r in Role if can_grant_role(ACTORS[r], Role.ADMIN, "")] == [Role.ADMIN]


@pytest.mark.parametrize(("role", "expected"), [
    (Role.ADMIN, True), (Role.COUNTY, True), (Role.STREET, True),
    (Role.SECRETARY, False), (Role.CLERK, False), (Role.MEMBER, False),
])
def test_the_account_pages_are_for_offices_and_administrators(role, expected):
    assert can_manage_accounts(ACTORS[role]) is expected
    assert can_bulk_create_accounts(ACTORS[role]) is expected


def test_an_office_user_without_an_organization_manages_nothing():
    homeless = Actor(role=Role.STREET)
    assert account_manage_reach(homeless).kind == "none"
    assert not can_manage_accounts(homeless)
    assert not can_manage_account(homeless, TARGETS["own street"])


def test_an_unknown_role_manages_nothing():
    stranger = Actor(role="", org_path=COUNTY)
    assert grantable_roles(stranger) == frozenset()
    assert not can_manage_account(stranger, TARGETS["child clerk"])


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COUNTY, Role.STREET])
def test_nobody_deactivates_or_changes_the_role_of_their_own_account(role):
    actor = ACTORS[role]
    own = AccountFacts(role=role, org_path=actor.org_path, user_id=actor.user_id)
    assert can_manage_account(actor, own)  # a password reset of one's own account is fine
    assert not can_change_account(actor, own)
    assert not can_change_role(actor, own, role, actor.org_path)


def test_changing_a_role_needs_both_the_account_and_the_new_role_within_reach():
    street = ACTORS[Role.STREET]
    clerk = AccountFacts(role=Role.CLERK, org_path=A1, user_id=7)
    assert can_change_role(street, clerk, Role.SECRETARY, A2)
    assert not can_change_role(street, clerk, Role.SECRETARY, B1)  # out of the street
    assert not can_change_role(street, clerk, Role.COUNTY, COUNTY)  # above the street


@pytest.mark.parametrize(("role", "level", "fits"), [
    (Role.COUNTY, "county", True), (Role.COUNTY, "street", False),
    (Role.STREET, "street", True), (Role.STREET, "organization", False),
    (Role.SECRETARY, "organization", True), (Role.SECRETARY, "street", False),
    (Role.CLERK, "organization", True), (Role.MEMBER, "organization", True), (Role.MEMBER, "", False),
    (Role.ADMIN, "", True), (Role.ADMIN, "county", True), (Role.ADMIN, "street", False),
    ("nonsense", "county", False),
])
def test_each_role_acts_for_an_organization_of_its_level(role, level, fits):
    assert role_fits_level(role, level) is fits
