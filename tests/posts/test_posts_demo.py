"""The demo's posts: every kind in the enterprises and the trade association, the demo member's
责任区, the street's two drives and last year's reviews."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pingxing.demo import load_demo_if_empty
from pingxing.posts.demo import load_posts
from pingxing.posts.models import Drive, PioneerPost, PostReview


@pytest.mark.django_db
def test_the_demo_posts_cover_every_kind_the_drives_and_last_years_reviews(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    today = dt.date(2026, 9, 1)
    load_demo_if_empty(today)
    load_posts(today=today)
    posts = PioneerPost.objects.all()
    for org in ("柯桥纺织印染有限公司党支部", "越绣服饰有限公司党支部", "鉴水物流有限公司党支部", "柯桥纺织行业协会党支部"):
        assert set(posts.filter(organization__name=org).values_list("kind", flat=True)) == {
            "pioneer_post", "model_post", "responsibility_zone"}, org
    assert set(posts.values_list("organization__kind", flat=True)) == {"enterprise", "social_org", "community"}
    zone = posts.get(holder__user__username="member_diyang")
    assert zone.kind == "responsibility_zone" and zone.organization.name == "笛扬社区党总支"
    drives = Drive.objects.filter(organization__name="柯桥街道党工委", year=2026)
    assert set(drives.values_list("name", flat=True)) == {"克难攻坚当先锋", "诚信服务先锋"}
    assert all(d.posts.exists() for d in drives)
    reviews = PostReview.objects.filter(year=2025)
    assert {"kept", "commended", "withdrawn"} <= set(reviews.values_list("outcome", flat=True))
    assert all(r.reason for r in reviews.exclude(outcome="kept"))
    assert posts.filter(state="withdrawn").count() == reviews.filter(outcome="withdrawn").count() == 1
    count = posts.count()
    load_posts(today=today)
    assert PioneerPost.objects.count() == count
    from pingxing.accounts.models import User

    client.force_login(User.objects.get(username="member_diyang"))
    assert "笛扬社区3号楼党员责任区" in client.get(reverse("posts:mine")).content.decode()
