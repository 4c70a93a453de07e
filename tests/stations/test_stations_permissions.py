"""Who reads and keeps the service platforms, over the role × organization matrix (pure)."""

from __future__ import annotations

import pytest

from matrix import CASES, actor, target
from pingxing.stations.permissions import (
    StationFacts,
    can_add_stations,
    can_browse_stations,
    can_manage_station,
    can_read_station,
)

T, F = True, False
# role → [own, child, sibling, other_street, county]: a station of that organization.
MANAGE = {
    "county": [T, T, T, T, T], "street": [T, T, T, F, F], "secretary": [T, F, F, F, F],
    "clerk": [T, F, F, F, F], "member": [F] * 5, "admin": [F] * 5,
}
READ = {
    "county": [T, T, T, T, T], "street": [T, T, T, F, F], "secretary": [T, T, F, F, F],
    "clerk": [T, T, F, F, F], "member": [F] * 5, "admin": [F] * 5,
}


def facts(role: str, name: str) -> StationFacts:
    t = target(role, name)
    return StationFacts(org_path=t.path, org_id=t.org_id)


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_the_matrix(role: str, i: int, name: str):
    who = actor(role)
    assert can_manage_station(who, facts(role, name)) is MANAGE[role][i]
    assert can_read_station(who, facts(role, name)) is READ[role][i]


@pytest.mark.parametrize("role", ["county", "street", "secretary", "clerk"])
def test_party_staff_see_the_menu_and_may_add_stations(role: str):
    assert can_browse_stations(actor(role))
    assert can_add_stations(actor(role))


@pytest.mark.parametrize("role", ["member", "admin"])
def test_members_and_the_administrator_have_no_staff_pages(role: str):
    assert not can_browse_stations(actor(role))
    assert not can_add_stations(actor(role))
