"""The street overview's counts and their query bounds with many posts, and the list pages' bounds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from posts_world import YEAR, make_post

from factories import make_community, make_members, make_user
from pingxing.posts import queries, services
from pingxing.posts.models import Drive, PioneerPost, PostReview

pytestmark = pytest.mark.usefixtures("_no_two_factor")
KINDS = ("pioneer_post", "model_post", "responsibility_zone")


@pytest.fixture
def big_street(world):
    """300 posts in 10 organizations of street A, with reviews of YEAR and a drive (bulk_create)."""
    orgs = [make_community(parent=world.street_a, kind="enterprise", name=f"测试企业{n:02d}党支部") for n in range(10)]
    posts = []
    for org in orgs:
        for n, member in enumerate(make_members(organization=org, count=30)):
            posts.append(PioneerPost(organization=org, holder=member, kind=KINDS[n % 3], name=f"{org.name}岗位{n}",
                                     place="车间", duties="职责", starts_on=dt.date(2010, 1, 1),
                                     state="withdrawn" if n == 29 else "active", token=f"t{org.pk}x{n}"))
    posts = PioneerPost.objects.bulk_create(posts)
    PostReview.objects.bulk_create([
        PostReview(post=p, year=YEAR, outcome="withdrawn" if i % 30 == 29 else "commended" if i % 30 == 0 else "kept",
                   reason="理由", reviewed_on=dt.date(2010, 12, 1)) for i, p in enumerate(posts)])
    drive = Drive.objects.create(organization=world.street_a, name="克难攻坚当先锋", year=YEAR)
    drive.posts.add(*posts[::2])
    return orgs, drive


def test_overview_by_org_counts_active_posts_by_kind_and_the_years_reviews(world, django_assert_max_num_queries):
    ours = make_post(organization=world.a1, holder=world.m_a1)
    make_post(organization=world.a1, holder=world.m_a1_other, kind="responsibility_zone")
    gone = make_post(organization=world.a1, holder=world.m_a1_other, kind="model_post")
    services.post_review(post=ours, year=YEAR, outcome="commended", reason="好", by=None)
    services.post_review(post=gone, year=YEAR, outcome="withdrawn", reason="撤并", by=None)
    services.post_review(post=ours, year=YEAR - 1, outcome="commended", reason="好", by=None)
    with django_assert_max_num_queries(3):
        found = queries.overview_by_org(org_ids=[world.a1.pk, world.a2.pk], year=YEAR)
    a1 = found[world.a1.pk]
    assert (a1.active, a1.commended, a1.withdrawn) == (2, 1, 1)
    assert a1.by_kind == {"pioneer_post": 1, "responsibility_zone": 1}
    assert found[world.a2.pk] == queries.PostsOverview(active=0, commended=0, withdrawn=0, by_kind={})


def test_overview_by_org_takes_the_same_queries_for_many_organizations(big_street, django_assert_max_num_queries):
    orgs, _drive = big_street
    with django_assert_max_num_queries(3):
        found = queries.overview_by_org(org_ids=[o.pk for o in orgs], year=YEAR)
    assert all(f.active == 29 and f.withdrawn == 1 and f.commended == 1 for f in found.values())
    assert all(f.by_kind == {"pioneer_post": 10, "model_post": 10, "responsibility_zone": 9} for f in found.values())


def test_the_street_pages_of_300_posts_run_a_bounded_number_of_queries(client, world, big_street,
                                                                      django_assert_max_num_queries):
    orgs, drive = big_street
    client.force_login(world.street_user)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("posts:overview"), {"year": YEAR})
    html = page.content.decode()
    assert html.count("测试企业") == 10 and 'id="total-active">290<' in html
    with django_assert_max_num_queries(15):
        page = client.get(reverse("posts:index"))
    assert page.content.decode().count('class="card post-item"') == 50  # one page of 50
    with django_assert_max_num_queries(15):
        page = client.get(reverse("posts:drive", args=[drive.pk]))
    assert page.content.decode().count('class="card post-item"') == 150
    with django_assert_max_num_queries(15):
        assert client.get(reverse("posts:export")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("posts:drives")).status_code == 200
    clerk = make_user(role="clerk", organization=orgs[0])
    client.force_login(clerk)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("posts:index"), {"kind": "model_post"})
    assert page.content.decode().count('class="card post-item"') == 10


def test_member_posts_are_the_members_own_with_reviews_in_three_queries(world, django_assert_max_num_queries):
    first = make_post(organization=world.a1, holder=world.m_a1, name="第一")
    make_post(organization=world.a1, holder=world.m_a1, name="第二", kind="model_post")
    make_post(organization=world.a1, holder=world.m_a1_other)
    services.post_review(post=first, year=YEAR, outcome="kept", by=None)
    with django_assert_max_num_queries(3):
        posts = queries.member_posts(world.m_a1.pk)
        reviews = [[r.outcome for r in p.reviews.all()] for p in posts]
    assert sorted(p.name for p in posts) == ["第一", "第二"] and sorted(reviews) == [[], ["kept"]]
