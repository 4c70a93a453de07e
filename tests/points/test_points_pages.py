"""The points pages as a user meets them: the member's phone page with appeal, the clerk's
table with its writes and export, the street overview; who sees what; bad input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from factories import make_member
from pingxing.points import services
from pingxing.points.models import Appeal, AppealState, PointEntry

TODAY = timezone.localdate()


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def deduction(world):
    return services.entry_record(member=world.m_a1, occurred_on=TODAY, item_code="D01", by=world.clerk,
                                 note="三月主题党日无故缺席")


def test_a_member_sees_a_deduction_on_their_phone_and_appeals_it(client, world, deduction):
    login(client, world.member_user)
    home = client.get(reverse("core:home")).content.decode()
    assert "我的积分" in home and "1 条新扣分" in home
    page = client.get(reverse("points:mine")).content.decode()
    assert "三月主题党日无故缺席" in page and "95" in page and "提出申诉" in page
    client.post(reverse("points:appeal", args=[deduction.pk]), {"reason": "当天住院，有病历"})
    appeal = Appeal.objects.get(entry=deduction)
    assert appeal.state == AppealState.PENDING
    assert "待支委会决定" in client.get(reverse("points:mine")).content.decode()


def test_the_clerk_upholds_an_appeal_with_a_new_reversing_entry(client, world, deduction):
    appeal = services.appeal_file(entry=deduction, reason="当天住院", by=world.member_user)
    login(client, world.clerk)
    assert "当天住院" in client.get(reverse("points:org", args=[world.a1.pk])).content.decode()
    client.post(reverse("points:decide", args=[appeal.pk]), {"uphold": "1", "decision": "支委会核实属实"})
    reversal = PointEntry.objects.get(reverses=deduction)
    assert reversal.points == 5
    assert PointEntry.objects.get(pk=deduction.pk).points == -5  # the deduction itself stays as it was
    client.logout()
    login(client, world.member_user)
    page = client.get(reverse("points:mine")).content.decode()
    assert f"冲正第{deduction.pk}号记录" in page and "申诉成立，已冲正" in page
    assert 'id="balance"><div class="num">100<' in page


def test_a_member_cannot_appeal_or_read_someone_elses_ledger(client, world):
    other = services.entry_record(member=world.m_a1_other, occurred_on=TODAY, item_code="D02", by=world.clerk)
    login(client, world.member_user)
    assert client.post(reverse("points:appeal", args=[other.pk]), {"reason": "x"}).status_code == 404
    assert client.get(reverse("points:member", args=[world.m_a1_other.pk])).status_code == 404
    assert client.get(reverse("points:org", args=[world.a1.pk])).status_code == 404
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("bad", ["0", "99999999999999999999999", "abc"])
def test_bad_ids_answer_404_never_500(client, world, bad):
    login(client, world.clerk)
    for name in ("points:member", "points:org", "points:street"):
        url = reverse(name, args=[1]).replace("/1/", f"/{bad}/")
        assert client.get(url).status_code == 404


def test_the_clerk_records_an_entry_with_a_photo(client, world, photo):
    login(client, world.clerk)
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a1.pk, "item_code": "B01", "occurred_on": TODAY.isoformat(), "times": 2,
        "note": "社区环境整治", "evidence": photo("整治现场.png"),
    })
    assert response.status_code == 302
    entry = PointEntry.objects.get(member=world.m_a1)
    assert entry.points == 4 and entry.evidence_name == "整治现场.png"
    assert "整治现场" not in entry.evidence.name  # stored under a random name
    assert entry.recorded_by == world.clerk


def test_a_cap_is_refused_naming_the_item_the_cap_and_what_is_recorded(client, world, photo):
    services.entry_record(member=world.m_a1, occurred_on=TODAY, item_code="B01", times=9, by=world.clerk,
                          evidence=photo())
    login(client, world.clerk)
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a1.pk, "item_code": "B01", "occurred_on": TODAY.isoformat(), "times": 2,
        "evidence": photo(),
    })
    assert response.status_code == 400
    text = response.content.decode()
    assert "“参加志愿服务”每年最多20分" in text and "已记18分" in text and "不能再记4分" in text
    assert PointEntry.objects.filter(member=world.m_a1).count() == 1


def test_evidence_must_be_a_real_photo_or_pdf(client, world, photo):
    login(client, world.clerk)
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a1.pk, "item_code": "B01", "occurred_on": TODAY.isoformat(), "times": 1,
        "evidence": photo("照片.png", b"MZ\x90\x00 not a picture"),
    })
    assert response.status_code == 400 and "内容与扩展名不符" in response.content.decode()
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a1.pk, "item_code": "B01", "occurred_on": TODAY.isoformat(), "times": 1,
    })
    assert "须上传证明材料" in response.content.decode()
    assert not PointEntry.objects.exists()


def test_an_exemption_for_age_needs_the_age_of_the_item_table(client, world):
    login(client, world.clerk)
    young = make_member(organization=world.a1, name="年轻党员", birth_date=dt.date(TODAY.year - 40, 5, 1))
    response = client.post(reverse("points:exemption_new", args=[world.a1.pk]),
                           {"member": young.pk, "year": TODAY.year, "reason": "age"})
    assert response.status_code == 400
    assert "年轻党员" in response.content.decode() and "未达到免于积分的年龄（70周岁）" in response.content.decode()
    response = client.post(reverse("points:exemption_new", args=[world.a1.pk]),
                           {"member": young.pk, "year": TODAY.year, "reason": "mobile", "note": "在外务工"})
    assert response.status_code == 302


def test_an_exempt_member_gets_no_deduction(client, world):
    world.m_a1.birth_date = dt.date(TODAY.year - 75, 3, 1)
    world.m_a1.save()
    login(client, world.clerk)
    client.post(reverse("points:exemption_new", args=[world.a1.pk]),
                {"member": world.m_a1.pk, "year": TODAY.year, "reason": "age", "note": "年满75岁"})
    with pytest.raises(services.PointsRefused, match="免于积分"):
        services.entry_record(member=world.m_a1, occurred_on=TODAY, item_code="D01", by=world.clerk)
    table = client.get(reverse("points:org", args=[world.a1.pk])).content.decode()
    assert "年老" in table


def test_the_clerk_cannot_record_for_another_organization(client, world):
    login(client, world.clerk)
    response = client.post(reverse("points:entry_new", args=[world.a2.pk]), {
        "member": world.m_a2.pk, "item_code": "B04", "occurred_on": TODAY.isoformat(), "times": 1})
    assert response.status_code == 404
    # nor for a member of another organization through their own organization's form
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a2.pk, "item_code": "B04", "occurred_on": TODAY.isoformat(), "times": 1})
    assert response.status_code == 400
    assert not PointEntry.objects.exists()


def test_the_street_reads_but_does_not_keep_the_ledger(client, world):
    services.entry_record(member=world.m_a2, occurred_on=TODAY, item_code="B04", by=world.clerk)
    login(client, world.street_user)
    page = client.get(reverse("points:street", args=[world.street_a.pk])).content.decode()
    assert "甲一社区党支部" in page and "甲二社区党支部" in page and "乙一社区党支部" not in page
    assert client.get(reverse("points:org", args=[world.a2.pk])).status_code == 200
    assert client.post(reverse("points:entry_new", args=[world.a2.pk]), {}).status_code == 404
    assert client.get(reverse("points:street", args=[world.street_b.pk])).status_code == 404


def test_no_ranking_unless_the_organization_turns_it_on(client, world):
    login(client, world.member_user)
    assert "本组织积分排名" not in client.get(reverse("points:mine")).content.decode()
    client.logout()
    login(client, world.clerk)
    client.post(reverse("points:setting", args=[world.a1.pk]), {"ranking_visible": "on"})
    client.logout()
    login(client, world.member_user)
    page = client.get(reverse("points:mine")).content.decode()
    assert "本组织积分排名" in page and "甲一另一党员" in page


def test_the_export_is_inert_and_matches_the_table(client, world):
    make_member(organization=world.a1, name="=HYPERLINK(\"x\")")
    services.entry_record(member=world.m_a1, occurred_on=TODAY, item_code="D02", by=world.clerk)
    login(client, world.clerk)
    response = client.get(reverse("points:export", args=[world.a1.pk]))
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["甲一党员"][5] == 95
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no cell is a formula
    assert '=HYPERLINK("x")' in rows  # the name reads back exactly as typed


@pytest.mark.parametrize(("filename", "content", "words"), [
    ("表格.xlsx", b"PK\x03\x04 anything", "类型不允许"),
    ("病毒.exe", b"MZ\x90\x00", "类型不允许"),
    ("扫描件.pdf", b"GIF89a", "内容与扩展名不符"),
    ("照片.jpg", b"\x89PNG\r\n", "内容与扩展名不符"),
    ("空.png", b"", "内容与扩展名不符"),
])
def test_every_hostile_evidence_file_is_refused_with_its_reason_never_a_500(client, world, filename, content,
                                                                               words, photo):
    login(client, world.clerk)
    response = client.post(reverse("points:entry_new", args=[world.a1.pk]), {
        "member": world.m_a1.pk, "item_code": "B01", "occurred_on": TODAY.isoformat(), "times": 1,
        "evidence": photo(filename, content),
    })
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not PointEntry.objects.exists()
