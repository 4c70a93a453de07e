"""Members drawn into regional Party organizations (区域化党组织, seed 四.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def regional_world(world):
    from factories import make_community, make_member, make_user
    from pingxing.members.services_regional import member_work_unit_set
    from pingxing.orgs.services import outside_unit_create
    from pingxing.orgs.services_regional import member_unit_add

    w = world
    w.regional = make_community(parent=w.street_a, kind="regional", form="committee", name="甲商贸楼宇区域化党委")
    w.unit_a1 = member_unit_add(regional=w.regional, organization=w.a1, role="lead", joined_on=DAY, by=None)
    w.outside = outside_unit_create(street=w.street_a, name="甲大厦物业公司", by=None)
    w.unit_out = member_unit_add(regional=w.regional, outside_unit=w.outside, joined_on=DAY, by=None)
    w.worker = make_member(organization=w.a2, name="物业党员", phone="13812345678")
    member_work_unit_set(member=w.worker, unit=w.outside, by=None)
    w.regional_secretary = make_user(role="secretary", organization=w.regional)
    return w


def test_drawn_member_from_a_tree_unit_keeps_home_org_and_is_audited(regional_world):
    from pingxing.audit.models import AuditEntry
    from pingxing.members.access_regional import drawn_members_of
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    drawn_member_add(regional=w.regional, member=w.m_a1, member_unit=w.unit_a1, joined_on=DAY, by=w.street_user)
    w.m_a1.refresh_from_db()
    assert w.m_a1.organization_id == w.a1.pk
    assert [d.member for d in drawn_members_of(w.regional)] == [w.m_a1]
    assert AuditEntry.objects.filter(action="drawn_member_add").count() == 1


def test_drawn_member_from_an_outside_unit_needs_that_work_place(regional_world):
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    assert drawn_member_add(regional=w.regional, member=w.worker, member_unit=w.unit_out, joined_on=DAY, by=None).pk
    with pytest.raises(ValidationError) as exc:
        drawn_member_add(regional=w.regional, member=w.m_a2, member_unit=w.unit_out, joined_on=DAY, by=None)
    assert "member" in exc.value.message_dict


def test_member_of_a_non_member_unit_is_refused_with_a_clear_error(regional_world):
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    with pytest.raises(ValidationError) as exc:
        drawn_member_add(regional=w.regional, member=w.m_a2, member_unit=w.unit_a1, joined_on=DAY, by=None)
    assert w.m_a2.name in exc.value.message_dict["member"][0]
    assert "不属于成员单位" in exc.value.message_dict["member"][0]


def test_the_same_member_is_drawn_only_once(regional_world):
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    drawn_member_add(regional=w.regional, member=w.m_a1, member_unit=w.unit_a1, joined_on=DAY, by=None)
    with pytest.raises(ValidationError) as exc:
        drawn_member_add(regional=w.regional, member=w.m_a1, member_unit=w.unit_a1, joined_on=DAY, by=None)
    assert "member" in exc.value.message_dict


def test_a_unit_with_drawn_members_cannot_leave_until_they_are_removed(regional_world):
    from pingxing.members.services_regional import drawn_member_add, drawn_member_remove
    from pingxing.orgs.services_regional import member_unit_remove

    w = regional_world
    drawn = drawn_member_add(regional=w.regional, member=w.m_a1, member_unit=w.unit_a1, joined_on=DAY, by=None)
    with pytest.raises(ValidationError) as exc:
        member_unit_remove(member_unit=w.unit_a1, left_on=DAY, by=None)
    assert "member_unit" in exc.value.message_dict
    drawn_member_remove(drawn=drawn, by=None)
    assert member_unit_remove(member_unit=w.unit_a1, left_on=DAY, by=None).left_on == DAY


def test_regional_secretary_reads_drawn_member_masked_and_home_org_still_sees_them(client, regional_world):
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    drawn_member_add(regional=w.regional, member=w.worker, member_unit=w.unit_out, joined_on=DAY, by=None)
    client.force_login(w.regional_secretary)
    page = client.get(f"/members/{w.worker.pk}/").content.decode()
    assert "参加区域化党组织" in page and w.regional.name in page
    assert "138****5678" in page and "13812345678" not in page
    assert w.worker.id_number not in page
    home = w.a2.members.filter(pk=w.worker.pk).exists()
    assert home


def test_regional_secretary_cannot_edit_or_read_undrawn_members(client, regional_world):
    w = regional_world
    client.force_login(w.regional_secretary)
    assert client.get(f"/members/{w.m_a2.pk}/").status_code == 404
    assert client.get(f"/members/{w.worker.pk}/edit/").status_code == 404


def test_another_streets_user_and_bad_ids_get_404(client, regional_world):
    from factories import make_user
    from pingxing.members.access_regional import get_drawn_member_for_user
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    drawn = drawn_member_add(regional=w.regional, member=w.m_a1, member_unit=w.unit_a1, joined_on=DAY, by=None)
    other = make_user(role="street", organization=w.street_b)
    client.force_login(other)
    assert client.get(f"/members/{w.m_a1.pk}/").status_code == 404
    from django.http import Http404

    for bad in (drawn.pk, "-1", "9" * 20, "x"):
        with pytest.raises(Http404):
            get_drawn_member_for_user(other, bad)
    assert get_drawn_member_for_user(w.street_user, drawn.pk) == drawn
    assert get_drawn_member_for_user(w.regional_secretary, drawn.pk, write=True) == drawn
    with pytest.raises(Http404):
        get_drawn_member_for_user(w.secretary, drawn.pk)


def test_drawn_member_permissions_over_roles():
    from pingxing.core.scope import Actor
    from pingxing.members.permissions import can_manage_drawn_members, can_read_drawn_member

    path = "/1/2/9/"
    assert can_read_drawn_member(Actor(role="secretary", org_path=path, org_id=9), [path])
    assert can_read_drawn_member(Actor(role="clerk", org_path=path, org_id=9), [path])
    assert can_read_drawn_member(Actor(role="street", org_path="/1/2/"), [path])
    assert not can_read_drawn_member(Actor(role="member", org_path=path, org_id=9), [path])
    assert not can_read_drawn_member(Actor(role="secretary", org_path="/1/2/8/", org_id=8), [path])
    assert can_manage_drawn_members(Actor(role="admin"), path)
    assert not can_manage_drawn_members(Actor(role="street", org_path="/1/3/"), path)


def test_load_regional_builds_the_demo_on_a_small_world(world):
    from factories import make_community, make_member
    from pingxing.members.demo_regional import load_regional
    from pingxing.members.models import DrawnMember
    from pingxing.orgs.models import Organization

    for i in range(2):
        org = make_community(parent=world.street_a, kind="enterprise", name=f"企业{i}党支部")
        make_member(organization=org)
    load_regional(today=DAY)
    assert set(Organization.objects.filter(kind__in=["regional", "association", "industry_chain"])
               .values_list("kind", flat=True)) == {"regional", "association", "industry_chain"}
    building = Organization.objects.get(kind="regional")
    assert building.member_units.count() == 4
    assert DrawnMember.objects.filter(regional=building).count() == 4


def test_regional_members_page_lists_drawn_members_marked_with_their_unit(client, regional_world):
    from pingxing.members.services_regional import drawn_member_add

    w = regional_world
    drawn_member_add(regional=w.regional, member=w.worker, member_unit=w.unit_out, joined_on=DAY, by=None)
    client.force_login(w.regional_secretary)
    page = client.get(f"/members/?org={w.regional.pk}").content.decode()
    assert "来自成员单位" in page and w.outside.name in page and w.worker.name in page
    assert "138****5678" in page and "13812345678" not in page
    client.force_login(w.secretary)  # the home organization of a1 does not see the regional list
    assert client.get(f"/members/?org={w.regional.pk}").status_code == 404
