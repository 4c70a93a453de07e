"""Who may see and act on a 五好 case: the role × organization × state matrix (no database)."""

from __future__ import annotations

import pytest

from pingxing.core.scope import Actor
from pingxing.fivegood import permissions
from pingxing.fivegood.permissions import CaseFacts
from pingxing.fivegood.workflow import STEPS, CaseState

OWN = CaseFacts(org_id=7, org_path="/1/2/7/", state=CaseState.DRAFT)
STREET = "/1/2/"
ACTORS = {
    "county": Actor(role="county", org_path="/1/", org_id=1),
    "street": Actor(role="street", org_path=STREET, org_id=2),
    "other_street": Actor(role="street", org_path="/1/3/", org_id=3),
    "secretary": Actor(role="secretary", org_path="/1/2/7/", org_id=7),
    "clerk": Actor(role="clerk", org_path="/1/2/7/", org_id=7),
    "other_secretary": Actor(role="secretary", org_path="/1/2/8/", org_id=8),
    "member": Actor(role="member", org_path="/1/2/7/", org_id=7, member_id=5),
    "admin": Actor(role="admin"),
}
# (action, from state) -> who may take it on OWN
EXPECTED = {
    ("submit", CaseState.DRAFT): {"secretary", "clerk"},
    ("submit", CaseState.RETURNED_TO_ORG): {"secretary", "clerk"},
    ("assess", CaseState.SUBMITTED): {"street"},
    ("return_org", CaseState.SUBMITTED): {"street"},
    ("assess", CaseState.RETURNED_TO_STREET): {"street"},
    ("approve", CaseState.ASSESSED): {"county"},
    ("return_street", CaseState.ASSESSED): {"county"},
    ("publish", CaseState.APPROVED): {"county"},
}


@pytest.mark.parametrize("state", list(CaseState))
@pytest.mark.parametrize("action", list(STEPS))
def test_each_step_is_taken_only_by_its_part_in_its_states(action: str, state: CaseState) -> None:
    case = CaseFacts(OWN.org_id, OWN.org_path, state)
    allowed = {name for name, actor in ACTORS.items() if permissions.can_take_step(actor, case, action)}
    assert allowed == EXPECTED.get((action, state), set())


def test_only_the_organizations_own_staff_edit_and_only_while_editable() -> None:
    for state in CaseState:
        case = CaseFacts(OWN.org_id, OWN.org_path, state)
        editors = {n for n, a in ACTORS.items() if permissions.can_edit_facts(a, case)}
        assert editors == ({"secretary", "clerk"} if state in {CaseState.DRAFT, CaseState.RETURNED_TO_ORG} else set())


def test_who_sees_a_case() -> None:
    seers = {n for n, a in ACTORS.items() if permissions.can_view_case(a, OWN)}
    assert seers == {"county", "street", "secretary", "clerk"}


def test_the_menu_and_the_dashboard_panel_are_for_staff() -> None:
    assert {n for n, a in ACTORS.items() if permissions.can_browse_fivegood(a)} == {
        "county", "street", "other_street", "secretary", "clerk", "other_secretary"}
    assert {n for n, a in ACTORS.items() if permissions.can_see_overview(a)} == {"county", "street", "other_street"}
    assert {n for n, a in ACTORS.items() if permissions.can_open_assessment(a)} == {"county"}
