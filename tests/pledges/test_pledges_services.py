"""The pledge cycle through the services: make, review, publish, fulfil, check, evaluate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pledge_world import YEAR, fill_sheet, published_sheet

from pingxing.audit.models import AuditEntry
from pingxing.pledges import queries, services
from pingxing.pledges.models import EDITABLE_STATES, FulfilmentState, PeerRated, PledgeSheet
from pingxing.pledges.permissions import EDITABLE
from pingxing.pledges.services import PledgeError

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64


def test_the_pure_editable_states_are_the_models_own():
    assert {str(s) for s in EDITABLE_STATES} == EDITABLE


def test_a_sheet_is_submitted_only_with_a_pledge_in_each_of_the_four_areas(world):
    sheet = services.sheet_for_member(member=world.m_a1, year=YEAR, by=world.member_user)
    services.item_add(sheet=sheet, area="work", text="完成社区台账整理", due_date=dt.date(YEAR, 6, 30),
                      by=world.member_user)
    with pytest.raises(PledgeError, match="思想作风建设、联系服务群众、党风廉政建设"):
        services.sheet_submit(sheet=sheet, by=world.member_user)
    with pytest.raises(PledgeError, match="2010 年内"):
        services.item_add(sheet=sheet, area="work", text="x", due_date=dt.date(YEAR + 1, 1, 1), by=world.member_user)


def test_the_clerk_returns_with_a_reason_and_the_member_edits_again(world):
    sheet = services.sheet_for_member(member=world.m_a1, year=YEAR, by=world.member_user)
    fill_sheet(sheet, by=world.member_user)
    services.sheet_submit(sheet=sheet, by=world.member_user)
    with pytest.raises(PledgeError, match="原因"):
        services.sheet_return(sheet=sheet, reason=" ", by=world.clerk)
    services.sheet_return(sheet=sheet, reason="承诺过于笼统，请写具体", by=world.clerk)
    sheet.refresh_from_db()
    assert sheet.state == "returned" and sheet.return_reason == "承诺过于笼统，请写具体"
    services.item_add(sheet=sheet, area="service", text="每月走访独居老人两次", due_date=dt.date(YEAR, 12, 31),
                      by=world.member_user)
    assert AuditEntry.objects.filter(action="pledge_review").count() == 1


def test_published_pledges_cannot_be_edited_and_show_on_the_public_list(world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    with pytest.raises(PledgeError, match="状态已变化"):
        services.item_add(sheet=sheet, area="work", text="新增", due_date=dt.date(YEAR, 5, 1), by=world.member_user)
    listed = queries.public_sheets(org_id=world.a1.pk, year=YEAR)
    assert [s["name"] for s in listed] == ["甲一党员"]
    assert len(listed[0]["items"]) == 4 and set(listed[0]) == {"name", "items"}


def test_a_fulfilment_with_a_photo_is_stored_under_a_random_name_and_approved(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    item = sheet.items.first()
    photo = SimpleUploadedFile("走访照片.jpg", JPEG, content_type="image/jpeg")
    fulfilment = services.fulfilment_add(item=item, done_on=dt.date(YEAR, 3, 5), text="走访独居老人3户",
                                         upload=photo, by=world.member_user)
    assert fulfilment.original_name == "走访照片.jpg"
    assert "走访" not in fulfilment.evidence.name and fulfilment.evidence.name.endswith(".jpg")
    services.fulfilment_review(fulfilment=fulfilment, approve=True, by=world.clerk)
    fulfilment.refresh_from_db()
    assert fulfilment.state == FulfilmentState.APPROVED
    with pytest.raises(PledgeError, match="已审核过"):
        services.fulfilment_review(fulfilment=fulfilment, approve=False, note="重复", by=world.clerk)


@pytest.mark.parametrize(("name", "content", "words"), [
    ("a.exe", b"MZ", "类型不允许"), ("a.jpg", b"%PDF-1.4", "内容与扩展名不符"), ("a.docx", b"PK\x03\x04", "类型不允许"),
])
def test_evidence_of_another_kind_is_refused_by_its_bytes(world, name, content, words):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    with pytest.raises(PledgeError, match=words):
        services.fulfilment_add(item=sheet.items.first(), done_on=dt.date(YEAR, 3, 5), text="x",
                                upload=SimpleUploadedFile(name, content), by=world.member_user)
    assert not sheet.items.first().fulfilments.exists()


def test_the_mid_year_check_needs_a_note_when_behind(world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    item = sheet.items.first()
    with pytest.raises(PledgeError, match="检查意见"):
        services.item_check(item=item, status="behind", by=world.secretary)
    services.item_check(item=item, status="behind", note="走访次数不足", by=world.secretary)
    item.refresh_from_db()
    assert (item.check_status, item.check_note) == ("behind", "走访次数不足")


def test_peer_scores_are_kept_only_in_aggregate_and_show_from_three_raters(world):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    services.self_evaluate(sheet=sheet, score=90, text="较好完成", by=world.member_user)
    services.org_evaluate(sheet=sheet, score=88, by=world.secretary)
    for rater, user, score in zip(world.raters[:2], world.rater_users, (80, 80), strict=False):
        services.peer_rate(sheet=sheet, rater=rater, score=score, by=user)
    sheet.refresh_from_db()
    two = queries.score_of(sheet)
    assert two.peer.shown is False and two.total == Decimal("88.6")
    services.peer_rate(sheet=sheet, rater=world.raters[2], score=95, by=world.rater_users[2])
    sheet.refresh_from_db()
    three = queries.score_of(sheet)
    # peers (80 + 80 + 95) / 3 = 85; 0.2×90 + 0.3×85 + 0.5×88 = 87.5
    assert three.peer.mean == Decimal("85.0") and three.total == Decimal("87.5")
    # no row anywhere holds a single score beside a rater
    assert [f.name for f in PeerRated._meta.concrete_fields] == ["id", "sheet", "rater"]
    peer_entries = list(AuditEntry.objects.filter(action="pledge_peer").values_list("changes", flat=True))
    assert len(peer_entries) == 3 and all(changes == {"rated": [None, True]} for changes in peer_entries)
    with pytest.raises(PledgeError, match="已经给"):
        services.peer_rate(sheet=sheet, rater=world.raters[0], score=60, by=world.rater_users[0])
    with pytest.raises(PledgeError, match="自己"):
        services.peer_rate(sheet=sheet, rater=world.m_a1, score=100, by=world.member_user)


@pytest.mark.parametrize("score", ["", "abc", "101", "-1", None])
def test_a_score_out_of_range_is_refused_in_chinese(world, score):
    sheet = published_sheet(world.m_a1, account=world.member_user, reviewer=world.clerk)
    with pytest.raises(PledgeError, match="0 到 100"):
        services.org_evaluate(sheet=sheet, score=score, by=world.secretary)
    assert PledgeSheet.objects.get(pk=sheet.pk).org_score is None
