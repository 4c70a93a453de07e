"""The pages of 宣传报道: the public page (no login) shows only what is published, with its photos
and the year's commendations; staff pages follow the organization tree (404 elsewhere); a bad
upload is answered with its reason, never a server error."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from publicity_world import evaluation_with_an_excellent_member, png, published, write

from factories import make_star_result
from pingxing.evaluations import services as evaluation_services
from pingxing.publicity import services
from pingxing.publicity.models import Article, ArticlePhoto
from pingxing.ratings import services as rating_services
from pingxing.ratings.models import Publication

pytestmark = pytest.mark.django_db
YEAR = 2026


def _public(client, **params):
    response = client.get(reverse("publicity:public"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_page_shows_a_published_article_with_its_photo_and_not_a_draft(client, world):
    shown = published(world, title="评星动员会召开")
    write(world, title="尚未提交的草稿")
    waiting = write(world, title="等待审核的报道")
    services.article_submit(article=waiting, by=world.secretary)
    page = _public(client)
    assert "评星动员会召开" in page and "尚未提交的草稿" not in page and "等待审核的报道" not in page
    photo = shown.photos.get()
    assert reverse("publicity:photo", args=[photo.pk]) in page and "动员会现场" in page
    response = client.get(reverse("publicity:photo", args=[photo.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(reverse("publicity:public_article", args=[shown.pk])).status_code == 200
    assert client.get(reverse("publicity:public_article", args=[waiting.pk])).status_code == 404


def test_a_withdrawn_article_and_the_photos_of_unpublished_ones_are_not_public(client, world):
    article = published(world, title="将被撤下的报道")
    services.article_withdraw(article=article, reason="数据有误", by=world.street_user)
    assert "将被撤下的报道" not in _public(client)
    photo = article.photos.get()
    assert client.get(reverse("publicity:photo", args=[photo.pk])).status_code == 404
    client.force_login(world.secretary)  # its own staff still see it
    response = client.get(reverse("publicity:photo", args=[photo.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content)  # the client keeps the connection


def test_the_year_shows_the_five_star_organizations_only_once_published(client, world):
    assert world.a2.name not in _public(client, year=YEAR)
    campaign = rating_services.campaign_open(
        year=YEAR, by=world.county_user, declaration_deadline=dt.date(YEAR, 9, 30),
        assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30))
    publication = Publication.objects.create(campaign=campaign, doc_number=f"柯评星〔{YEAR}〕1号",
                                             title="关于公布评星结果的通知", issued_on=dt.date(YEAR, 12, 1),
                                             published_by=world.county_user)
    make_star_result(organization=world.a2, year=YEAR, star=5, publication=publication)
    make_star_result(organization=world.b1, year=YEAR, star=4, publication=publication)
    make_star_result(organization=world.a1, year=YEAR - 1, star=5, publication=None)  # imported history
    page = _public(client, year=YEAR)
    section = re.search(r'id="five-star">(.*?)</ul>', page, re.S).group(1)
    assert world.a2.name in section and world.b1.name not in section and world.a1.name not in section
    assert world.a1.name in re.search(r'id="five-star">(.*?)</ul>', _public(client, year=YEAR - 1), re.S).group(1)


def test_the_year_shows_the_excellent_members_only_once_the_result_is_published(client):
    w = evaluation_with_an_excellent_member(year=YEAR)
    assert w.evaluation.roll.get(member=w.star).final_grade == "excellent"
    page = _public(client, year=YEAR)
    assert w.star.name not in re.search(r'id="excellent">(.*?)</ul>', page, re.S).group(1)
    evaluation_services.evaluation_publish(evaluation=w.evaluation, by=w.secretary)
    section = re.search(r'id="excellent">(.*?)</ul>', _public(client, year=YEAR), re.S).group(1)
    assert w.star.name in section and w.org.name in section
    assert w.star.id_number not in _public(client, year=YEAR)
    assert all(m.name not in section for m in w.members[1:])


def test_staff_list_filters_by_state_and_follows_the_tree(client, world):
    write(world, title="甲一草稿")
    done = published(world, title="甲一已发布")
    write(world, by=world.secretary_a2, org=world.a2, title="甲二草稿")
    client.force_login(world.secretary)
    page = client.get(reverse("publicity:list")).content.decode()
    assert "甲一草稿" in page and "甲一已发布" in page and "甲二草稿" not in page
    page = client.get(reverse("publicity:list"), {"state": "published"}).content.decode()
    assert "甲一已发布" in page and "甲一草稿" not in page
    client.force_login(world.street_user)
    page = client.get(reverse("publicity:list")).content.decode()
    assert "甲一草稿" in page and "甲二草稿" in page
    client.force_login(world.street_b_user)
    assert "甲一" not in client.get(reverse("publicity:list")).content.decode()
    for name in ("publicity:article", "publicity:edit"):
        assert client.get(reverse(name, args=[done.pk])).status_code == 404
    for name in ("publicity:submit", "publicity:approve", "publicity:return", "publicity:withdraw",
                 "publicity:photo_add"):
        assert client.post(reverse(name, args=[done.pk]), {"reason": "x"}).status_code == 404
    photo = done.photos.get()
    assert client.post(reverse("publicity:photo_remove", args=[photo.pk])).status_code == 404
    assert Article.objects.get(pk=done.pk).state == "published"


def test_a_member_and_a_visitor_have_no_staff_pages(client, world):
    article = write(world)
    client.force_login(world.member_user)
    assert client.get(reverse("publicity:list")).status_code == 404
    assert client.get(reverse("publicity:article", args=[article.pk])).status_code == 404
    assert client.get(reverse("publicity:new")).status_code == 404
    client.logout()
    assert client.get(reverse("publicity:list")).status_code == 302
    assert client.get(reverse("publicity:public")).status_code == 200


def test_the_whole_flow_through_the_pages(client, world):
    client.force_login(world.secretary)
    response = client.post(reverse("publicity:new"), {"kind": "model", "title": "优秀党员事迹", "body": "二十年服务",
                                                      "year": YEAR, "subject_member": world.m_a1.pk})
    article = Article.objects.get(title="优秀党员事迹")
    assert response.status_code == 302 and article.subject_member == world.m_a1
    response = client.post(reverse("publicity:photo_add", args=[article.pk]), {"photo": png(), "caption": "照片"},
                           follow=True)
    assert "照片已添加" in response.content.decode()
    client.post(reverse("publicity:submit", args=[article.pk]))
    assert "提交街道审核" not in client.get(reverse("publicity:article", args=[article.pk])).content.decode()
    client.force_login(world.street_user)
    assert "优秀党员事迹" in client.get(reverse("publicity:queue")).content.decode()
    page = client.get(reverse("publicity:article", args=[article.pk])).content.decode()
    assert "审核通过并发布" in page and "退回" in page
    response = client.post(reverse("publicity:return", args=[article.pk]), {"reason": ""}, follow=True)
    assert "请填写“退回理由”" in response.content.decode()
    client.post(reverse("publicity:approve", args=[article.pk]))
    assert Article.objects.get(pk=article.pk).state == "published"
    assert "优秀党员事迹" in _public(client)
    assert world.m_a1.name in _public(client)


def test_the_form_names_the_missing_field(client, world):
    client.force_login(world.secretary)
    response = client.post(reverse("publicity:new"), {"kind": "progress", "title": "", "body": "", "year": YEAR})
    assert response.status_code == 400 and "标题" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("notes.pdf", b"%PDF-1.4 x", "只接受照片（JPG/PNG）"),
    ("virus.png", b"MZ\x90\x00\x03", "内容与扩展名不符"),
    ("empty.png", b"", "空文件"),
])
def test_a_bad_upload_is_named_and_never_a_server_error(client, world, name, content, words):
    article = write(world)
    client.force_login(world.secretary)
    response = client.post(reverse("publicity:photo_add", args=[article.pk]),
                           {"photo": SimpleUploadedFile(name, content), "caption": "照片"}, follow=True)
    assert response.status_code == 200 and words in response.content.decode()
    response = client.post(reverse("publicity:photo_add", args=[article.pk]), {"caption": "照片"}, follow=True)
    assert response.status_code == 200 and "请选择“照片”文件" in response.content.decode()
    assert not ArticlePhoto.objects.exists()


def test_impossible_ids_answer_404(client, world):
    client.force_login(world.street_user)
    for path in ("/publicity/99999999999999999999/", "/publicity/0/", "/publicity/photos/99999999999999999999/",
                 "/publicity/public/99999999999999999999/"):
        assert client.get(path).status_code == 404


def test_the_public_page_and_the_list_read_in_a_fixed_number_of_queries(client, world,
                                                                        django_assert_max_num_queries):
    for n in range(6):
        published(world, title=f"报道{n}")
    with django_assert_max_num_queries(12):
        _public(client)
    client.force_login(world.street_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("publicity:list")).status_code == 200


def test_the_api_lists_the_articles_in_scope(client, world):
    published(world, title="甲一已发布")
    write(world, by=world.secretary_a2, org=world.a2, title="甲二草稿")
    client.force_login(world.secretary)
    titles = [a["title"] for a in client.get("/api/publicity/articles").json()]
    assert titles == ["甲一已发布"]
    client.force_login(world.street_b_user)
    assert client.get("/api/publicity/articles").json() == []


def test_a_visitor_finds_the_public_pages_from_any_page(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/publicity/public/"' in page and 'href="/public/notice/"' in page
