from __future__ import annotations

import pytest

from pingxing.core.scope import Actor
from pingxing.plans.permissions import (
    OrgFacts,
    can_browse_plans,
    can_confirm_target,
    can_edit_plans,
    can_read_plans,
    can_see_overview,
)

COUNTY = OrgFacts(org_path="/1/", org_id=1)
STREET = OrgFacts(org_path="/1/2/", org_id=2)
COMMUNITY = OrgFacts(org_path="/1/2/3/", org_id=3)
OTHER_COMMUNITY = OrgFacts(org_path="/1/2/4/", org_id=4)
OTHER_STREET_COMMUNITY = OrgFacts(org_path="/1/5/6/", org_id=6)

ACTORS = {
    "county": Actor(role="county", org_path="/1/", org_id=1),
    "street": Actor(role="street", org_path="/1/2/", org_id=2),
    "secretary": Actor(role="secretary", org_path="/1/2/3/", org_id=3),
    "clerk": Actor(role="clerk", org_path="/1/2/3/", org_id=3),
    "member": Actor(role="member", org_path="/1/2/3/", org_id=3, member_id=9),
    "admin": Actor(role="admin"),
}
ORGS = {"county": COUNTY, "street": STREET, "community": COMMUNITY, "other": OTHER_COMMUNITY,
        "far": OTHER_STREET_COMMUNITY}
# role → organizations it reads / edits / confirms
READ = {"county": {"county", "street", "community", "other", "far"}, "street": {"street", "community", "other"},
        "secretary": {"community"}, "clerk": {"community"}, "member": set(), "admin": set()}
EDIT = {"county": set(), "street": {"street"}, "secretary": {"community"}, "clerk": {"community"},
        "member": set(), "admin": set()}
CONFIRM = {"county": set(), "street": {"community", "other"}, "secretary": set(), "clerk": set(),
           "member": set(), "admin": set()}


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("org", list(ORGS))
def test_who_reads_edits_and_confirms_over_roles_and_levels(role, org):
    actor, facts = ACTORS[role], ORGS[org]
    assert can_read_plans(actor, facts) is (org in READ[role])
    assert can_edit_plans(actor, facts) is (org in EDIT[role])
    assert can_confirm_target(actor, facts) is (org in CONFIRM[role])


@pytest.mark.parametrize("role", list(ACTORS))
def test_the_menu_is_for_party_staff_and_the_overview_for_offices(role):
    actor = ACTORS[role]
    assert can_browse_plans(actor) is (role in {"county", "street", "secretary", "clerk"})
    assert can_see_overview(actor) is (role in {"county", "street"})
