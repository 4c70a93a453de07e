"""The role × organization-level matrix of the members' predicates (pure: no database)."""

from __future__ import annotations

import pytest

from matrix import CASES, F, T, actor, target
from pingxing.core.scope import Actor
from pingxing.members import permissions as p

# Expected answers in TARGETS order: own, child, sibling, other street, county.
READ_MEMBER = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (F, F, F, F, F), "admin": (T, T, T, T, T),
}
WRITE_MEMBER = READ_MEMBER
REVEAL_ID = {
    "county": (T, T, T, T, T), "street": (T, T, T, F, F), "secretary": (T, T, F, F, F),
    "clerk": (T, T, F, F, F), "member": (F, F, F, F, F), "admin": (F, F, F, F, F),
}


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_reading_a_member_of_another_person_follows_the_matrix(role, i, name):
    assert p.can_read_member(actor(role), target(role, name).path, member_id=1) is READ_MEMBER[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_writing_a_member_follows_the_matrix(role, i, name):
    assert p.can_write_member(actor(role), target(role, name).path) is WRITE_MEMBER[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_revealing_a_full_id_number_follows_the_matrix(role, i, name):
    assert p.can_reveal_id_number(actor(role), target(role, name).path) is REVEAL_ID[role][i]


def test_a_member_reads_their_own_record_only():
    me = actor("member", member_id=7)
    assert p.can_read_member(me, "/1/2/3/", member_id=7)
    assert not p.can_read_member(me, "/1/2/3/", member_id=8)
    assert not p.can_write_member(me, "/1/2/3/")
    assert p.has_own_record(me) and not p.has_own_record(Actor(role="member", org_path="/1/2/3/"))


def test_who_adds_imports_and_exports_in_full():
    roles = list(READ_MEMBER)
    assert [r for r in roles if p.can_add_members(actor(r))] == ["county", "street", "secretary", "clerk", "admin"]
    assert [r for r in roles if p.can_import_members(actor(r))] == ["county", "street", "secretary", "clerk", "admin"]
    # the administrator never sees full ID numbers, not even in an export
    assert [r for r in roles if p.can_export_in_full(actor(r))] == ["county", "street", "secretary", "clerk"]


def test_a_path_prefix_that_is_not_an_ancestor_grants_nothing():
    assert not p.can_write_member(actor("secretary"), "/1/2/34/")
