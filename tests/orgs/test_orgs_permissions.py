"""The role × organization-level matrix of the organizations' predicates (pure: no database)."""

from __future__ import annotations

import pytest

from matrix import CASES, F, T, actor, target
from pingxing.core.scope import Actor
from pingxing.orgs import permissions as p

# Expected answers in TARGETS order: own, child, sibling, other street, county.
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


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_reading_an_organization_follows_the_matrix(role, i, name):
    t = target(role, name)
    assert p.can_read_org(actor(role), t.path, t.org_id) is READ_ORG[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_writing_an_organization_follows_the_matrix(role, i, name):
    t = target(role, name)
    assert p.can_write_org(actor(role), t.path) is WRITE_ORG[role][i]
    assert p.can_create_org_under(actor(role), t.path) is WRITE_ORG[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_managing_party_groups_follows_the_matrix(role, i, name):
    assert p.can_manage_groups(actor(role), target(role, name).path) is MANAGE_GROUPS[role][i]


def test_only_the_offices_and_the_administrator_import_organizations():
    assert [r for r in READ_ORG if p.can_import_orgs(actor(r))] == ["county", "street", "admin"]


def test_the_tree_page_is_for_party_staff_and_the_administrator():
    assert [r for r in READ_ORG if p.can_browse_tree(actor(r))] == ["county", "street", "secretary", "clerk", "admin"]
    assert [r for r in READ_ORG if p.has_own_org_page(actor(r))] == ["county", "street", "secretary", "clerk"]


def test_a_path_prefix_that_is_not_an_ancestor_grants_nothing():
    # "/1/2/" must not cover "/1/23/" (a different street whose id starts with the same digit).
    assert not p.can_read_org(actor("street"), "/1/23/", 23)


@pytest.mark.parametrize("role", ["county", "street", "secretary", "clerk", "member"])
def test_a_user_without_an_organization_sees_nothing(role):
    nobody = Actor(role=role)
    assert not p.can_read_org(nobody, "/1/", 1)
    assert not p.can_write_org(nobody, "/1/")
    assert not p.can_manage_groups(nobody, "/1/2/3/")


def test_an_unknown_role_is_refused_everything():
    visitor = Actor(role="visitor", org_path="/1/", org_id=1)
    assert not p.can_read_org(visitor, "/1/", 1)
    assert not p.can_import_orgs(visitor)

