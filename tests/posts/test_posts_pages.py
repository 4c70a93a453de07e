"""The pages: the organization's list and export, a post's page with its review form, the forms,
the public card (no login, no phone or ID number), the QR code, drives and 我的岗位."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from posts_world import YEAR, make_drive, make_post

from pingxing.posts import services
from pingxing.posts.models import PioneerPost, PostReview

pytestmark = pytest.mark.usefixtures("_no_two_factor")


def test_the_clerk_lists_the_organizations_posts_and_filters_them(client, world):
    make_post(organization=world.a1, holder=world.m_a1, name="服务窗口党员先锋岗")
    zone = make_post(organization=world.a1, holder=world.m_a1_other, kind="responsibility_zone", name="5号楼党员责任区")
    make_post(organization=world.a2, holder=world.m_a2, name="邻居的岗位")
    drive = make_drive(organization=world.street_a)
    services.drive_tag(drive=drive, posts=[zone], by=None)
    client.force_login(world.clerk)
    page = client.get(reverse("posts:index")).content.decode()
    assert "服务窗口党员先锋岗" in page and "5号楼党员责任区" in page and "邻居的岗位" not in page
    page = client.get(reverse("posts:index"), {"kind": "responsibility_zone"}).content.decode()
    assert "5号楼党员责任区" in page and "服务窗口党员先锋岗" not in page
    page = client.get(reverse("posts:index"), {"drive": drive.pk}).content.decode()
    assert "5号楼党员责任区" in page and "服务窗口党员先锋岗" not in page
    services.post_end(post=zone, by=None)
    page = client.get(reverse("posts:index"), {"state": "active"}).content.decode()
    assert "5号楼党员责任区" not in page and "服务窗口党员先锋岗" in page


def test_the_export_opens_in_excel_and_holds_the_posts(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1, name="服务窗口党员先锋岗")
    services.post_review(post=post, year=YEAR, outcome="commended", reason="群众满意", by=world.clerk)
    make_post(organization=world.a1, holder=world.m_a1_other, kind="model_post", name="调解室党员示范岗")
    client.force_login(world.secretary)
    answer = client.get(reverse("posts:export"))
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("党组织", "类型", "岗位名称", "岗位（区域）", "持岗党员")
    names = {row[2]: row for row in rows[1:]}
    assert set(names) == {"服务窗口党员先锋岗", "调解室党员示范岗"}
    assert names["服务窗口党员先锋岗"][-1] == "2010 表彰" and names["调解室党员示范岗"][1] == "党员示范岗"
    assert world.m_a1.phone not in str(rows)


def test_the_clerk_sets_up_a_post_and_a_holder_of_another_organization_is_refused(client, world):
    client.force_login(world.clerk)
    assert client.get(reverse("posts:create")).status_code == 200
    data = {"kind": "model_post", "name": "党群服务中心党员示范岗", "holder": world.m_a1.pk, "place": "党群服务中心",
            "duties": "热情接待，一次办结", "starts_on": "2010-03-01"}
    answer = client.post(reverse("posts:create"), data)
    post = PioneerPost.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("posts:detail", args=[post.pk])
    assert post.organization == world.a1 and post.created_by == world.clerk
    answer = client.post(reverse("posts:create"), {**data, "holder": world.m_a2.pk})
    assert answer.status_code == 200 and "持岗党员" in answer.content.decode()
    assert PioneerPost.objects.count() == 1
    answer = client.post(reverse("posts:edit", args=[post.pk]), {**data, "place": "便民服务大厅"})
    assert answer.status_code == 302 and PioneerPost.objects.get().place == "便民服务大厅"


def test_the_street_and_the_member_cannot_set_up_posts(client, world):
    for user in (world.street_user, world.member_user, world.county_user):
        client.force_login(user)
        assert client.get(reverse("posts:create")).status_code == 404


def test_the_post_page_shows_reviews_and_the_clerk_records_one(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1, name="服务窗口党员先锋岗")
    client.force_login(world.clerk)
    page = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert 'id="review-form"' in page and "还没有评议记录" in page
    answer = client.post(reverse("posts:review", args=[post.pk]), {"year": YEAR, "outcome": "withdrawn"}, follow=True)
    assert "请写明理由" in answer.content.decode() and not PostReview.objects.exists()
    answer = client.post(reverse("posts:review", args=[post.pk]),
                         {"year": YEAR, "outcome": "withdrawn", "reason": "调离岗位"}, follow=True)
    page = answer.content.decode()
    assert "调离岗位" in page and "已撤销" in page and 'id="review-form"' not in page
    assert PioneerPost.objects.get(pk=post.pk).state == "withdrawn"


def test_the_street_reads_a_post_but_does_not_review_it_and_another_street_sees_nothing(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    client.force_login(world.street_user)
    page = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert post.name in page and 'id="review-form"' not in page
    assert client.post(reverse("posts:review", args=[post.pk]), {"year": YEAR, "outcome": "kept"}).status_code == 404
    assert client.post(reverse("posts:end", args=[post.pk])).status_code == 404
    client.force_login(world.other_street_user)
    assert client.get(reverse("posts:detail", args=[post.pk])).status_code == 404
    assert client.get(reverse("posts:qr", args=[post.pk])).status_code == 404


def test_the_public_card_needs_no_login_and_shows_no_phone_or_id_number(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1, name="服务窗口党员先锋岗", duties="一次办结")
    services.post_review(post=post, year=YEAR, outcome="commended", reason="群众满意", by=world.clerk)
    services.drive_tag(drive=make_drive(organization=world.street_a, name="诚信服务先锋"), posts=[post], by=None)
    page = client.get(reverse("posts:card", args=[post.token]))
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("党员先锋岗", "服务窗口党员先锋岗", "一号车间", "一次办结", "甲一党员", "甲一社区党支部",
                  "2010-03-01", "诚信服务先锋", "2010 年度：表彰"):
        assert shown in html, shown
    assert world.m_a1.phone not in html and world.m_a1.id_number not in html
    assert world.m_a1.id_number[-4:] + "<" not in html
    assert "群众满意" not in html  # the reason stays with the organization
    assert client.get(reverse("posts:card", args=["not-a-token"])).status_code == 404
    assert client.get(f"/posts/card/{post.pk}/").status_code == 404  # the pk is no address


def test_the_qr_code_is_an_svg_and_the_print_view_prints_the_card_url_under_it(client, world):
    post = make_post(organization=world.a1, holder=world.m_a1)
    client.force_login(world.clerk)
    svg = client.get(reverse("posts:qr", args=[post.pk]))
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert "<svg" in body and "<path" in body and ' d="M' in body
    card_url = "http://testserver" + reverse("posts:card", args=[post.token])
    for name in ("posts:detail", "posts:print"):
        page = client.get(reverse(name, args=[post.pk])).content.decode()
        qr_at = page.index(reverse("posts:qr", args=[post.pk]))
        assert page.index(card_url) > qr_at
    page = client.get(reverse("posts:print", args=[post.pk])).content.decode()
    assert "data-print" in page and "posts/posts.css" in page
    assert " style=" not in page and "<script>" not in page


def test_a_drive_page_lists_exactly_its_tagged_posts(client, world):
    hard = make_drive(organization=world.street_a, by=world.street_user)
    honest = make_drive(organization=world.street_a, name="诚信服务先锋")
    tagged = [make_post(organization=world.a1, holder=world.m_a1, name="甲一先锋岗"),
              make_post(organization=world.factory, holder=world.m_factory, name="印染车间党员先锋岗")]
    make_post(organization=world.a2, holder=world.m_a2, name="未参加的岗位")
    other = make_post(organization=world.a1, holder=world.m_a1_other, name="诚信岗")
    services.drive_tag(drive=hard, posts=tagged, by=None)
    services.drive_tag(drive=honest, posts=[other], by=None)
    client.force_login(world.street_user)
    page = client.get(reverse("posts:drive", args=[hard.pk])).content.decode()
    assert page.count('class="card post-item"') == 2
    assert "甲一先锋岗" in page and "印染车间党员先锋岗" in page
    assert "未参加的岗位" not in page and "诚信岗" not in page
    listing = client.get(reverse("posts:drives")).content.decode()
    assert "克难攻坚当先锋" in listing and "诚信服务先锋" in listing and "2 个岗位" in listing
    client.force_login(world.factory_secretary)  # an organization sees its own posts of the street's drive
    page = client.get(reverse("posts:drive", args=[hard.pk])).content.decode()
    assert "印染车间党员先锋岗" in page and "甲一先锋岗" not in page
    client.force_login(world.other_street_user)
    assert client.get(reverse("posts:drive", args=[hard.pk])).status_code == 404


def test_the_street_starts_a_drive_and_tags_a_post_of_its_subtree(client, world):
    post = make_post(organization=world.factory, holder=world.m_factory)
    client.force_login(world.street_user)
    answer = client.post(reverse("posts:drives"), {"name": "克难攻坚当先锋", "year": YEAR, "description": ""})
    drive = world.street_a.post_drives.get()
    assert answer.status_code == 302
    page = client.get(reverse("posts:detail", args=[post.pk])).content.decode()
    assert 'id="tag-form"' in page
    client.post(reverse("posts:tag", args=[post.pk]), {"drive": drive.pk, "action": "tag"})
    assert list(drive.posts.all()) == [post]
    client.force_login(world.clerk)  # the clerk of another organization may not touch it
    assert client.post(reverse("posts:tag", args=[post.pk]), {"drive": drive.pk, "action": "untag"}).status_code == 404
    client.force_login(world.factory_secretary)
    client.post(reverse("posts:tag", args=[post.pk]), {"drive": drive.pk, "action": "untag"})
    assert not drive.posts.exists()


def test_my_posts_shows_the_members_posts_and_reviews_or_says_there_is_none(client, world):
    client.force_login(world.member_user)
    page = client.get(reverse("posts:mine")).content.decode()
    assert 'id="no-posts"' in page
    post = make_post(organization=world.a1, holder=world.m_a1, kind="responsibility_zone", name="5号楼党员责任区")
    services.post_review(post=post, year=YEAR, outcome="kept", by=world.clerk)
    make_post(organization=world.a1, holder=world.m_a1_other, name="别人的岗位")
    page = client.get(reverse("posts:mine")).content.decode()
    assert "5号楼党员责任区" in page and "党员责任区" in page and "保留" in page and "别人的岗位" not in page
    # the member reads the posts of their organization, not those elsewhere, and manages none
    other = make_post(organization=world.a2, holder=world.m_a2)
    assert client.get(reverse("posts:detail", args=[post.pk])).status_code == 200
    assert client.get(reverse("posts:detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("posts:review", args=[post.pk]), {"year": YEAR + 1, "outcome": "kept"}).status_code == 404
    assert client.get(reverse("posts:index")).status_code == 302  # a member's place is 我的岗位


def test_the_menu_entries_lead_to_the_roles_pages(client, world):
    from pingxing.core import nav

    labels = {name: [str(label) for label, _url in nav.menu_for(getattr(world, name))]
              for name in ("county_user", "street_user", "secretary", "clerk", "member_user", "admin")}
    for name in ("county_user", "street_user", "secretary", "clerk"):
        assert "党员先锋岗" in labels[name] and "我的岗位" not in labels[name]
    assert "我的岗位" in labels["member_user"] and "党员先锋岗" not in labels["member_user"]
    assert "党员先锋岗" not in labels["admin"]
    urls = dict(nav.menu_for(world.street_user))
    assert urls["党员先锋岗"] == reverse("posts:overview")
    assert dict(nav.menu_for(world.clerk))["党员先锋岗"] == reverse("posts:index")
