"""The access helpers over real rows: the same 404 for missing and out-of-scope, denials recorded."""

from __future__ import annotations

import pytest
from django.http import Http404

from factories import make_world
from pingxing.audit.models import AuditEntry
from pingxing.members.access import get_member_for_user, visible_members, writable_member_orgs
from pingxing.orgs.access import get_org_for_user, get_party_group_for_user, visible_orgs
from pingxing.orgs.models import PartyGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


def test_visible_sets_follow_each_role(w):
    assert set(visible_orgs(w.street_user)) == {w.street_a, w.a1, w.a2}
    assert set(visible_orgs(w.secretary)) == {w.a1}
    assert set(visible_orgs(w.member_user)) == {w.a1}
    assert visible_orgs(w.admin).count() == 6
    assert set(visible_members(w.street_user)) == {w.m_a1, w.m_a1_other, w.m_a2}
    assert set(visible_members(w.clerk)) == {w.m_a1, w.m_a1_other}
    assert list(visible_members(w.member_user)) == [w.m_a1]
    assert set(writable_member_orgs(w.county_user)) == {w.a1, w.a2, w.b1}
    assert not writable_member_orgs(w.member_user).exists()


def test_out_of_scope_and_missing_objects_get_the_same_404_and_a_denial_entry(w):
    for object_id in (w.m_b1.pk, 999999, "abc"):
        with pytest.raises(Http404):
            get_member_for_user(w.secretary, object_id)
    assert AuditEntry.objects.filter(action="denied", object_type="members.member").count() == 3


def test_write_access_is_narrower_than_read_access(w):
    assert get_org_for_user(w.secretary, w.a1.pk) == w.a1
    with pytest.raises(Http404):
        get_org_for_user(w.secretary, w.a1.pk, write=True)
    assert get_org_for_user(w.street_user, w.a1.pk, write=True) == w.a1
    with pytest.raises(Http404):
        get_org_for_user(w.street_user, w.street_b.pk)


def test_party_groups_are_reached_through_their_organization(w):
    mine = PartyGroup.objects.create(organization=w.a1, name="甲一小组")
    theirs = PartyGroup.objects.create(organization=w.b1, name="乙一小组")
    assert get_party_group_for_user(w.clerk, mine.pk, write=True) == mine
    with pytest.raises(Http404):
        get_party_group_for_user(w.clerk, theirs.pk)
    with pytest.raises(Http404):
        get_party_group_for_user(w.member_user, mine.pk, write=True)


def test_a_member_reads_only_their_own_record(w):
    assert get_member_for_user(w.member_user, w.m_a1.pk) == w.m_a1
    with pytest.raises(Http404):
        get_member_for_user(w.member_user, w.m_a1_other.pk)
    with pytest.raises(Http404):
        get_member_for_user(w.member_user, w.m_a1.pk, write=True)
