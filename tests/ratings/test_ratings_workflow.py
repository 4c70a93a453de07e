"""The step table, without a database."""

from __future__ import annotations

import pytest

from pingxing.ratings import workflow as wf


def test_a_three_star_case_goes_declare_assess_approve_publish():
    state = wf.next_state(state=wf.CaseState.DRAFT, action="declare", part=wf.Part.COMMUNITY)
    state = wf.next_state(state=state, action="assess", part=wf.Part.STREET)
    state = wf.next_state(state=state, action="approve", part=wf.Part.COUNTY, acceptance=False)
    assert wf.next_state(state=state, action="publish", part=wf.Part.COUNTY) == wf.CaseState.PUBLISHED


def test_a_four_star_case_needs_acceptance_and_notice_not_approval():
    with pytest.raises(wf.WorkflowError, match="不适用县审定"):
        wf.next_state(state=wf.CaseState.ASSESSED, action="approve", part=wf.Part.COUNTY, acceptance=True)
    state = wf.next_state(state=wf.CaseState.ASSESSED, action="accept", part=wf.Part.COUNTY, acceptance=True)
    state = wf.next_state(state=state, action="start_notice", part=wf.Part.COUNTY)
    state = wf.next_state(state=state, action="close_notice", part=wf.Part.COUNTY)
    assert wf.next_state(state=state, action="publish", part=wf.Part.COUNTY) == wf.CaseState.PUBLISHED


def test_a_three_star_case_cannot_take_the_acceptance_path():
    with pytest.raises(wf.WorkflowError):
        wf.next_state(state=wf.CaseState.ASSESSED, action="accept", part=wf.Part.COUNTY, acceptance=False)


def test_only_the_county_publishes_and_only_the_street_assesses():
    with pytest.raises(wf.WorkflowError, match="职责"):
        wf.next_state(state=wf.CaseState.APPROVED, action="publish", part=wf.Part.STREET)
    with pytest.raises(wf.WorkflowError, match="职责"):
        wf.next_state(state=wf.CaseState.DECLARED, action="assess", part=wf.Part.COMMUNITY)


def test_returning_needs_a_reason():
    with pytest.raises(wf.WorkflowError, match="理由"):
        wf.next_state(state=wf.CaseState.ASSESSED, action="return_to_street", part=wf.Part.COUNTY, reason="  ")
    assert wf.next_state(state=wf.CaseState.ASSESSED, action="return_to_street", part=wf.Part.COUNTY,
                         reason="事实有误") == wf.CaseState.RETURNED_TO_STREET


def test_an_upheld_objection_sends_the_case_back_to_acceptance():
    state = wf.next_state(state=wf.CaseState.ON_NOTICE, action="uphold_objection", part=wf.Part.COUNTY, reason="属实")
    assert "accept" in wf.available_actions(state=state, part=wf.Part.COUNTY, acceptance=True)


def test_available_actions_follow_the_star_path():
    assert wf.available_actions(state=wf.CaseState.ASSESSED, part=wf.Part.COUNTY, acceptance=False) == [
        "return_to_street", "approve"]
    assert wf.available_actions(state=wf.CaseState.ASSESSED, part=wf.Part.COUNTY, acceptance=True) == [
        "return_to_street", "accept"]
    assert "approve" not in wf.available_actions(state=wf.CaseState.ASSESSED, part=wf.Part.COUNTY, acceptance=True)
