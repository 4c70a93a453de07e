from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from factories import (
    fictional_id_number,
    make_community,
    make_county,
    make_members,
    make_street,
    make_user,
)
from pingxing.audit.models import AuditEntry
from pingxing.members.models import Member, id_number_digest
from pingxing.members.services import (
    member_create,
    member_delete,
    member_update,
    party_groups_apply,
)

pytestmark = pytest.mark.django_db

ID = fictional_id_number(n=7)


def fields(**overrides):
    values = {"name": "张伟", "gender": "M", "birth_date": dt.date(1970, 1, 1), "education": "bachelor",
                  "joined_on": dt.date(1995, 7, 1), "phone": "13912345678", "id_number": ID, "address": "柯桥某路1号"}
    values.update(overrides)
    return values


@pytest.fixture
def org():
    return make_community(parent=make_street(parent=make_county()))


def test_member_create_stores_the_digest_and_audits_without_sensitive_values(org):
    user = make_user(role="secretary", organization=org)
    member = member_create(by=user, organization=org, **fields())
    assert member.id_number_digest == id_number_digest(ID)
    entry = AuditEntry.objects.get(action="create", object_type="members.member")
    assert entry.changes["id_number"] == [None, "***"]  # created: nothing before, hidden after
    assert entry.changes["phone"] == [None, "***"]
    assert ID not in str(entry.changes) and "13912345678" not in str(entry.changes)
    assert entry.changes["name"] == [None, "张伟"]


def test_a_wrong_check_digit_is_refused_naming_the_field(org):
    bad = ID[:-1] + ("0" if ID[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        member_create(by=None, organization=org, **fields(id_number=bad))
    assert "校验位" in exc.value.message_dict["id_number"][0]
    assert "张伟" not in exc.value.message_dict["id_number"][0]  # the field is named, not the person
    assert not Member.objects.exists()


def test_a_duplicate_id_number_is_refused_with_a_clear_message(org):
    member_create(by=None, organization=org, **fields())
    with pytest.raises(ValidationError) as exc:
        member_create(by=None, organization=org, **fields(name="李娜", id_number=ID.lower()))
    assert "已登记" in exc.value.message_dict["id_number"][0]
    assert Member.objects.count() == 1


def test_a_phone_must_be_eleven_digits(org):
    with pytest.raises(ValidationError) as exc:
        member_create(by=None, organization=org, **fields(phone="12345"))
    assert "phone" in exc.value.message_dict


def test_member_update_records_changes_and_keeps_sensitive_values_out(org):
    member = member_create(by=None, organization=org, **fields())
    member_update(member=member, by=None, name="张伟东", phone="13812345678")
    entry = AuditEntry.objects.get(action="update")
    assert entry.changes["name"] == ["张伟", "张伟东"]
    assert entry.changes["phone"] == ["***", "***"]
    assert Member.objects.get(pk=member.pk).phone == "13812345678"


def test_member_update_with_no_change_writes_no_entry(org):
    member = member_create(by=None, organization=org, **fields(address=""))
    member_update(member=member, by=None, name="张伟", address="")
    assert not AuditEntry.objects.filter(action="update").exists()


def test_member_delete_is_audited(org):
    member = member_create(by=None, organization=org, **fields())
    member_delete(member=member, by=None)
    assert not Member.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="members.member").count() == 1


def test_applying_a_proposal_creates_groups_and_assigns_members_in_one_go(org):
    members = make_members(organization=org, count=6)
    proposal = [("青年党小组", [m.pk for m in members[:3]]), ("老年党小组", [m.pk for m in members[3:]])]
    groups = party_groups_apply(organization=org, basis="age", proposal=proposal, by=None)
    assert [g.name for g in groups] == ["青年党小组", "老年党小组"]
    assert {m.party_group.name for m in Member.objects.filter(pk__in=[m.pk for m in members[:3]])} == {"青年党小组"}


def test_a_proposal_with_a_foreign_member_saves_nothing(org):
    other = make_community(parent=org.parent)
    mine, theirs = make_members(organization=org, count=1), make_members(organization=other, count=1)
    with pytest.raises(ValidationError):
        party_groups_apply(organization=org, basis="age", by=None,
                           proposal=[("甲组", [mine[0].pk]), ("乙组", [theirs[0].pk])])
    assert not org.party_groups.exists()
    assert Member.objects.get(pk=mine[0].pk).party_group is None


def test_no_error_message_is_prefixed_with_the_persons_name(org):
    member_create(by=None, organization=org, **fields())
    with pytest.raises(ValidationError) as exc:
        member_create(by=None, organization=org, **fields(name="李娜", id_number=ID, phone="123"))
    messages = [m for ms in exc.value.message_dict.values() for m in ms]
    assert messages and not any("李娜" in m for m in messages)


def test_birth_date_and_gender_left_empty_are_taken_from_the_id_number(org):
    number = fictional_id_number(n=12, birth=dt.date(1981, 6, 30))  # digit 17 is 2: female
    member = member_create(by=None, organization=org, **fields(id_number=number, birth_date=None, gender=""))
    assert (member.birth_date, member.gender) == (dt.date(1981, 6, 30), "F")


def test_a_birth_date_or_gender_against_the_id_number_is_refused_when_checked(org):
    from pingxing.members.models import Member as M
    from pingxing.members.services import member_validate

    member = M(organization=org, **fields(birth_date=dt.date(1971, 1, 1), gender="F"))
    with pytest.raises(ValidationError) as exc:
        member_validate(member, check_identity=True)
    assert "1970-01-01" in exc.value.message_dict["birth_date"][0]
    assert "男" in exc.value.message_dict["gender"][0]
