"""Who manages, reviews, reads and tags pioneer posts, over the role × organization matrix (pure)."""

from __future__ import annotations

import pytest

from matrix import TARGETS, actor
from pingxing.posts.permissions import (
    DriveFacts,
    PostFacts,
    can_browse_posts,
    can_edit_post,
    can_manage_drive,
    can_read_drive,
    can_read_post,
    can_review_post,
    can_see_overview,
    can_start_drive,
    can_tag,
    has_member_record,
)

ORG = {"own": "/1/2/3/", "sibling": "/1/2/4/", "other_street": "/1/5/6/"}
OWN_MEMBER, OTHER_MEMBER = 77, 78  # matrix.actor("member") is member 77 of /1/2/3/
ROLES = ("county", "street", "secretary", "clerk", "member", "admin")


def post(where: str, *, holder: int = OTHER_MEMBER, state: str = "active") -> PostFacts:
    path = ORG[where]
    return PostFacts(org_id=int(path.strip("/").split("/")[-1]), org_path=path, holder_id=holder, state=state)


MANAGE = {"secretary": {"own"}, "clerk": {"own"}}
READ = {"county": {"own", "sibling", "other_street"}, "street": {"own", "sibling"}, "secretary": {"own"},
        "clerk": {"own"}, "member": {"own"}, "admin": set()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("where", list(ORG))
def test_the_matrix_for_a_post_held_by_another_member(role, where):
    who = actor(role)
    facts = post(where)
    assert can_read_post(who, facts) is (where in READ[role])
    assert can_edit_post(who, facts) is (where in MANAGE.get(role, set()))
    assert can_review_post(who, facts) is (where in MANAGE.get(role, set()))


def test_a_post_that_is_no_longer_active_is_not_edited_but_still_reviewed():
    clerk = actor("clerk")
    for state in ("withdrawn", "ended"):
        assert not can_edit_post(clerk, post("own", state=state))
        assert can_read_post(clerk, post("own", state=state))
    assert can_review_post(clerk, post("own", state="ended"))


def test_a_member_reads_their_own_post_wherever_it_is_but_never_manages_it():
    member = actor("member")
    mine = post("sibling", holder=OWN_MEMBER)
    assert can_read_post(member, mine)
    assert not can_edit_post(member, mine) and not can_review_post(member, mine)
    assert not can_read_post(member, post("sibling"))


def _drive(path: str) -> DriveFacts:
    return DriveFacts(org_id=int(path.strip("/").split("/")[-1]), org_path=path)


STREET_DRIVE, OWN_DRIVE, SIBLING_DRIVE = _drive("/1/2/"), _drive("/1/2/3/"), _drive("/1/2/4/")


def test_who_starts_and_manages_drives():
    assert can_start_drive(actor("street"), org_id=2)
    assert can_start_drive(actor("secretary"), org_id=3) and can_start_drive(actor("clerk"), org_id=3)
    assert not can_start_drive(actor("county"), org_id=1)  # the county reads
    assert not can_start_drive(actor("member"), org_id=3)
    assert not can_start_drive(actor("street"), org_id=3)  # an organization's own drive is its own
    assert can_manage_drive(actor("street"), STREET_DRIVE) and not can_manage_drive(actor("clerk"), STREET_DRIVE)


@pytest.mark.parametrize(("role", "drive", "expected"), [
    ("street", STREET_DRIVE, True), ("county", STREET_DRIVE, True), ("secretary", STREET_DRIVE, True),
    ("member", STREET_DRIVE, True), ("admin", STREET_DRIVE, False), ("secretary", SIBLING_DRIVE, False),
    ("member", SIBLING_DRIVE, False), ("street", SIBLING_DRIVE, True), ("clerk", OWN_DRIVE, True),
])
def test_a_drive_is_read_by_its_organization_the_offices_above_and_the_organizations_below(role, drive, expected):
    assert can_read_drive(actor(role), drive) is expected


def test_the_street_tags_posts_of_its_subtree_and_an_organization_tags_its_own_posts():
    street, clerk, member = actor("street"), actor("clerk"), actor("member")
    assert can_tag(street, STREET_DRIVE, post("own")) and can_tag(street, STREET_DRIVE, post("sibling"))
    assert not can_tag(street, STREET_DRIVE, post("other_street"))  # outside the drive's scope
    assert can_tag(clerk, STREET_DRIVE, post("own"))  # the organization joins the street's drive
    assert not can_tag(clerk, STREET_DRIVE, post("sibling"))
    assert not can_tag(clerk, SIBLING_DRIVE, post("own"))
    assert not can_tag(member, STREET_DRIVE, post("own", holder=OWN_MEMBER))
    assert not can_tag(actor("county"), STREET_DRIVE, post("own"))


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_entries(role):
    who = actor(role)
    assert can_browse_posts(who) is (role in {"county", "street", "secretary", "clerk"})
    assert can_see_overview(who) is (role in {"county", "street"})
    assert has_member_record(who) is (role == "member")


def test_the_matrix_covers_the_targets_that_hold_a_post():
    assert set(ORG) <= set(TARGETS)
