from __future__ import annotations

import pytest

from factories import make_community, make_members
from pingxing.orgs.models import Organization, PartyGroup

pytestmark = pytest.mark.django_db


def test_the_tree_starts_at_the_users_scope_and_counts_members(world, client):
    client.force_login(world.street_user)
    response = client.get("/orgs/")
    page = response.content.decode()
    assert [n.org for n in response.context["roots"]] == [world.street_a]
    assert response.context["roots"][0].total_members == 3
    assert "甲一社区党支部" in page and "乙一社区党支部" not in page


def test_the_tree_page_uses_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    for _ in range(15):
        make_members(organization=make_community(parent=world.street_a), count=2)
    client.force_login(world.county_user)
    with django_assert_max_num_queries(8):
        assert client.get("/orgs/").status_code == 200


def test_a_street_page_lists_upgrade_candidates(world, client, settings):
    settings.UPGRADE_GENERAL_BRANCH_AT = 3
    settings.UPGRADE_COMMITTEE_AT = 90
    make_members(organization=world.a2, count=3)
    client.force_login(world.street_user)
    response = client.get(f"/orgs/{world.street_a.pk}/")
    assert [c.org for c in response.context["candidates"]] == [world.a2]
    assert "党总支" in response.content.decode()


def test_an_organization_page_shows_counts_and_groups(world, client):
    PartyGroup.objects.create(organization=world.a1, name="青年党小组")
    client.force_login(world.secretary)
    response = client.get(f"/orgs/{world.a1.pk}/")
    assert response.context["counts"]["total"] == 2
    assert "青年党小组" in response.content.decode()
    assert response.context["can_edit"] is False and response.context["can_manage_groups"] is True


def test_out_of_scope_organizations_are_404(world, client):
    client.force_login(world.secretary)
    assert client.get(f"/orgs/{world.a2.pk}/").status_code == 404
    assert client.get(f"/orgs/{world.a1.pk}/edit/").status_code == 404
    client.force_login(world.street_user)
    assert client.get(f"/orgs/{world.b1.pk}/").status_code == 404
    assert client.get(f"/orgs/{world.county.pk}/").status_code == 404
    client.force_login(world.member_user)
    assert client.get(f"/orgs/{world.a1.pk}/").status_code == 200
    assert client.get(f"/orgs/{world.a2.pk}/").status_code == 404


def test_a_street_user_edits_and_adds_organizations_in_their_street_only(world, client):
    client.force_login(world.street_user)
    response = client.post(f"/orgs/{world.a1.pk}/edit/", {
        "code": world.a1.code, "name": world.a1.name, "kind": "community", "form": "general_branch",
        "secretary_name": "王芳",
    })
    assert response.status_code == 302
    assert Organization.objects.get(pk=world.a1.pk).form == "general_branch"
    response = client.post(f"/orgs/{world.street_a.pk}/new/", {
        "code": "NEW1", "name": "新建社区党支部", "kind": "community", "form": "branch"})
    new = Organization.objects.get(code="NEW1")
    assert new.parent == world.street_a and new.path.startswith(world.street_a.path)
    response = client.post(f"/orgs/{world.b1.pk}/edit/", {
        "code": world.b1.code, "name": "被篡改", "kind": "community", "form": "branch"})
    assert response.status_code == 404
    assert Organization.objects.get(pk=world.b1.pk).name == "乙一社区党支部"
    assert client.post(f"/orgs/{world.street_b.pk}/new/", {"code": "X", "name": "X"}).status_code == 404
    assert not Organization.objects.filter(code="X").exists()


def test_a_secretary_manages_groups_of_their_own_organization_only(world, client):
    client.force_login(world.secretary)
    response = client.post(f"/orgs/{world.a1.pk}/groups/new/", {"name": "老年党小组", "basis": "age"})
    assert response.status_code == 302
    group = PartyGroup.objects.get(name="老年党小组")
    assert client.post(f"/orgs/{world.a2.pk}/groups/new/", {"name": "越权", "basis": "age"}).status_code == 404
    other = PartyGroup.objects.create(organization=world.a2, name="甲二小组")
    assert client.post(f"/orgs/groups/{other.pk}/delete/").status_code == 404
    assert PartyGroup.objects.filter(pk=other.pk).exists()
    assert client.post(f"/orgs/groups/{group.pk}/delete/").status_code == 302
    assert not PartyGroup.objects.filter(pk=group.pk).exists()


def test_home_dashboard_shows_counts_and_candidates_for_a_street(world, client, settings):
    settings.UPGRADE_GENERAL_BRANCH_AT = 2
    client.force_login(world.street_user)
    response = client.get("/")
    assert response.context["org_count"] == 2
    assert response.context["member_count"] == 3
    assert response.context["candidate_count"] == 1  # 甲一 has 2 members and is a branch
