"""The pages: 我的承诺, the clerk's review, the street's read, the public list, and refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pledge_world import YEAR, fill_sheet, published_sheet

from factories import make_member, make_user
from pingxing.pledges import services
from pingxing.pledges.models import Fulfilment, PledgeSheet

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def test_a_member_starts_writes_and_submits_their_pledges(client, world):
    client.force_login(world.member_user)
    page = client.get(reverse("pledges:mine"), {"year": YEAR})
    assert "填写 2010 年度承诺" in page.content.decode()
    assert not PledgeSheet.objects.exists()  # a GET writes nothing
    client.post(reverse("pledges:start"), {"year": YEAR})
    sheet = PledgeSheet.objects.get(member=world.m_a1, year=YEAR)
    answer = client.post(reverse("pledges:item_add", args=[sheet.pk]),
                         {"area": "service", "text": "每月走访独居老人两次", "due_date": "2010-12-31"}, follow=True)
    assert "每月走访独居老人两次" in answer.content.decode()
    answer = client.post(reverse("pledges:item_add", args=[sheet.pk]), {"area": "service", "text": ""}, follow=True)
    assert "请填写承诺领域、承诺内容和完成时限" in answer.content.decode()
    answer = client.post(reverse("pledges:submit", args=[sheet.pk]), follow=True)
    assert "以下领域还没有承诺事项" in answer.content.decode()


def test_a_member_cannot_touch_another_members_sheet(client, world):
    other = services.sheet_for_member(member=world.m_a1_other, year=YEAR, by=world.other_user)
    client.force_login(world.member_user)
    assert client.get(reverse("pledges:sheet", args=[other.pk])).status_code == 404
    answer = client.post(reverse("pledges:item_add", args=[other.pk]),
                         {"area": "work", "text": "代填", "due_date": "2010-05-01"})
    assert answer.status_code == 404 and not other.items.exists()


def test_the_clerk_approves_and_publishes_and_the_public_page_lists_names_and_texts(client, world):
    sheet = services.sheet_for_member(member=world.m_a1, year=YEAR, by=world.member_user)
    fill_sheet(sheet, by=world.member_user)
    services.sheet_submit(sheet=sheet, by=world.member_user)
    client.force_login(world.clerk)
    assert "甲一党员" in client.get(reverse("pledges:mine"), {"year": YEAR}).content.decode()
    client.post(reverse("pledges:review", args=[sheet.pk]), {"action": "approve"})
    client.post(reverse("pledges:review", args=[sheet.pk]), {"action": "publish"})
    assert PledgeSheet.objects.get(pk=sheet.pk).state == "published"
    client.logout()
    public = client.get(reverse("pledges:public", args=[world.a1.pk]), {"year": YEAR}).content.decode()
    assert "甲一党员" in public and "党风廉政建设：按时完成承诺事项" in public
    assert world.m_a1.phone not in public
    assert client.get(reverse("pledges:public", args=[world.street_a.pk])).status_code == 404


def test_the_street_reads_but_cannot_review_and_another_street_sees_nothing(client, world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    client.force_login(world.street_user)
    page = client.get(reverse("pledges:sheet", args=[sheet.pk]))
    assert page.status_code == 200 and "组织评价" in page.content.decode()
    assert client.post(reverse("pledges:org_evaluate", args=[sheet.pk]), {"score": 90}).status_code == 404
    other_street = make_user(role="street", organization=world.street_b)
    client.force_login(other_street)
    assert client.get(reverse("pledges:sheet", args=[sheet.pk])).status_code == 404


def test_fulfilment_photo_approval_and_the_members_page(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    item = sheet.items.first()
    client.force_login(world.member_user)
    client.post(reverse("pledges:fulfil", args=[item.pk]),
                {"done_on": "2010-03-05", "text": "走访独居老人3户",
                 "evidence": SimpleUploadedFile("照片.jpg", JPEG, content_type="image/jpeg")})
    fulfilment = Fulfilment.objects.get()
    answer = client.post(reverse("pledges:fulfil", args=[item.pk]),
                         {"done_on": "2010-03-06", "text": "x", "evidence": SimpleUploadedFile("病毒.jpg", b"MZ")},
                         follow=True)
    assert "内容与扩展名不符" in answer.content.decode() and Fulfilment.objects.count() == 1
    client.force_login(world.clerk)
    client.post(reverse("pledges:fulfilment_review", args=[fulfilment.pk]), {"action": "approve"})
    assert b"".join(client.get(reverse("pledges:fulfilment_file", args=[fulfilment.pk])).streaming_content) == JPEG
    client.force_login(world.member_user)
    page = client.get(reverse("pledges:mine"), {"year": YEAR}).content.decode()
    assert "走访独居老人3户" in page and "已认定" in page
    client.force_login(world.other_user)
    assert client.get(reverse("pledges:fulfilment_file", args=[fulfilment.pk])).status_code == 404


def test_the_score_page_hides_peers_below_three_and_shows_the_democratic_evaluation(client, world):
    from pingxing.evaluations import services as evaluation_services

    evaluation_services.evaluation_create(organization=world.a1, year=YEAR, by=world.secretary)
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    client.force_login(world.rater_users[0])
    client.post(reverse("pledges:peer", args=[sheet.pk]), {"score": 80})
    client.force_login(world.secretary)
    client.post(reverse("pledges:org_evaluate", args=[sheet.pk]), {"score": 88})
    page = client.get(reverse("pledges:sheet", args=[sheet.pk])).content.decode()
    assert "已有 1 人评分，不足 3 人，不显示互评分" in page
    assert "80" not in page.split('id="peer-score"')[1].split("</li>")[0]
    assert 'id="total-score">88.0<' in page  # only the organization's part counts yet
    assert "民主评议党员" in page and "评议进行中" in page


def test_a_member_cannot_rate_themselves_or_another_organization(client, world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    client.force_login(world.member_user)
    assert client.post(reverse("pledges:peer", args=[sheet.pk]), {"score": 100}).status_code == 404
    outsider = make_user(role="member", organization=world.a2, member=world.m_a2)
    client.force_login(outsider)
    assert client.post(reverse("pledges:peer", args=[sheet.pk]), {"score": 100}).status_code == 404
    assert PledgeSheet.objects.get(pk=sheet.pk).peer_count == 0


@pytest.mark.parametrize("route", ["pledges:sheet", "pledges:public"])
def test_an_id_that_cannot_exist_is_404(client, world, route):
    client.force_login(world.clerk)
    assert client.get(reverse(route, args=[0]).replace("/0/", "/" + "9" * 20 + "/")).status_code == 404


def test_the_clerks_list_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for i in range(30):
        member = make_member(organization=world.a1, name=f"批量党员{i}")
        sheet = services.sheet_for_member(member=member, year=YEAR, by=world.clerk)
        services.item_add(sheet=sheet, area="work", text="任务", due_date=dt.date(YEAR, 9, 1), by=world.clerk)
    client.force_login(world.clerk)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("pledges:mine"), {"year": YEAR})
    assert page.content.decode().count("批量党员") == 30


def test_the_api_answers_with_the_same_access(client, world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    client.force_login(world.member_user)
    data = client.get(f"/api/pledges/sheets/{sheet.pk}").json()
    assert data["state"] == "published" and len(data["items"]) == 4 and data["peer_score"] is None
    client.force_login(world.other_user)
    assert client.get(f"/api/pledges/sheets/{sheet.pk}").status_code == 404
    assert client.get("/api/pledges/sheets/" + "9" * 20).status_code == 404


def test_the_street_exports_its_subtree_with_the_scores_and_the_export_is_audited(client, world):
    import io

    from openpyxl import load_workbook

    from pingxing.audit.models import AuditEntry

    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    services.self_evaluate(sheet=sheet, score=90, text="", by=world.member_user)
    services.org_evaluate(sheet=sheet, score=88, by=world.secretary)
    for rater, user, score in zip(world.raters, world.rater_users, (80, 85, 90), strict=True):
        services.peer_rate(sheet=sheet, rater=rater, score=score, by=user)
    published_sheet(world.m_b1, account=None, reviewer=None)  # another street's
    client.force_login(world.street_user)
    answer = client.get(reverse("pledges:export"), {"year": YEAR})
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("党组织", "党员", "状态")
    assert rows[1:] == [("甲一社区党支部", "甲一党员", "已公开", 4, 0, 0, 90, 3, 85, 88, 87.5)]
    assert AuditEntry.objects.filter(action="export", object_type="pledges.sheet").count() == 1


def test_the_areas_are_shown_in_the_seeds_order(client, world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    client.force_login(world.clerk)
    page = client.get(reverse("pledges:sheet", args=[sheet.pk])).content.decode()
    positions = [page.index(f"<h3>{area}</h3>") for area in ("思想作风建设", "完成工作任务", "联系服务群众", "党风廉政建设")]
    assert positions == sorted(positions)
    public = client.get(reverse("pledges:public", args=[world.a1.pk]), {"year": YEAR}).content.decode()
    assert public.index("思想作风建设：") < public.index("完成工作任务：") < public.index("党风廉政建设：")
