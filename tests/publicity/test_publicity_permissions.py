"""Who sees the publicity pages (pure): staff who write or review, never a member or the admin."""

from __future__ import annotations

from pingxing.core.scope import Actor
from pingxing.publicity.permissions import can_browse, can_read, can_review_any, can_write_own
from pingxing.publicity.rules import ArticleFacts, State

ARTICLE = ArticleFacts(org_path="/1/2/3/", org_id=3, state=State.DRAFT, author_id=10)


def test_staff_browse_and_members_and_the_admin_do_not():
    assert can_browse(Actor(role="secretary", org_path="/1/2/3/", org_id=3))
    assert can_browse(Actor(role="street", org_path="/1/2/", org_id=2))
    assert not can_browse(Actor(role="member", org_path="/1/2/3/", org_id=3, member_id=5))
    assert not can_browse(Actor(role="admin"))
    assert not can_browse(Actor(role="street"))  # no organization: nothing to act for


def test_an_article_is_read_by_its_organization_and_the_offices_above_only():
    assert can_read(Actor(role="clerk", org_path="/1/2/3/", org_id=3), ARTICLE)
    assert can_read(Actor(role="street", org_path="/1/2/", org_id=2), ARTICLE)
    assert can_read(Actor(role="county", org_path="/1/", org_id=1), ARTICLE)
    assert not can_read(Actor(role="street", org_path="/1/9/", org_id=9), ARTICLE)
    assert not can_read(Actor(role="secretary", org_path="/1/2/4/", org_id=4), ARTICLE)


def test_offices_review_and_everyone_on_staff_writes_for_their_own_organization():
    assert can_review_any(Actor(role="street", org_path="/1/2/", org_id=2))
    assert not can_review_any(Actor(role="secretary", org_path="/1/2/3/", org_id=3))
    assert can_write_own(Actor(role="secretary", org_path="/1/2/3/", org_id=3))
    assert can_write_own(Actor(role="street", org_path="/1/2/", org_id=2))
    assert not can_write_own(Actor(role="member", org_path="/1/2/3/", org_id=3))
