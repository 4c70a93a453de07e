from __future__ import annotations

import pytest

from pingxing.cobuilding import permissions as p
from pingxing.core.scope import Actor

# county /1/, street A /1/2/ with community A1 /1/2/3/ (id 3), street B /1/5/, community B1 /1/5/6/ (id 6)
A1 = p.ContractFacts(org_path="/1/2/3/", org_id=3, partner_org_ids=frozenset({6}))
ACTORS = {
    "county": Actor("county", "/1/", 1), "street": Actor("street", "/1/2/", 2),
    "other_street": Actor("street", "/1/5/", 5), "secretary": Actor("secretary", "/1/2/3/", 3),
    "clerk": Actor("clerk", "/1/2/3/", 3), "partner_secretary": Actor("secretary", "/1/5/6/", 6),
    "other_secretary": Actor("secretary", "/1/2/4/", 4), "member": Actor("member", "/1/2/3/", 3, member_id=9),
    "admin": Actor("admin"),
}
EDIT = {"street", "secretary", "clerk"}
READ = EDIT | {"county", "partner_secretary"}


@pytest.mark.parametrize("who", ACTORS)
def test_only_the_signing_organization_and_its_street_edit(who):
    assert p.can_edit_contract(ACTORS[who], A1) is (who in EDIT)


@pytest.mark.parametrize("who", ACTORS)
def test_county_parties_and_street_read(who):
    assert p.can_read_contract(ACTORS[who], A1) is (who in READ)


@pytest.mark.parametrize("who", ACTORS)
def test_an_outside_units_review_is_recorded_by_the_street_or_the_organization(who):
    assert p.can_sign_side(ACTORS[who], A1, side_org_id=None) is (who in EDIT)


@pytest.mark.parametrize("who", ACTORS)
def test_a_partner_organization_signs_only_its_own_side(who):
    assert p.can_sign_side(ACTORS[who], A1, side_org_id=6) is (who == "partner_secretary")
    assert p.can_sign_side(ACTORS[who], A1, side_org_id=3) is (who in EDIT)


@pytest.mark.parametrize("who", ACTORS)
def test_menu_for_county_street_secretary_clerk(who):
    expected = ACTORS[who].role in {"county", "street", "secretary", "clerk"}
    assert p.can_browse_cobuilding(ACTORS[who]) is expected
