"""The writes of 宣传报道: maker/checker review, return with a reason and resubmission, withdrawal
with a reason, photos checked before they are stored, every step recorded and audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from publicity_world import png, published, write

from pingxing.audit.models import AuditEntry
from pingxing.publicity import services
from pingxing.publicity.models import Article, ArticlePhoto
from pingxing.publicity.services import PublicityError

pytestmark = pytest.mark.django_db


def test_a_secretary_writes_submits_and_the_street_publishes(world):
    article = write(world)
    assert article.state == "draft"
    services.article_submit(article=article, by=world.secretary)
    services.article_approve(article=article, by=world.street_user)
    article.refresh_from_db()
    assert article.state == "published"
    assert article.reviewed_by == world.street_user and article.published_at is not None
    assert [s.action for s in article.steps.all()] == ["submit", "approve"]
    assert AuditEntry.objects.filter(object_type__icontains="article", object_id=str(article.pk)).count() >= 3


def test_the_author_cannot_approve_their_own_article(world):
    article = write(world, by=world.street_user, org=world.street_a)
    services.article_submit(article=article, by=world.street_user)
    with pytest.raises(PublicityError, match="不能审核"):
        services.article_approve(article=article, by=world.street_user)
    services.article_approve(article=article, by=world.county_user)  # the office above the street
    assert Article.objects.get(pk=article.pk).state == "published"


def test_a_secretary_cannot_review_nor_another_street(world):
    article = write(world)
    services.article_submit(article=article, by=world.secretary)
    for reviewer in (world.secretary, world.clerk, world.secretary_a2, world.street_b_user):
        with pytest.raises(PublicityError):
            services.article_approve(article=article, by=reviewer)
        with pytest.raises(PublicityError):
            services.article_return(article=article, reason="请修改", by=reviewer)
    assert Article.objects.get(pk=article.pk).state == "submitted"


def test_a_return_needs_a_reason_and_the_returned_article_is_edited_and_resubmitted(world):
    article = write(world)
    services.article_submit(article=article, by=world.secretary)
    with pytest.raises(PublicityError, match="退回理由"):
        services.article_return(article=article, reason="  ", by=world.street_user)
    services.article_return(article=article, reason="请补充照片", by=world.street_user)
    article.refresh_from_db()
    assert article.state == "returned" and article.return_reason == "请补充照片"
    services.article_update(article=article, kind="progress", title="评星动员会召开（修改）", body="补充内容。",
                            year=2026, by=world.clerk)
    services.photo_add(article=article, upload=png(), caption="现场", by=world.clerk)
    services.article_submit(article=article, by=world.secretary)
    services.article_approve(article=article, by=world.street_user)
    article.refresh_from_db()
    assert article.state == "published" and article.title.endswith("（修改）") and article.return_reason == ""
    assert [s.action for s in article.steps.all()] == ["submit", "return", "submit", "approve"]


def test_a_submitted_or_published_article_is_not_edited(world):
    article = write(world)
    services.article_submit(article=article, by=world.secretary)
    with pytest.raises(PublicityError, match="不能修改"):
        services.article_update(article=article, kind="progress", title="改", body="改", year=2026,
                                by=world.secretary)
    with pytest.raises(PublicityError, match="不能修改照片"):
        services.photo_add(article=article, upload=png(), by=world.secretary)


def test_withdrawal_needs_a_reason_and_the_office_above(world):
    article = published(world)
    with pytest.raises(PublicityError):
        services.article_withdraw(article=article, reason="有误", by=world.secretary)
    with pytest.raises(PublicityError, match="撤下理由"):
        services.article_withdraw(article=article, reason="", by=world.street_user)
    services.article_withdraw(article=article, reason="数据有误", by=world.street_user)
    article.refresh_from_db()
    assert article.state == "withdrawn" and article.withdraw_reason == "数据有误"
    assert article.steps.last().reason == "数据有误"


def test_the_fields_are_checked_by_name(world):
    with pytest.raises(PublicityError, match="标题"):
        write(world, title=" ")
    with pytest.raises(PublicityError, match="类别"):
        write(world, kind="gossip")
    with pytest.raises(PublicityError, match="不能为该组织"):
        write(world, by=world.secretary, org=world.a2)
    with pytest.raises(PublicityError, match="典型党员"):
        services.article_create(organization=world.a1, kind="model", title="典型", body="事迹", year=2026,
                                subject_member=world.m_b1, by=world.secretary)


def test_a_non_image_or_a_renamed_file_is_refused_with_its_reason(world):
    article = write(world)
    with pytest.raises(PublicityError, match="只接受照片"):
        services.photo_add(article=article, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), by=world.secretary)
    with pytest.raises(PublicityError, match="不符"):
        services.photo_add(article=article, upload=SimpleUploadedFile("a.png", b"MZ\x90\x00"), by=world.secretary)
    with pytest.raises(PublicityError, match="空文件"):
        services.photo_add(article=article, upload=SimpleUploadedFile("a.png", b""), by=world.secretary)
    assert not ArticlePhoto.objects.exists()


def test_a_photo_is_added_with_its_caption_and_removed(world):
    article = write(world)
    photo = services.photo_add(article=article, upload=png("现场.png"), caption="动员会现场", by=world.secretary)
    assert photo.caption == "动员会现场" and photo.order == 1 and photo.file.name.endswith(".png")
    assert "现场" not in photo.file.name  # stored under a random name
    services.photo_remove(photo=photo, by=world.secretary)
    assert not article.photos.exists()
