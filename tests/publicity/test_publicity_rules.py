from __future__ import annotations

from pingxing.core.scope import Actor
from pingxing.publicity.rules import (
    ArticleFacts,
    State,
    can_edit,
    can_review,
    can_submit,
    can_withdraw,
)

COMMUNITY = ArticleFacts(org_path="/1/2/3/", org_id=3, state=State.SUBMITTED, author_id=10)
STREET = Actor(role="street", org_path="/1/2/", org_id=2, user_id=20)


def test_the_street_above_reviews_a_submitted_article():
    assert can_review(STREET, COMMUNITY)


def test_the_author_cannot_review_their_own_article():
    assert not can_review(Actor(role="street", org_path="/1/2/", org_id=2, user_id=10), COMMUNITY)


def test_another_street_cannot_review():
    assert not can_review(Actor(role="street", org_path="/1/9/", org_id=9, user_id=21), COMMUNITY)


def test_a_secretary_cannot_review_but_edits_a_returned_article_of_their_organization():
    secretary = Actor(role="secretary", org_path="/1/2/3/", org_id=3, user_id=10)
    returned = ArticleFacts(org_path="/1/2/3/", org_id=3, state=State.RETURNED, author_id=10)
    assert not can_review(secretary, COMMUNITY)
    assert can_edit(secretary, returned) and can_submit(secretary, returned)
    assert not can_edit(secretary, COMMUNITY)


def test_only_a_published_article_is_withdrawn_by_the_office_above():
    published = ArticleFacts(org_path="/1/2/3/", org_id=3, state=State.PUBLISHED, author_id=10)
    assert can_withdraw(STREET, published)
    assert not can_withdraw(STREET, COMMUNITY)
    assert not can_withdraw(Actor(role="member", org_path="/1/2/3/", org_id=3), published)
