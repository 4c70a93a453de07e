from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from factories import fictional_id_number
from pingxing.audit.models import AuditEntry
from pingxing.members.importing import COLUMNS, parse_members
from pingxing.members.models import Member

pytestmark = pytest.mark.django_db


def row(org_code, *, name="王芳", id_number=None, birth="1975-03-18", group="", phone="13912345678", **kw):
    values = {"姓名": name, "性别": "女", "出生日期": birth, "文化程度": "本科", "入党日期": dt.date(2000, 7, 1),
              "职业/行业": "纺织", "特长": "文艺", "联系电话": phone,
              "身份证号": id_number or fictional_id_number(), "住址": "", "所在党组织代码": org_code,
              "党小组": group, "党员类别": "正式党员", "流动党员(是/否)": "否"}
    values.update(kw)
    return [values[c.header] for c in COLUMNS]


def workbook(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in COLUMNS])
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "members.xlsx"
    return buffer


def test_a_good_file_saves_every_row_in_one_transaction_with_one_import_entry(world, client):
    client.force_login(world.secretary)
    upload = workbook(row(world.a1.code, name="导入一", group="青年党小组"),
                      row(world.a1.code, name="导入二", group="青年党小组"))
    response = client.post("/members/import/", {"file": upload})
    assert response.status_code == 302
    imported = Member.objects.filter(name__startswith="导入")
    assert imported.count() == 2
    assert {m.party_group.name for m in imported} == {"青年党小组"}
    assert AuditEntry.objects.filter(action="import", object_type="members.member").count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="members.member").count() == 2


def test_a_bad_file_saves_nothing_and_reports_every_bad_row(world):
    dup = fictional_id_number(n=555)
    upload = workbook(
        row(world.a1.code, name="好人"),                                  # 2: fine
        row(world.a1.code, name="日期错", birth="不是日期"),               # 3
        row("NOPE", name="未知组织"),                                     # 4
        row(world.b1.code, name="越权"),                                  # 5
        row(world.a1.code, name="重复甲", id_number=dup),                 # 6
        row(world.a1.code, name="重复乙", id_number=dup),                 # 7
        row(world.a1.code, name="库中重复", id_number=world.m_a2.id_number),  # 8
        row(world.a1.code, name=""),                                      # 9
        row(world.a1.code, name="校验错", id_number=dup[:-1] + ("0" if dup[-1] != "0" else "1")),  # 10
        row(world.a1.code, name="电话错", phone="123"),                   # 11
    )
    result = parse_members(upload, user=world.secretary)
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "出生日期"), (4, "所在党组织代码"), (5, "所在党组织代码"), (7, "身份证号"),
        (8, "身份证号"), (9, "姓名"), (10, "身份证号"), (11, "联系电话"),
    }
    reasons = {e.row: e.reason for e in result.errors}
    assert "不是有效日期" in reasons[3]
    assert "第 6 行" in reasons[7]
    assert "不在您的管理范围内" in reasons[5]
    assert not Member.objects.filter(name="好人").exists()


def test_the_import_page_shows_row_column_and_reason(world, client):
    client.force_login(world.secretary)
    response = client.post("/members/import/", {"file": workbook(row("NOPE", name="未知组织"))})
    assert response.status_code == 200
    assert [(e.row, e.column) for e in response.context["errors"]] == [(2, "所在党组织代码")]
    assert "未知的组织代码“NOPE”" in response.content.decode()
    assert not Member.objects.filter(name="未知组织").exists()


def test_a_file_missing_a_required_column_is_refused(world):
    wb = Workbook()
    wb.active.append(["姓名", "性别"])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    result = parse_members(buffer, user=world.secretary)
    assert result.errors[0].row == 1 and "身份证号" in result.errors[0].reason


def test_an_exported_file_can_be_checked_again_as_an_import(world, client):
    client.force_login(world.secretary)
    exported = io.BytesIO(client.get("/members/export.xlsx?full=on").content)
    result = parse_members(exported, user=world.secretary)
    # The same people are already registered: every row is a duplicate ID number, nothing else.
    assert {e.column for e in result.errors} == {"身份证号"}
    assert len(result.errors) == 2
