"""The step table, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from pingxing.ratings import workflow as wf
from pingxing.ratings.calendar import add_working_days


def test_a_three_star_case_goes_declare_assess_approve_publish():
    state = wf.next_state(state=wf.DRAFT, action="declare", actor=wf.COMMUNITY)
    state = wf.next_state(state=state, action="assess", actor=wf.STREET)
    state = wf.next_state(state=state, action="approve", actor=wf.COUNTY, star=3)
    assert wf.next_state(state=state, action="publish", actor=wf.COUNTY) == wf.PUBLISHED


def test_a_four_star_case_needs_acceptance_and_notice_not_approval():
    with pytest.raises(wf.WorkflowError, match="不适用县审定"):
        wf.next_state(state=wf.ASSESSED, action="approve", actor=wf.COUNTY, star=4)
    state = wf.next_state(state=wf.ASSESSED, action="accept", actor=wf.COUNTY, star=4)
    state = wf.next_state(state=state, action="start_notice", actor=wf.COUNTY)
    state = wf.next_state(state=state, action="close_notice", actor=wf.COUNTY)
    assert wf.next_state(state=state, action="publish", actor=wf.COUNTY) == wf.PUBLISHED


def test_a_three_star_case_cannot_take_the_acceptance_path():
    with pytest.raises(wf.WorkflowError):
        wf.next_state(state=wf.ASSESSED, action="accept", actor=wf.COUNTY, star=3)


def test_only_the_county_publishes_and_only_the_street_assesses():
    with pytest.raises(wf.WorkflowError, match="职责"):
        wf.next_state(state=wf.APPROVED, action="publish", actor=wf.STREET)
    with pytest.raises(wf.WorkflowError, match="职责"):
        wf.next_state(state=wf.DECLARED, action="assess", actor=wf.COMMUNITY)


def test_returning_needs_a_reason():
    with pytest.raises(wf.WorkflowError, match="理由"):
        wf.next_state(state=wf.ASSESSED, action="return_to_street", actor=wf.COUNTY, reason="  ")
    assert wf.next_state(state=wf.ASSESSED, action="return_to_street", actor=wf.COUNTY,
                         reason="事实有误") == wf.RETURNED_TO_STREET


def test_an_upheld_objection_sends_the_case_back_to_acceptance():
    state = wf.next_state(state=wf.ON_NOTICE, action="uphold_objection", actor=wf.COUNTY, reason="属实")
    assert "accept" in wf.available_actions(state=state, actor=wf.COUNTY, star=5)


def test_available_actions_follow_the_star_path():
    assert wf.available_actions(state=wf.ASSESSED, actor=wf.COUNTY, star=2) == [
        "return_to_street", "approve"]
    assert wf.available_actions(state=wf.ASSESSED, actor=wf.COUNTY, star=4) == [
        "return_to_street", "accept"]
    assert "approve" not in wf.available_actions(state=wf.ASSESSED, actor=wf.COUNTY, star=5)


def test_five_working_days_skip_the_weekend():
    friday = dt.date(2010, 11, 26)
    assert add_working_days(friday, 5) == dt.date(2010, 12, 2)
    assert add_working_days(dt.date(2010, 11, 27), 1) == dt.date(2010, 11, 29)  # Saturday start
    assert add_working_days(friday, 2, holidays={dt.date(2010, 11, 29)}) == dt.date(2010, 11, 30)
