"""The role × organization-level matrix of the pure access predicates (no database)."""

from __future__ import annotations

import pytest

from pingxing.core import scope

# county /1/ → street A /1/2/ → communities /1/2/3/ (the user's) and /1/2/4/ (sibling);
# street B /1/5/ → community /1/5/6/.
USER_PATH = {
    "county": "/1/", "street": "/1/2/", "secretary": "/1/2/3/", "clerk": "/1/2/3/",
    "member": "/1/2/3/", "admin": "",
}
TARGETS = ("own", "child", "sibling", "other_street", "county")


def target_path(role: str, target: str) -> str:
    own = USER_PATH[role] or "/1/2/3/"
    return {
        "own": own,
        "child": own + "9/",
        "sibling": "/1/2/4/",
        "other_street": "/1/5/6/",
        "county": "/1/",
    }[target]


T, F = True, False
# Expected answers in TARGETS order.
READ_ORG = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (T, F, F, F, F), "admin": (T, T, T, T, T),
}
WRITE_ORG = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (F, F, F, F, F),
    "clerk": (F, F, F, F, F), "member": (F, F, F, F, F), "admin": (T, T, T, T, T),
}
MANAGE_GROUPS = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (F, F, F, F, F), "admin": (T, T, T, T, T),
}
READ_MEMBER = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (F, F, F, F, F), "admin": (T, T, T, T, T),
}
WRITE_MEMBER = READ_MEMBER
REVEAL_ID = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (F, F, F, F, F), "admin": (F, F, F, F, F),
}
CASES = [(role, i, target) for role in scope.ALL_ROLES for i, target in enumerate(TARGETS)]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_reading_an_organization_follows_the_matrix(role, i, target):
    assert scope.can_read_org(role, USER_PATH[role], target_path(role, target)) is READ_ORG[role][i]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_writing_an_organization_follows_the_matrix(role, i, target):
    path = target_path(role, target)
    assert scope.can_write_org(role, USER_PATH[role], path) is WRITE_ORG[role][i]
    assert scope.can_create_org_under(role, USER_PATH[role], path) is WRITE_ORG[role][i]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_managing_party_groups_follows_the_matrix(role, i, target):
    assert scope.can_manage_groups(role, USER_PATH[role], target_path(role, target)) is MANAGE_GROUPS[role][i]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_reading_a_member_of_another_person_follows_the_matrix(role, i, target):
    path = target_path(role, target)
    assert scope.can_read_member(role, USER_PATH[role], path) is READ_MEMBER[role][i]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_writing_a_member_follows_the_matrix(role, i, target):
    assert scope.can_write_member(role, USER_PATH[role], target_path(role, target)) is WRITE_MEMBER[role][i]


@pytest.mark.parametrize(("role", "i", "target"), CASES)
def test_revealing_a_full_id_number_follows_the_matrix(role, i, target):
    path = target_path(role, target)
    assert scope.can_reveal_id_number(role, USER_PATH[role], path) is REVEAL_ID[role][i]


def test_a_member_reads_their_own_record_only():
    assert scope.can_read_member("member", "/1/2/3/", "/1/2/3/", is_self=True)
    assert not scope.can_read_member("member", "/1/2/3/", "/1/2/3/", is_self=False)
    assert not scope.can_write_member("member", "/1/2/3/", "/1/2/3/")


def test_a_path_prefix_that_is_not_an_ancestor_grants_nothing():
    # "/1/2/" must not cover "/1/23/" (a different street whose id starts with the same digit).
    assert not scope.can_read_org("street", "/1/2/", "/1/23/")
    assert not scope.can_write_member("secretary", "/1/2/3/", "/1/2/34/")


@pytest.mark.parametrize("role", ["county", "street", "secretary", "clerk", "member"])
def test_a_user_without_an_organization_sees_nothing(role):
    assert not scope.can_read_org(role, "", "/1/")
    assert not scope.can_read_member(role, "", "/1/2/3/")
    assert not scope.can_write_member(role, "", "/1/2/3/")


def test_an_unknown_role_is_refused_everything():
    assert not scope.can_read_org("visitor", "/1/", "/1/")
    assert not scope.can_write_member("visitor", "/1/", "/1/")
    assert not scope.can_import("visitor")
