"""The pages and the API: the secretary's pledge beside the campaign, checkpoints, cases,
述职 with its DOCX, the street's structure table, and who may open what."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from cadres_world import YEAR, approved_pledge, first_checkpoint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factories import make_community, make_member, make_star_result, make_user
from pingxing.cadres import queries, services
from pingxing.cadres.models import AccountabilityCase, CadrePledge, LeadershipPost

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def _campaign_with_declared_star(world, star: int) -> None:
    from pingxing.ratings import services as rating_services
    from pingxing.ratings.models import RatingCase

    rating_services.campaign_open(year=YEAR, by=world.county_user, declaration_deadline=dt.date(YEAR, 9, 30),
                                  assessment_deadline=dt.date(YEAR, 10, 31), county_deadline=dt.date(YEAR, 11, 30))
    RatingCase.objects.filter(organization=world.a1, campaign__year=YEAR).update(declared_star=star)


def test_the_secretarys_pledge_page_and_api_show_the_target_the_declared_and_the_published_star(client, world):
    pledge = approved_pledge(world, world.secretary_post, target_star=4)
    _campaign_with_declared_star(world, 3)
    client.force_login(world.secretary)
    page = client.get(reverse("cadres:pledge", args=[pledge.pk])).content.decode()
    assert 'id="target-star">4★' in page and 'id="declared-star">3★' in page
    assert 'id="published-star">尚未公布' in page
    body = client.get(f"/api/cadres/pledges/{pledge.pk}").json()
    assert (body["target_star"], body["declared_star"], body["published_star"]) == (4, 3, None)
    make_star_result(organization=world.a1, year=YEAR, star=4)
    page = client.get(reverse("cadres:pledge", args=[pledge.pk])).content.decode()
    assert 'id="published-star">4★' in page
    assert client.get(f"/api/cadres/pledges/{pledge.pk}").json()["published_star"] == 4


def test_the_street_records_not_kept_on_the_phone_form_and_a_case_opens(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    client.force_login(world.street_user)
    assert "兑现情况" in client.get(reverse("cadres:checkpoint", args=[checkpoint.pk])).content.decode()
    answer = client.post(reverse("cadres:checkpoint", args=[checkpoint.pk]), {
        "result": "not_kept", "note": "未按期走访", "evidence": SimpleUploadedFile("photo.jpg", JPEG)}, follow=True)
    assert "已启动问责" in answer.content.decode()
    case = AccountabilityCase.objects.get(checkpoint=checkpoint)
    checkpoint.refresh_from_db()
    assert checkpoint.evidence and checkpoint.original_name == "photo.jpg"
    assert b"".join(client.get(reverse("cadres:checkpoint_file", args=[checkpoint.pk])).streaming_content) == JPEG
    page = client.get(reverse("cadres:accountability_list")).content.decode()
    assert world.m_a1.name in page and "待处理" in page
    answer = client.post(reverse("cadres:accountability_decide", args=[case.pk]), {
        "action": "decide", "form": "admonition_talk", "decision": "诫勉谈话", "reason": "未履行承诺",
        "decided_on": "2010-07-10"}, follow=True)
    assert "已作出问责决定" in answer.content.decode() and "诫勉谈话" in answer.content.decode()


def test_a_bad_evidence_file_is_refused_with_its_reason(client, world):
    pledge = approved_pledge(world, world.member_post)
    checkpoint = first_checkpoint(pledge)
    client.force_login(world.street_user)
    answer = client.post(reverse("cadres:checkpoint", args=[checkpoint.pk]), {
        "result": "kept", "evidence": SimpleUploadedFile("x.xlsx", b"PK\x03\x04")}, follow=True)
    assert "类型不允许" in answer.content.decode()
    checkpoint.refresh_from_db()
    assert checkpoint.result == ""


def test_members_read_approved_pledges_but_no_case_and_a_cadre_reads_their_own(client, world):
    draft = services.pledge_create(post=world.member_post, year=YEAR, by=world.secretary)
    approved = approved_pledge(world, world.resident_post)
    services.checkpoint_record(checkpoint=first_checkpoint(approved), result="not_kept", note="未办结",
                               by=world.street_user)
    case = AccountabilityCase.objects.get()
    client.force_login(world.other_member_user)
    assert client.get(reverse("cadres:pledge", args=[approved.pk])).status_code == 200
    assert client.get(reverse("cadres:pledge", args=[draft.pk])).status_code == 404
    assert client.get(reverse("cadres:accountability", args=[case.pk])).status_code == 404
    assert client.get(reverse("cadres:accountability_list")).status_code == 404
    assert client.get(reverse("cadres:report", args=[world.resident_post.pk])).status_code == 404
    client.force_login(world.member_user)  # the cadre of the draft
    assert client.get(reverse("cadres:pledge", args=[draft.pk])).status_code == 200
    assert client.get(reverse("cadres:report", args=[world.member_post.pk]), {"year": YEAR}).status_code == 200
    client.force_login(world.clerk)
    assert client.get(reverse("cadres:accountability", args=[case.pk])).status_code == 404
    client.force_login(world.secretary)
    assert client.get(reverse("cadres:accountability", args=[case.pk])).status_code == 200
    assert client.post(reverse("cadres:accountability_decide", args=[case.pk]),
                       {"action": "close", "reason": "x", "decided_on": "2010-07-01"}).status_code == 404
    client.force_login(world.b1_secretary)
    assert client.get(reverse("cadres:pledge", args=[approved.pk])).status_code == 404


def test_the_secretary_drafts_and_the_street_approves_through_the_pages(client, world):
    client.force_login(world.secretary)
    answer = client.post(reverse("cadres:pledge_start"), {"post": world.secretary_post.pk, "year": YEAR}, follow=True)
    assert "星级目标" in answer.content.decode() and not CadrePledge.objects.exists()
    client.post(reverse("cadres:pledge_start"), {"post": world.secretary_post.pk, "year": YEAR, "target_star": "5"})
    pledge = CadrePledge.objects.get()
    client.post(reverse("cadres:commitment_add", args=[pledge.pk]), {"text": "创建五星级党组织", "due_1": "2010-06-30"})
    client.post(reverse("cadres:pledge_submit", args=[pledge.pk]))
    assert client.post(reverse("cadres:pledge_review", args=[pledge.pk]), {"action": "approve"}).status_code == 404
    client.force_login(world.street_user)
    page = client.get(reverse("cadres:index"), {"year": YEAR}).content.decode()
    assert "甲一书记" in page and "待街道审核" in page
    client.post(reverse("cadres:pledge_review", args=[pledge.pk]), {"action": "approve"})
    assert CadrePledge.objects.get().state == "approved"


def test_the_roster_page_shows_bands_never_birth_dates_ids_or_phones(client, world):
    client.force_login(world.secretary)
    page = client.get(reverse("cadres:roster", args=[world.a1.pk])).content.decode()
    assert "甲一书记" in page and "居委副主任" in page and "非党员" in page
    assert "36–45岁" in page and "1970-05-01" not in page
    assert world.m_secretary.phone not in page and world.m_secretary.id_number not in page
    answer = client.post(reverse("cadres:post_add", args=[world.a1.pk]), {
        "body": "residents_committee", "position": "director", "member": world.m_secretary.pk,
        "term_starts_on": "2008-03-01"}, follow=True)
    assert "已添加班子成员" in answer.content.decode() and "交叉任职" in answer.content.decode()
    client.force_login(world.member_user)
    assert client.get(reverse("cadres:roster", args=[world.a1.pk])).status_code == 404


def test_the_duty_report_page_and_its_docx_hold_the_pledges_and_the_star(client, world):
    from docx import Document

    pledge = approved_pledge(world, world.secretary_post, target_star=4)
    services.checkpoint_record(checkpoint=first_checkpoint(pledge), result="partly", note="进度过半",
                               by=world.street_user)
    make_star_result(organization=world.a1, year=YEAR, star=3)
    client.force_login(world.street_user)
    page = client.get(reverse("cadres:report", args=[world.secretary_post.pk]), {"year": YEAR}).content.decode()
    assert "述职报告" in page and "每周走访网格住户不少于10户" in page and "部分兑现" in page
    assert "data-print" in page and 'id="published-star">3★' in page
    answer = client.get(reverse("cadres:report_docx", args=[world.secretary_post.pk]), {"year": YEAR})
    text = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
    assert "每周走访网格住户不少于10户" in text and "居民诉求按期办结" in text
    assert "星级目标：4星" in text and "公布星级：3星" in text


def test_the_adjustment_pages_propose_and_decide(client, world):
    client.force_login(world.secretary)
    answer = client.post(reverse("cadres:adjustment_propose", args=[world.resident_post.pk]), {
        "grounds": ["poor_attitude"], "evidence": "居民投诉三次"}, follow=True)
    assert "待街道决定" in answer.content.decode()
    case = world.resident_post.adjustment_cases.get()
    assert client.post(reverse("cadres:adjustment_decide", args=[case.pk]), {}).status_code == 404
    client.force_login(world.county_user)
    assert client.post(reverse("cadres:adjustment_decide", args=[case.pk]), {}).status_code == 404
    client.force_login(world.street_user)
    answer = client.post(reverse("cadres:adjustment_decide", args=[case.pk]), {
        "decision": "adjust", "reason": "予以调整", "decided_on": "2010-09-01", "successor": "李新"}, follow=True)
    assert "该职务已终止" in answer.content.decode() and "李新" in answer.content.decode()
    assert LeadershipPost.objects.get(pk=world.resident_post.pk).ended_on == dt.date(2010, 9, 1)


def test_the_street_structure_table_in_bounded_queries_and_its_export(client, world, django_assert_max_num_queries):
    for i in range(57):
        org = make_community(parent=world.street_a, name=f"批量社区{i}党支部")
        member = make_member(organization=org)
        services.post_create(organization=org, body="party_committee", position="secretary", member=member,
                             term_starts_on=dt.date(2008, 1, 1), by=None)
        services.post_create(organization=org, body="residents_committee", position="member", name=f"居民{i}",
                             birth_date=dt.date(1990, 1, 1), gender="F", education="bachelor",
                             term_starts_on=dt.date(2008, 1, 1), by=None)
    client.force_login(world.street_user)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("cadres:structure"))
    html = page.content.decode()
    assert html.count("批量社区") == 57 and "甲一社区党支部" in html and "乙一社区党支部" not in html
    export = client.get(reverse("cadres:structure_export"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(world.secretary)
    assert client.get(reverse("cadres:structure")).status_code == 404
    body = client.get(f"/api/cadres/structure?org={world.a1.pk}").json()
    assert body["head_count"] == 3 and body["women"] == 1 and body["age_bands"]["36to45"] == 1
    assert client.get(f"/api/cadres/structure?org={world.b1.pk}").status_code == 404


def test_the_overview_counts_each_organization_in_four_queries(world, django_assert_max_num_queries):
    pledge = approved_pledge(world, world.member_post, dates=(dt.date(YEAR, 3, 1), dt.date(YEAR, 12, 31)))
    services.checkpoint_record(checkpoint=first_checkpoint(pledge), result="not_kept", note="x", by=world.street_user)
    services.adjustment_propose(post=world.resident_post, grounds=["poor_attitude"], evidence="x", by_street=True,
                                by=world.street_user)
    others = [make_community(parent=world.street_a).pk for _ in range(20)]
    with django_assert_max_num_queries(4):
        overview = queries.overview_by_org(org_ids=[world.a1.pk, *others], year=YEAR)
    a1 = overview[world.a1.pk]
    assert (a1.pledges, a1.checkpoints_kept, a1.checkpoints_due, a1.open_accountability, a1.open_adjustments) == (
        1, 0, 3, 1, 1)
    assert overview[others[0]] == queries.EMPTY_OVERVIEW


def test_menu_entry_for_staff_and_the_home_link_for_members(client, world):
    from pingxing.core import nav

    labels = {name: [str(label) for label, _url in nav.menu_for(getattr(world, name))]
              for name in ("county_user", "street_user", "secretary", "clerk", "member_user", "admin")}
    assert [n for n, ls in labels.items() if "承诺与问责" in ls] == ["county_user", "street_user", "secretary", "clerk"]
    client.force_login(world.member_user)
    assert "社区干部承诺" in client.get(reverse("core:home")).content.decode()
    assert client.get(reverse("cadres:index")).status_code == 200
    unrelated = make_user(role="member", organization=world.a2, member=world.m_a2)
    client.force_login(unrelated)
    assert "甲一" not in client.get(reverse("cadres:index")).content.decode()


def test_the_secretary_starts_the_members_evaluation_of_the_party_committee_from_the_roster(world, client):
    from pingxing.evaluations.models import Evaluation

    client.force_login(world.secretary)
    assert "发起本年度班子成员民主评议" in client.get(reverse("cadres:roster", args=[world.a1.pk])).content.decode()
    response = client.post(reverse("cadres:leadership_evaluation", args=[world.a1.pk]))
    evaluation = Evaluation.objects.get(organization=world.a1, subject="leadership")
    assert response.status_code == 302 and response.url == reverse("evaluations:detail", args=[evaluation.pk])
    # the party committee's members, not the residents' committee (a non-member) nor anyone else
    assert set(evaluation.roll.values_list("member_id", flat=True)) == {world.m_secretary.pk, world.m_a1.pk}
    again = client.post(reverse("cadres:leadership_evaluation", args=[world.a1.pk]), follow=True)
    assert Evaluation.objects.filter(organization=world.a1, subject="leadership").count() == 1
    assert "msg-error" in again.content.decode()
    client.force_login(world.member_user)
    assert client.post(reverse("cadres:leadership_evaluation", args=[world.a1.pk])).status_code == 404
