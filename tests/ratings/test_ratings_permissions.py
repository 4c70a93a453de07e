"""The role × organization-level matrix of the campaign's predicates (pure: no database).

Each step of a case — declare, assess, approve, inspect (验收), publish, respond to an
objection — for all six roles against cases at every place of the tree."""

from __future__ import annotations

import pytest

from matrix import CASES, F, T, actor, target
from pingxing.ratings import permissions as p
from pingxing.ratings.permissions import CaseFacts
from pingxing.ratings.workflow import CaseState, Part

NONE = (F, F, F, F, F)
EVERY = (T, T, T, T, T)
READ = {"county": EVERY, "street": (T, T, T, F, F), "secretary": (T, F, F, F, F),
        "clerk": (T, F, F, F, F), "member": NONE, "admin": EVERY}
DECLARE = {"county": NONE, "street": NONE, "secretary": (T, F, F, F, F),
           "clerk": (T, F, F, F, F), "member": NONE, "admin": NONE}
ASSESS = {"county": NONE, "street": (T, T, T, F, F), "secretary": NONE,
          "clerk": NONE, "member": NONE, "admin": NONE}
COUNTY_ONLY = {"county": EVERY, "street": NONE, "secretary": NONE,
               "clerk": NONE, "member": NONE, "admin": NONE}


def case_at(role: str, name: str, state: CaseState, *, acceptance: bool | None = None) -> CaseFacts:
    t = target(role, name)
    return CaseFacts(org_id=t.org_id, org_path=t.path, state=state, acceptance=acceptance, notice_over=True)


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_reading_a_case_follows_the_matrix(role, i, name):
    assert p.can_read_case(actor(role), case_at(role, name, CaseState.DRAFT)) is READ[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_declaring_follows_the_matrix(role, i, name):
    assert p.can_declare(actor(role), case_at(role, name, CaseState.DRAFT)) is DECLARE[role][i]
    assert p.can_declare(actor(role), case_at(role, name, CaseState.RETURNED_TO_COMMUNITY)) is DECLARE[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_assessing_follows_the_matrix(role, i, name):
    assert p.can_assess(actor(role), case_at(role, name, CaseState.DECLARED)) is ASSESS[role][i]
    assert p.can_return_to_community(actor(role), case_at(role, name, CaseState.DECLARED)) is ASSESS[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_approving_follows_the_matrix(role, i, name):
    case = case_at(role, name, CaseState.ASSESSED, acceptance=False)
    assert p.can_approve(actor(role), case) is COUNTY_ONLY[role][i]
    assert p.can_inspect(actor(role), case) is False  # a star below the acceptance path


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_inspecting_follows_the_matrix(role, i, name):
    case = case_at(role, name, CaseState.ASSESSED, acceptance=True)
    assert p.can_inspect(actor(role), case) is COUNTY_ONLY[role][i]
    assert p.can_approve(actor(role), case) is False  # 4–5★ go through acceptance instead


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_publishing_follows_the_matrix(role, i, name):
    for state in (CaseState.APPROVED, CaseState.NOTICE_DONE):
        assert p.can_publish(actor(role), case_at(role, name, state)) is COUNTY_ONLY[role][i]


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_responding_to_an_objection_follows_the_matrix(role, i, name):
    assert p.can_respond_to_objection(actor(role), case_at(role, name, CaseState.ON_NOTICE)) is COUNTY_ONLY[role][i]


@pytest.mark.parametrize(
    ("predicate", "wrong_state"),
    [(p.can_declare, CaseState.DECLARED), (p.can_assess, CaseState.ASSESSED),
     (p.can_approve, CaseState.APPROVED), (p.can_publish, CaseState.ON_NOTICE),
     (p.can_respond_to_objection, CaseState.NOTICE_DONE)],
)
def test_no_step_is_open_in_the_wrong_state(predicate, wrong_state):
    for role in READ:
        assert predicate(actor(role), case_at(role, "own", wrong_state, acceptance=False)) is False


def test_approval_waits_for_a_star_and_the_notice_for_its_period():
    county = actor("county")
    assert not p.can_approve(county, case_at("county", "child", CaseState.ASSESSED, acceptance=None))
    on_notice = CaseFacts(org_id=9, org_path="/1/9/", state=CaseState.ON_NOTICE, notice_over=False)
    assert not p.can_close_notice(county, on_notice)
    assert p.can_close_notice(county, CaseFacts(org_id=9, org_path="/1/9/", state=CaseState.ON_NOTICE,
                                                notice_over=True))


def test_each_role_plays_one_part():
    case = CaseFacts(org_id=3, org_path="/1/2/3/", state=CaseState.DRAFT)
    parts = {role: p.case_part(actor(role), case) for role in READ}
    assert parts == {"county": Part.COUNTY, "street": Part.STREET, "secretary": Part.COMMUNITY,
                     "clerk": Part.COMMUNITY, "member": None, "admin": None}


def test_campaign_and_results_pages_by_role():
    roles = list(READ)
    assert [r for r in roles if p.can_take_part_in_campaigns(actor(r))] == ["county", "street", "secretary", "clerk", "admin"]
    assert [r for r in roles if p.can_open_campaign(actor(r))] == ["county"]
    assert [r for r in roles if p.can_import_facts(actor(r))] == ["county", "street"]
    assert [r for r in roles if p.can_view_results(actor(r))] == ["county", "street"]
    assert [r for r in roles if p.can_manage_results(actor(r))] == ["county"]
    assert [r for r in roles if p.can_read_publications(actor(r))] == ["county", "street", "secretary", "clerk"]
