"""The JSON API: a post through the access helper, the public card with its public fields only."""

from __future__ import annotations

import pytest
from posts_world import YEAR, make_post

from pingxing.posts import services

pytestmark = pytest.mark.usefixtures("_no_two_factor")


def test_a_post_reads_as_the_page_would(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1, name="服务窗口党员先锋岗")
    services.post_review(post=post, year=YEAR, outcome="kept", by=world.clerk)
    client.force_login(world.clerk)
    data = client.get(f"/api/posts/{post.pk}").json()
    assert data["name"] == "服务窗口党员先锋岗" and data["holder"] == "甲一党员"
    assert data["reviews"] == [{"year": 2010, "outcome": "kept", "reason": ""}]
    client.force_login(world.other_street_user)
    assert client.get(f"/api/posts/{post.pk}").status_code == 404
    client.logout()
    assert client.get(f"/api/posts/{post.pk}").status_code in (401, 403, 404)


def test_the_card_is_public_and_holds_only_the_public_fields(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    services.post_review(post=post, year=YEAR, outcome="commended", reason="群众满意", by=world.clerk)
    answer = client.get(f"/api/posts/card/{post.token}")
    assert answer.status_code == 200
    data = answer.json()
    assert set(data) == {"kind", "name", "place", "duties", "holder", "organization", "starts_on", "ends_on",
                         "state", "drives", "latest_review"}
    assert data["latest_review"] == {"year": 2010, "outcome": "commended"}
    assert world.m_a1.phone not in answer.content.decode() and "id" not in data
    assert client.get("/api/posts/card/nothing-here").status_code == 404
