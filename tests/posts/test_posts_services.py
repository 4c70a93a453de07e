"""The services: the holder belongs to the organization, edits only while active, the review rules
(one a year, reasons, a withdrawal withdraws the post), drives and their scope, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from posts_world import START, YEAR, make_drive, make_post

from pingxing.audit.models import AuditEntry
from pingxing.posts import permissions, services
from pingxing.posts.models import (
    REASONED_OUTCOMES,
    PioneerPost,
    PostReview,
    PostState,
    ReviewOutcome,
)
from pingxing.posts.services import PostError


def test_the_pure_copies_match_the_models():
    assert permissions.ACTIVE == PostState.ACTIVE
    assert {str(ReviewOutcome.WITHDRAWN), str(ReviewOutcome.COMMENDED)} == REASONED_OUTCOMES


def test_a_post_is_created_for_a_member_of_its_organization_and_audited(world):
    post = make_post(organization=world.a1, holder=world.m_a1, by=world.clerk)
    assert post.state == "active" and post.created_by == world.clerk
    assert len(post.token) >= 20 and str(post.pk) != post.token
    entry = AuditEntry.objects.get(action="post_edit", object_id=str(post.pk))
    assert entry.user == world.clerk


def test_the_holder_must_belong_to_the_posts_organization_and_the_error_names_the_field(world):
    with pytest.raises(PostError) as refused:
        make_post(organization=world.a1, holder=world.m_a2, by=world.clerk)
    assert refused.value.field == "holder"
    assert "甲二党员" in str(refused.value) and "不是甲一社区党支部的党员" in str(refused.value)
    assert not PioneerPost.objects.exists()
    post = make_post(organization=world.a1, holder=world.m_a1)
    with pytest.raises(PostError) as refused:
        services.post_update(post=post, holder=world.m_b1, by=world.clerk)
    assert refused.value.field == "holder"
    assert PioneerPost.objects.get(pk=post.pk).holder == world.m_a1


def test_required_text_and_a_period_that_ends_before_it_starts_are_refused(world):
    with pytest.raises(PostError) as refused:
        make_post(organization=world.a1, holder=world.m_a1, name="  ")
    assert refused.value.field == "name"
    with pytest.raises(PostError) as refused:
        services.post_create(organization=world.a1, holder=world.m_a1, kind="pioneer_post", name="岗", place="车间",
                             duties="职责", starts_on=START, ends_on=START - dt.timedelta(days=1), by=None)
    assert refused.value.field == "ends_on"
    with pytest.raises(PostError):
        services.post_create(organization=world.a1, holder=world.m_a1, kind="captain", name="岗", place="车间",
                             duties="职责", starts_on=START, by=None)


def test_a_post_is_edited_only_while_active(world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    services.post_update(post=post, name="新名称", holder=world.m_a1_other, by=world.clerk)
    post.refresh_from_db()
    assert post.name == "新名称" and post.holder == world.m_a1_other
    services.post_end(post=post, ends_on=dt.date(2010, 12, 31), by=world.clerk)
    post.refresh_from_db()
    assert post.state == "ended" and post.ends_on == dt.date(2010, 12, 31)
    with pytest.raises(PostError, match="已结束"):
        services.post_update(post=post, name="再改", by=world.clerk)
    with pytest.raises(PostError):
        services.post_end(post=post, by=world.clerk)


def test_a_withdrawn_review_needs_a_reason_and_withdraws_the_post(world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    with pytest.raises(PostError) as refused:
        services.post_review(post=post, year=YEAR, outcome="withdrawn", reason=" ", by=world.clerk)
    assert refused.value.field == "reason"
    assert PioneerPost.objects.get(pk=post.pk).state == "active" and not PostReview.objects.exists()
    review = services.post_review(post=post, year=YEAR, outcome="withdrawn", reason="调离岗位", by=world.clerk)
    assert review.reviewed_by == world.clerk and review.reason == "调离岗位"
    assert PioneerPost.objects.get(pk=post.pk).state == "withdrawn"
    entry = AuditEntry.objects.get(action="post_review", object_id=str(post.pk))
    assert entry.changes["state"] == ["active", "withdrawn"]


def test_a_commendation_needs_a_reason_and_a_withdrawn_post_is_not_reviewed_again(world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    with pytest.raises(PostError, match="表彰"):
        services.post_review(post=post, year=YEAR, outcome="commended", by=world.clerk)
    services.post_review(post=post, year=YEAR - 1, outcome="withdrawn", reason="岗位撤并", by=world.clerk)
    with pytest.raises(PostError, match="已撤销"):
        services.post_review(post=post, year=YEAR, outcome="kept", by=world.clerk)
    assert PostReview.objects.filter(post=post).count() == 1


def test_one_review_a_post_a_year(world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    services.post_review(post=post, year=YEAR, outcome="kept", by=world.clerk)
    with pytest.raises(PostError, match="2010 年度已评议过"):
        services.post_review(post=post, year=YEAR, outcome="commended", reason="表现突出", by=world.clerk)
    services.post_review(post=post, year=YEAR + 1, outcome="commended", reason="表现突出", by=world.clerk)
    assert list(PostReview.objects.filter(post=post).values_list("year", "outcome")) == [
        (2011, "commended"), (2010, "kept")]


def test_a_drive_tags_active_posts_of_its_subtree_only(world):
    drive = make_drive(organization=world.street_a, by=world.street_user)
    ours = make_post(organization=world.a1, holder=world.m_a1)
    factory = make_post(organization=world.factory, holder=world.m_factory)
    theirs = make_post(organization=world.b1, holder=world.m_b1)
    assert services.drive_tag(drive=drive, posts=[ours, factory], by=world.street_user) == 2
    assert services.drive_tag(drive=drive, posts=[ours], by=world.street_user) == 0  # already tagged
    with pytest.raises(PostError, match="不在"):
        services.drive_tag(drive=drive, posts=[theirs], by=world.street_user)
    services.post_end(post=factory, by=None)
    other = make_drive(organization=world.street_a, name="诚信服务先锋")
    with pytest.raises(PostError, match="已撤销或已结束"):
        services.drive_tag(drive=other, posts=[factory], by=world.street_user)
    assert set(drive.posts.all()) == {ours, factory}
    assert services.drive_untag(drive=drive, posts=[ours, theirs], by=world.street_user) == 1
    assert list(drive.posts.all()) == [factory]
    assert AuditEntry.objects.filter(action="post_tag").count() == 2


def test_a_drive_name_is_unique_in_its_organization_and_year(world):
    make_drive(organization=world.street_a)
    with pytest.raises(PostError) as refused:
        make_drive(organization=world.street_a)
    assert refused.value.field == "name"
    make_drive(organization=world.street_a, year=YEAR + 1)
    make_drive(organization=world.a1)
