"""Zero cross-organization reads or writes through HTTP."""

from __future__ import annotations

import pytest

from pingxing.audit.models import AuditEntry
from pingxing.members.models import Member

pytestmark = pytest.mark.django_db


def edit_post(member, **overrides):
    data = {
        "name": "被篡改", "gender": member.gender, "birth_date": member.birth_date.isoformat(),
        "education": member.education, "joined_on": member.joined_on.isoformat(), "occupation": "",
        "specialty": "", "phone": "", "address": "", "organization": member.organization_id,
        "party_group": "", "status": "full", "id_number": "",
    }
    data.update(overrides)
    return data


def test_a_secretary_gets_404_for_another_communitys_member(world, client):
    client.force_login(world.secretary)
    for url in (f"/members/{world.m_a2.pk}/", f"/members/{world.m_a2.pk}/edit/", f"/members/{world.m_b1.pk}/"):
        assert client.get(url).status_code == 404
    assert AuditEntry.objects.filter(action="denied", object_id=str(world.m_a2.pk)).count() == 2


def test_a_post_to_edit_another_communitys_member_changes_nothing(world, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{world.m_a2.pk}/edit/", edit_post(world.m_a2))
    assert response.status_code == 404
    assert Member.objects.get(pk=world.m_a2.pk).name == "甲二党员"
    assert client.post(f"/members/{world.m_a2.pk}/delete/").status_code == 404
    assert Member.objects.filter(pk=world.m_a2.pk).exists()


def test_a_secretary_cannot_move_a_member_into_another_community(world, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{world.m_a1.pk}/edit/", edit_post(world.m_a1, organization=world.a2.pk))
    assert response.status_code == 200  # the form shows the error
    assert Member.objects.get(pk=world.m_a1.pk).organization_id == world.a1.pk


def test_a_secretary_edits_their_own_member(world, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{world.m_a1.pk}/edit/", edit_post(world.m_a1, name="新名字"))
    assert response.status_code == 302
    member = Member.objects.get(pk=world.m_a1.pk)
    assert member.name == "新名字"
    assert member.id_number == world.m_a1.id_number  # empty ID field keeps the stored number


def test_a_street_user_sees_only_their_streets_members(world, client):
    client.force_login(world.street_user)
    page = client.get("/members/").content.decode()
    assert "甲一党员" in page and "甲二党员" in page
    assert "乙一党员" not in page
    assert client.get(f"/members/{world.m_b1.pk}/").status_code == 404
    assert client.get(f"/members/?org={world.b1.pk}").status_code == 404


def test_a_member_sees_only_themselves(world, client):
    client.force_login(world.member_user)
    page = client.get("/members/").content.decode()
    assert "甲一党员" in page and "甲一另一党员" not in page
    assert client.get(f"/members/{world.m_a1.pk}/").status_code == 200
    assert client.get(f"/members/{world.m_a1_other.pk}/").status_code == 404
    assert client.get(f"/members/{world.m_a1.pk}/edit/").status_code == 404


def test_the_county_sees_every_member(world, client):
    client.force_login(world.county_user)
    page = client.get("/members/").content.decode()
    assert all(name in page for name in ("甲一党员", "甲二党员", "乙一党员"))


def test_pages_show_masked_id_numbers_and_phones(world, client):
    client.force_login(world.secretary)
    member = world.m_a1
    for url in ("/members/", f"/members/{member.pk}/", f"/members/{member.pk}/edit/"):
        page = client.get(url).content.decode()
        assert member.id_number not in page, url
        assert member.phone not in page or url.endswith("/edit/"), url
    assert member.id_number_masked in client.get("/members/").content.decode()


def test_revealing_a_full_id_number_is_audited_and_limited_to_party_staff(world, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{world.m_a1.pk}/id-number/")
    assert world.m_a1.id_number in response.content.decode()
    assert AuditEntry.objects.filter(action="view_sensitive", object_id=str(world.m_a1.pk)).count() == 1
    assert client.post(f"/members/{world.m_a2.pk}/id-number/").status_code == 404
    client.force_login(world.admin)
    response = client.post(f"/members/{world.m_a1.pk}/id-number/")
    assert response.status_code == 404
    assert world.m_a1.id_number not in response.content.decode()


def test_a_member_user_cannot_reveal_or_add(world, client):
    client.force_login(world.member_user)
    assert client.post(f"/members/{world.m_a1.pk}/id-number/").status_code == 404
    assert client.get("/members/new/").status_code == 404
    assert client.get("/members/import/").status_code == 404
