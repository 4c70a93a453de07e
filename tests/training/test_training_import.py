"""The acceptance test of the attendance import: a sheet with bad rows of every kind saves
nothing and names every bad row by number and column; the corrected sheet saves every row in
one transaction, audited."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from training_world import sheet, street_course

from factories import fictional_id_number
from pingxing.audit.models import AuditEntry
from pingxing.training import services
from pingxing.training.importing import parse_attendance
from pingxing.training.models import Attendance, Trainee

pytestmark = pytest.mark.django_db


def wrong_check(id_number: str) -> str:
    return id_number[:-1] + ("0" if id_number[-1] != "0" else "1")


@pytest.fixture
def session(world):
    return street_course(world)


@pytest.fixture
def recorded(world, session):
    """A trainee already recorded in the session."""
    trainee = services.trainee_register(name="老学员", category="committee_member", organization=world.a1,
                                        id_number=fictional_id_number(n=801), by=None)
    services.attendance_record(session=session, trainee=trainee, by=None)
    return trainee


def bad_sheet(world):
    new_id = fictional_id_number(n=802)
    return sheet(
        {"姓名": "新居民", "身份证号": new_id, "类别": "居民代表", "所在组织代码": world.a1.code},   # 2: good
        {"姓名": "校验错", "身份证号": wrong_check(fictional_id_number(n=803)), "类别": "两委成员"},   # 3
        {"姓名": "类别错", "身份证号": fictional_id_number(n=804), "类别": "群众"},                  # 4
        {"姓名": "学时多", "身份证号": fictional_id_number(n=805), "类别": "两委成员", "学时": 5},     # 5
        {"姓名": "学时零", "身份证号": fictional_id_number(n=806), "类别": "两委成员", "学时": 0},     # 6
        {"姓名": "新居民", "身份证号": new_id, "类别": "居民代表"},                                  # 7
        {"姓名": "越权", "身份证号": fictional_id_number(n=807), "类别": "党员", "所在组织代码": world.b1.code},  # 8
        {"姓名": "无类别", "身份证号": fictional_id_number(n=808)},                                 # 9
        {"姓名": "老学员", "身份证号": fictional_id_number(n=801)},                                 # 10
        {"姓名": "错组织", "身份证号": fictional_id_number(n=809), "类别": "党员", "所在组织代码": "NOPE"},  # 11
        {"姓名": world.m_a1.name, "身份证号": world.m_a1.id_number, "学时": 1.5},                   # 12: good
        {"姓名": "冒名", "身份证号": world.m_a2.id_number},                                          # 13
        {"姓名": "无证", "类别": "党员"},                                                             # 14
    )


def test_a_sheet_with_bad_rows_saves_nothing_and_names_every_bad_row(world, session, recorded):
    result = parse_attendance(bad_sheet(world), user=world.street_user, session=session)
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "身份证号"), (4, "类别"), (5, "学时"), (6, "学时"), (7, "身份证号"), (8, "所在组织代码"),
        (9, "类别"), (10, "身份证号"), (11, "所在组织代码"), (13, "姓名"), (14, "身份证号"),
    }
    reasons = {(e.row, e.column): e.reason for e in result.errors}
    assert "校验位" in reasons[(3, "身份证号")]
    assert "超过本场学时3.0" in reasons[(5, "学时")]
    assert "第 2 行" in reasons[(7, "身份证号")]
    assert "不在您的管理范围内" in reasons[(8, "所在组织代码")]
    assert "本场参训记录已登记" in reasons[(10, "身份证号")]
    assert not any(e.row in (2, 12) for e in result.errors)


def test_the_upload_page_reports_every_bad_row_then_the_corrected_sheet_saves_all(client, world, session, recorded):
    client.force_login(world.street_user)
    url = reverse("training:import", args=[session.pk])
    response = client.post(url, {"file": bad_sheet(world)})
    assert response.status_code == 200
    page = response.content.decode()
    for n in (3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14):
        assert f"第{n}行：" in page
    assert "第2行：" not in page and "第12行：" not in page
    assert "下载错误行" in page
    assert world.m_a1.id_number not in page and world.m_a2.id_number not in page
    assert Attendance.objects.filter(session=session).count() == 1  # the one recorded before
    assert not Trainee.objects.filter(name="新居民").exists()

    good = sheet(
        {"姓名": "新居民", "身份证号": fictional_id_number(n=802), "类别": "居民代表", "所在组织代码": world.a1.code},
        {"姓名": "新两委", "身份证号": fictional_id_number(n=804), "类别": "两委成员", "学时": "2.5"},
        {"姓名": world.m_a1.name, "身份证号": world.m_a1.id_number, "学时": 1.5},
    )
    response = client.post(url, {"file": good})
    assert response.status_code == 302 and response["Location"] == reverse("training:session", args=[session.pk])
    hours = {a.trainee.name: a.hours for a in Attendance.objects.filter(session=session).select_related("trainee")}
    assert hours == {"老学员": Decimal("3.0"), "新居民": Decimal("3.0"), "新两委": Decimal("2.5"),
                     world.m_a1.name: Decimal("1.5")}
    member_trainee = Trainee.objects.get(member=world.m_a1)
    assert member_trainee.category == "member" and member_trainee.organization == world.a1
    assert Trainee.objects.get(name="新两委").organization == world.street_a  # default: the organizer
    assert AuditEntry.objects.filter(action="training_import").count() == 1
    # the same sheet again: every row is already recorded, nothing more is saved
    again = parse_attendance(sheet({"姓名": "新居民", "身份证号": fictional_id_number(n=802)}),
                             user=world.street_user, session=session)
    assert [(e.row, e.column) for e in again.errors] == [(2, "身份证号")]


def test_a_secretary_imports_for_their_own_course_only_and_only_their_people(client, world, session):
    client.force_login(world.secretary)
    assert client.get(reverse("training:import", args=[session.pk])).status_code == 404
    own = services.course_create(title="支部学习", channel="other", audience=["member"], organizer=world.a1,
                                 year=2023, by=world.secretary)
    own_session = services.session_create(course=own, date=session.date, hours="2", by=world.secretary)
    result = parse_attendance(sheet({"姓名": world.m_a1.name, "身份证号": world.m_a1.id_number},
                                    {"姓名": world.m_a2.name, "身份证号": world.m_a2.id_number}),
                              user=world.secretary, session=own_session)
    assert [(e.row, e.column) for e in result.errors] == [(3, "姓名")]
    assert "不在您的管理范围内" in result.errors[0].reason


@pytest.mark.parametrize(("name", "content", "words"), [
    ("名单.csv", "姓名,身份证号\n张三,330621\n".encode(), "不是 Excel .xlsx 文件"),
    ("名单.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版 .xls 文件"),
    ("名单.xlsx", b"", "空文件"),
    ("名单.xlsx", b"PK\x03\x04 not really", "损坏或不完整"),
])
def test_a_file_that_is_no_xlsx_workbook_is_refused_with_a_message(client, world, session, name, content, words):
    client.force_login(world.street_user)
    response = client.post(reverse("training:import", args=[session.pk]),
                           {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_sheet_without_the_required_columns_is_refused(world, session):
    wb = Workbook()
    wb.active.append(["甲", "乙"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    result = parse_attendance(buffer, user=world.street_user, session=session)
    assert result.errors[0].row == 1 and "身份证号" in result.errors[0].reason


def test_every_hostile_workbook_gets_its_reason_and_saves_nothing(client, world, session):
    from core import hostile_xlsx as hostile

    client.force_login(world.street_user)
    url = reverse("training:import", args=[session.pk])
    for filename, content, words in [
        ("truncated-xml.xlsx", hostile.truncated_xml(), "损坏或不完整"),
        ("not-a-zip.xlsx", hostile.not_a_zip(), "不是 Excel .xlsx 文件"),
        ("no-workbook.xlsx", hostile.zip_without_workbook(), "没有 Excel 工作簿"),
        ("laughs.xlsx", hostile.billion_laughs(), "实体"),
        ("dimension.xlsx", hostile.huge_dimension(), "列数 16,384 超过上限"),
        ("bomb.xlsx", hostile.zip_bomb(), "解压后大小 300.0 MB 超过上限"),
        ("wrong-headers.xlsx", hostile.valid([["甲", "乙"], ["1", "2"]]), "缺少列：姓名、身份证号"),
    ]:
        response = client.post(url, {"file": SimpleUploadedFile(filename, content)})
        assert response.status_code == 200, filename
        assert words in response.content.decode(), filename
    assert not Attendance.objects.exists()
