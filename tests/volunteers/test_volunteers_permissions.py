from __future__ import annotations

import pytest

from pingxing.core.scope import Actor
from pingxing.volunteers import permissions
from pingxing.volunteers.permissions import OrgFacts

COUNTY, STREET, A1, A2, B = "/1/", "/1/2/", "/1/2/3/", "/1/2/4/", "/1/5/6/"
IDS = {COUNTY: 1, STREET: 2, A1: 3, A2: 4, B: 6}
ACTORS = {
    "county": Actor(role="county", org_path=COUNTY, org_id=1),
    "street": Actor(role="street", org_path=STREET, org_id=2),
    "secretary": Actor(role="secretary", org_path=A1, org_id=3),
    "clerk": Actor(role="clerk", org_path=A1, org_id=3),
    "member": Actor(role="member", org_path=A1, org_id=3, member_id=9),
    "admin": Actor(role="admin"),
}
# who manages activities of which organization
MANAGE = {
    "county": {COUNTY, STREET, A1, A2, B}, "street": {STREET, A1, A2}, "secretary": {A1}, "clerk": {A1},
    "member": set(), "admin": set(),
}
SIGN_UP = {"member": {COUNTY, STREET, A1}}


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("path", list(IDS))
def test_managing_follows_role_and_organization_level(role, path):
    org = OrgFacts(org_path=path, org_id=IDS[path])
    assert permissions.can_manage(ACTORS[role], org) is (path in MANAGE[role])


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("path", list(IDS))
def test_only_a_member_signs_up_for_activities_of_their_organization_and_above(role, path):
    org = OrgFacts(org_path=path, org_id=IDS[path])
    assert permissions.can_sign_up(ACTORS[role], org) is (path in SIGN_UP.get(role, set()))


def test_a_member_reads_activities_above_but_not_beside_their_organization():
    member = ACTORS["member"]
    assert permissions.can_read(member, OrgFacts(org_path=STREET, org_id=2))
    assert not permissions.can_read(member, OrgFacts(org_path=A2, org_id=4))


def test_menus_staff_see_volunteer_service_and_a_member_their_own():
    assert {r for r, a in ACTORS.items() if permissions.can_browse(a)} == {"county", "street", "secretary", "clerk"}
    assert {r for r, a in ACTORS.items() if permissions.has_own(a)} == {"member"}
    assert not permissions.has_own(Actor(role="member", org_path=A1, org_id=3))
