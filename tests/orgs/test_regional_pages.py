"""The pages of regional Party building: the street registers outside units, a regional
organization takes in and lets go member units, its staff draw members from them, and a
member's work unit is recorded (区域化党建, seed 四.2)."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def regional(world):
    from factories import make_community, make_member

    world.regional = make_community(parent=world.street_a, kind="regional", form="committee",
                                    name="甲商贸楼宇区域化党委")
    world.worker = make_member(organization=world.a2, name="物业党员", phone="13812345678")
    return world


def test_the_street_registers_an_outside_unit_and_the_phone_shows_masked(client, regional):
    client.force_login(regional.street_user)
    response = client.post("/orgs/outside-units/", {"name": "甲大厦物业公司", "category": "企业",
                                                    "contact_name": "王经理", "contact_phone": "13900001234"})
    assert response.status_code == 302
    page = client.get("/orgs/outside-units/").content.decode()
    assert "甲大厦物业公司" in page and "139****1234" in page and "13900001234" not in page
    again = client.post("/orgs/outside-units/", {"name": "甲大厦物业公司"}).content.decode()
    assert "已登记名为" in again


def test_a_secretary_has_no_outside_units_page(client, regional):
    client.force_login(regional.secretary)
    assert client.get("/orgs/outside-units/").status_code == 404


def test_member_units_join_and_leave_on_the_regional_page(client, regional):
    from pingxing.orgs.models import MemberUnit

    client.force_login(regional.street_user)
    page = client.get(f"/orgs/{regional.regional.pk}/").content.decode()
    assert "加入成员单位" in page
    client.post(f"/orgs/{regional.regional.pk}/member-units/add/",
                {"organization": regional.a1.pk, "role": "lead", "joined_on": "2026-03-01"})
    unit = MemberUnit.objects.get(regional=regional.regional)
    assert unit.organization == regional.a1 and unit.role == "lead"
    # both kinds of unit at once is refused, with the reason
    client.post(f"/orgs/{regional.regional.pk}/member-units/add/",
                {"organization": regional.a2.pk, "outside_unit": "", "role": "x", "joined_on": "2026-03-01"})
    assert MemberUnit.objects.filter(regional=regional.regional).count() == 1
    client.post(f"/orgs/member-units/{unit.pk}/remove/", {"left_on": "2026-06-30"})
    unit.refresh_from_db()
    assert unit.left_on == dt.date(2026, 6, 30)


def test_members_are_drawn_from_the_units_and_removed_keeping_their_home(client, regional):
    from pingxing.members.models import DrawnMember
    from pingxing.orgs.services_regional import member_unit_add

    unit = member_unit_add(regional=regional.regional, organization=regional.a1, joined_on=DAY, by=None)
    client.force_login(regional.street_user)
    page = client.get(f"/members/?org={regional.regional.pk}").content.decode()
    assert regional.m_a1.name in page and "从成员单位吸收党员" in page
    assert regional.worker.name not in page  # a2 is not a member unit
    client.post(f"/members/regional/{regional.regional.pk}/drawn/", {"candidate": f"{regional.m_a1.pk}:{unit.pk}"})
    drawn = DrawnMember.objects.get()
    assert drawn.member == regional.m_a1 and drawn.member.organization == regional.a1
    # a member of a unit that is not a member unit cannot be smuggled in by editing the form
    client.post(f"/members/regional/{regional.regional.pk}/drawn/", {"candidate": f"{regional.worker.pk}:{unit.pk}"})
    assert DrawnMember.objects.count() == 1
    client.post(f"/members/drawn/{drawn.pk}/remove/")
    assert not DrawnMember.objects.exists()


def test_a_members_work_unit_is_set_on_their_page(client, regional):
    from pingxing.orgs.services import outside_unit_create

    outside = outside_unit_create(street=regional.street_a, name="甲大厦物业公司", by=None)
    client.force_login(regional.street_user)
    page = client.get(f"/members/{regional.worker.pk}/").content.decode()
    assert "工作单位（驻区单位）" in page and "甲大厦物业公司" in page
    client.post(f"/members/{regional.worker.pk}/work-unit/", {"work_unit": outside.pk})
    regional.worker.refresh_from_db()
    assert regional.worker.work_unit == outside


def test_other_streets_and_bad_ids_get_404(client, regional):
    from factories import make_user

    other = make_user(role="street", organization=regional.street_b)
    client.force_login(other)
    assert client.post(f"/orgs/{regional.regional.pk}/member-units/add/", {}).status_code == 404
    assert client.post("/orgs/member-units/999999/remove/", {}).status_code == 404
    assert client.post("/orgs/member-units/abc/remove/", {}).status_code == 404
    assert client.post(f"/members/regional/{regional.regional.pk}/drawn/", {}).status_code == 404
    assert client.post(f"/members/{regional.worker.pk}/work-unit/", {"work_unit": "1"}).status_code == 404
