"""Who manages, reads and records training, over the role × organization matrix (pure)."""

from __future__ import annotations

import pytest

from matrix import CASES, actor, target
from pingxing.core.scope import Actor
from pingxing.training.permissions import (
    OrgFacts,
    can_add_courses,
    can_browse_training,
    can_manage_course,
    can_read_course,
    can_read_hours,
    can_read_org_hours,
    can_record_for,
    can_set_targets,
    has_own_training,
)

T, F = True, False
# role → [own, child, sibling, other_street, county]: a course organized by that organization.
MANAGE = {
    "county": [T, T, T, T, T], "street": [T, T, T, F, F], "secretary": [T, F, F, F, F],
    "clerk": [T, F, F, F, F], "member": [F] * 5, "admin": [F] * 5,
}
READ_COURSE = {  # the subtree, and the offices above (a community reads the street's Party school)
    "county": [T, T, T, T, T], "street": [T, T, T, F, T], "secretary": [T, T, F, F, T],
    "clerk": [T, T, F, F, T], "member": [F] * 5, "admin": [F] * 5,
}
PEOPLE = {  # someone else's hours in that organization; recording their attendance
    "county": [T, T, T, T, T], "street": [T, T, T, F, F], "secretary": [T, T, F, F, F],
    "clerk": [T, T, F, F, F], "member": [F] * 5, "admin": [F] * 5,
}
TARGETS = {
    "county": [T, F, F, F, T], "street": [T, F, F, F, F], "secretary": [F] * 5,
    "clerk": [F] * 5, "member": [F] * 5, "admin": [F] * 5,
}


def facts(role: str, name: str, member_id: int | None = 5) -> OrgFacts:
    t = target(role, name)
    return OrgFacts(org_path=t.path, org_id=t.org_id, member_id=member_id)


@pytest.mark.parametrize(("role", "i", "name"), CASES)
def test_the_matrix(role: str, i: int, name: str):
    who = actor(role)
    assert can_manage_course(who, facts(role, name)) is MANAGE[role][i]
    assert can_read_course(who, facts(role, name)) is READ_COURSE[role][i]
    assert can_read_hours(who, facts(role, name)) is PEOPLE[role][i]
    assert can_read_org_hours(who, facts(role, name)) is PEOPLE[role][i]
    assert can_record_for(who, facts(role, name)) is PEOPLE[role][i]
    assert can_set_targets(who, facts(role, name)) is TARGETS[role][i]


def test_a_member_reads_only_their_own_hours_and_no_course_page():
    me = actor("member", member_id=77)
    assert can_read_hours(me, OrgFacts("/1/2/3/", 3, member_id=77))
    assert not can_read_hours(me, OrgFacts("/1/2/3/", 3, member_id=78))
    assert not can_read_hours(me, OrgFacts("/1/2/3/", 3, member_id=None))
    assert not can_read_org_hours(me, OrgFacts("/1/2/3/", 3))
    assert has_own_training(me) and not can_browse_training(me) and not can_add_courses(me)
    assert not has_own_training(Actor(role="member", org_path="/1/2/3/", org_id=3))  # no member record


@pytest.mark.parametrize(("role", "menu"), [("county", T), ("street", T), ("secretary", T), ("clerk", T),
                                            ("member", F), ("admin", F)])
def test_the_staff_menu_entry(role: str, menu: bool):
    assert can_browse_training(actor(role)) is menu

