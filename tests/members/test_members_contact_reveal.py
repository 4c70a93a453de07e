"""The member edit form shows phone and address masked; the full values only after an explicit,
audited "reveal to edit"; saving without revealing keeps them."""

from __future__ import annotations

import pytest

from pingxing.audit.models import AuditEntry
from pingxing.core.audit import AuditAction

pytestmark = pytest.mark.django_db

PHONE, ADDRESS = "13912345678", "柯桥街道湖塘社区幸福里12幢3单元402室"


@pytest.fixture
def member(world):
    m = world.m_a1
    m.phone, m.address = PHONE, ADDRESS
    m.save()
    return m


def _fields(member, **overrides):
    data = {
        "name": member.name, "gender": member.gender, "birth_date": member.birth_date.isoformat(),
        "education": member.education, "joined_on": member.joined_on.isoformat(),
        "organization": member.organization_id, "status": member.status, "id_number": "",
        "phone": "", "address": "",
    }
    data.update(overrides)
    return data


def test_the_edit_form_shows_phone_and_address_masked(world, member, client):
    client.force_login(world.secretary)
    body = client.get(f"/members/{member.pk}/edit/").content.decode()
    assert PHONE not in body and "幸福里12幢" not in body
    assert "139****5678" in body and "柯桥街道湖塘****" in body
    assert "显示完整电话和住址以修改" in body


def test_revealing_shows_the_full_values_keeps_typed_input_and_is_audited(world, member, client):
    client.force_login(world.secretary)
    before = AuditEntry.objects.count()
    response = client.post(f"/members/{member.pk}/edit/contact/", _fields(member, name="改过的名字"))
    body = response.content.decode()
    assert response.status_code == 200
    assert PHONE in body and ADDRESS in body
    assert "改过的名字" in body  # what was typed before revealing is still there
    entry = AuditEntry.objects.newest_first().first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_id, entry.username) == (AuditAction.VIEW_SENSITIVE, str(member.pk),
                                                              world.secretary.username)
    assert set(entry.changes) == {"phone", "address"}
    assert PHONE not in str(entry.changes)


def test_a_get_of_the_reveal_address_reveals_nothing(world, member, client):
    client.force_login(world.secretary)
    response = client.get(f"/members/{member.pk}/edit/contact/")
    assert response.status_code == 405
    assert PHONE not in response.content.decode()


def test_saving_the_masked_form_keeps_phone_and_address(world, member, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{member.pk}/edit/", _fields(member, name="新名字"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.name, member.phone, member.address) == ("新名字", PHONE, ADDRESS)


def test_after_revealing_the_values_can_be_changed_and_cleared(world, member, client):
    client.force_login(world.secretary)
    response = client.post(f"/members/{member.pk}/edit/", _fields(
        member, phone="13800001111", address="", contact_revealed="True"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.phone == "13800001111" and not member.address


def test_someone_who_may_not_edit_the_member_cannot_reveal(world, member, client):
    from factories import make_user

    client.force_login(make_user(role="secretary", organization=world.b1))
    response = client.post(f"/members/{member.pk}/edit/contact/", _fields(member))
    assert response.status_code == 404
    assert PHONE not in response.content.decode()
