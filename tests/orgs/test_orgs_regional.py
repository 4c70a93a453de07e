"""Regional Party organizations' member units (区域化党建, seed 四.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def regional(world):
    from factories import make_community

    return make_community(parent=world.street_a, kind="regional", form="committee", name="甲商贸楼宇区域化党委")


@pytest.fixture
def outside(world):
    from pingxing.orgs.services import outside_unit_create

    return outside_unit_create(street=world.street_a, name="甲大厦物业公司", contact_phone="13900001234", by=None)


def test_member_units_of_both_sorts_are_added_and_audited(world, regional, outside):
    from pingxing.audit.models import AuditEntry
    from pingxing.orgs.services_regional import member_unit_add

    tree = member_unit_add(regional=regional, organization=world.a1, role="lead", joined_on=DAY, by=world.street_user)
    out = member_unit_add(regional=regional, outside_unit=outside, joined_on=DAY, by=world.street_user)
    assert {u.unit_name for u in regional.member_units.all()} == {world.a1.name, outside.name}
    assert tree.get_role_display() == "牵头单位" and out.role == "member"
    assert AuditEntry.objects.filter(action="member_unit_add").count() == 2


def test_only_regional_kinds_have_member_units(world):
    from pingxing.orgs.services_regional import member_unit_add

    with pytest.raises(ValidationError) as exc:
        member_unit_add(regional=world.a2, organization=world.a1, joined_on=DAY, by=None)
    assert "regional" in exc.value.message_dict


def test_association_and_industry_chain_kinds_have_member_units(world):
    from factories import make_community
    from pingxing.orgs.services_regional import member_unit_add

    for kind in ("association", "industry_chain"):
        org = make_community(parent=world.street_a, kind=kind, form="branch")
        assert org.is_regional
        assert member_unit_add(regional=org, organization=world.a1, joined_on=DAY, by=None).pk


def test_exactly_one_unit_is_required(world, regional, outside):
    from pingxing.orgs.services_regional import member_unit_add

    with pytest.raises(ValidationError) as both:
        member_unit_add(regional=regional, organization=world.a1, outside_unit=outside, joined_on=DAY, by=None)
    with pytest.raises(ValidationError) as neither:
        member_unit_add(regional=regional, joined_on=DAY, by=None)
    assert "organization" in both.value.message_dict and "organization" in neither.value.message_dict


def test_database_refuses_a_member_unit_with_both_units(world, regional, outside):
    from pingxing.orgs.models import MemberUnit

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberUnit.objects.create(regional=regional, organization=world.a1, outside_unit=outside, joined_on=DAY)


def test_a_unit_of_another_street_is_refused(world, regional):
    from pingxing.orgs.services import outside_unit_create
    from pingxing.orgs.services_regional import member_unit_add

    with pytest.raises(ValidationError) as exc:
        member_unit_add(regional=regional, organization=world.b1, joined_on=DAY, by=None)
    assert "organization" in exc.value.message_dict
    other = outside_unit_create(street=world.street_b, name="乙单位", by=None)
    with pytest.raises(ValidationError) as exc2:
        member_unit_add(regional=regional, outside_unit=other, joined_on=DAY, by=None)
    assert "outside_unit" in exc2.value.message_dict


def test_a_unit_leaves_and_may_join_again(world, regional):
    from pingxing.orgs.services_regional import member_unit_add, member_unit_remove

    unit = member_unit_add(regional=regional, organization=world.a1, joined_on=DAY, by=None)
    member_unit_remove(member_unit=unit, left_on=DAY + dt.timedelta(days=5), by=world.street_user)
    unit.refresh_from_db()
    assert not unit.is_current
    assert member_unit_add(regional=regional, organization=world.a1, joined_on=DAY, by=None).is_current


def test_outside_unit_phone_is_encrypted_at_rest(world, outside):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM orgs_outsideunit WHERE id = %s", [outside.pk])
        stored = cursor.fetchone()[0]
    assert "13900001234" not in str(stored)


def test_regional_org_page_lists_member_units_for_the_street(client, world, regional, outside):
    from pingxing.orgs.services_regional import member_unit_add

    member_unit_add(regional=regional, organization=world.a1, joined_on=DAY, by=None)
    member_unit_add(regional=regional, outside_unit=outside, joined_on=DAY, by=None)
    client.force_login(world.street_user)
    page = client.get(f"/orgs/{regional.pk}/").content.decode()
    assert "区域化党组织" in page and "成员单位" in page
    assert world.a1.name in page and outside.name in page


def test_another_streets_user_gets_404_for_the_regional_org(client, world, regional):
    from factories import make_user

    client.force_login(make_user(role="street", organization=world.street_b))
    assert client.get(f"/orgs/{regional.pk}/").status_code == 404


def test_can_manage_member_units_over_roles():
    from pingxing.core.scope import Actor
    from pingxing.orgs.permissions import can_manage_member_units

    path = "/1/2/9/"
    assert can_manage_member_units(Actor(role="street", org_path="/1/2/"), path)
    assert can_manage_member_units(Actor(role="county", org_path="/1/"), path)
    assert can_manage_member_units(Actor(role="admin"), path)
    assert not can_manage_member_units(Actor(role="secretary", org_path=path, org_id=9), path)
    assert not can_manage_member_units(Actor(role="member", org_path=path, org_id=9), path)
    assert not can_manage_member_units(Actor(role="street", org_path="/1/3/"), path)
