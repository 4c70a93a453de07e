"""A refused import: each bad row once with all its problems, and the bad rows as a workbook
(their own cells, a reason column, every cell inert text) linked in the same response."""

from __future__ import annotations

import base64
import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from factories import make_county, make_street, make_user
from pingxing.core.excel import (
    RowError,
    bad_rows_workbook,
    build_workbook,
    problems_by_row,
    read_sheet,
)
from pingxing.orgs import importing
from pingxing.orgs.models import Organization


def _sheet(headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for values in rows:
        ws.append(values)
        for cell in ws[ws.max_row]:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type  # "=1+1" typed as text
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


def _rows_of(wb):
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def test_each_row_is_reported_once_with_all_its_problems_in_sheet_order():
    errors = [RowError(5, "身份证号", "校验位错误"), RowError(2, "组织代码", "与第 4 行重复"),
              RowError(5, "姓名", "必填项为空"), RowError(5, "身份证号", "校验位错误"), RowError(5, "", "整行无效")]
    problems = problems_by_row(errors)
    assert [p.row for p in problems] == [2, 5]
    assert problems[1].line == "第5行：身份证号 校验位错误；姓名 必填项为空；整行无效"
    assert problems_by_row([RowError(1, "", "文件中没有数据行")])[0].line == "第1行（表头）：文件中没有数据行"


def test_the_bad_rows_workbook_holds_exactly_the_bad_rows_with_their_cells_and_reasons():
    raw = {2: {"姓名": "好人", "电话": 139}, 3: {"姓名": "", "电话": "123"}, 4: {"姓名": "王芳", "电话": 1.0}}
    errors = [RowError(3, "姓名", "必填项为空"), RowError(3, "电话", "格式不对"), RowError(1, "备注", "未知列")]
    rows = _rows_of(bad_rows_workbook(errors, headers=["姓名", "电话"], raw_rows=raw))
    assert rows == [["原行号", "姓名", "电话", "错误原因"], ["3", None, "123", "姓名 必填项为空；电话 格式不对"]]


def test_a_cell_that_looks_like_a_formula_is_written_as_inert_text():
    raw = {2: {"姓名": '=HYPERLINK("http://evil.example","点我")', "电话": "+8613912345678"}}
    wb = bad_rows_workbook([RowError(2, "电话", "格式不对")], headers=["姓名", "电话"], raw_rows=raw)
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws["B2"].value == '=HYPERLINK("http://evil.example","点我")'
    assert (ws["B2"].data_type, ws["B2"].quotePrefix) == ("s", True)
    assert (ws["C2"].data_type, ws["C2"].quotePrefix) == ("s", True)
    assert all(cell.data_type == "s" for cell in ws[2])


def test_without_the_rows_cells_the_workbook_lists_row_column_and_reason():
    errors = [RowError(4, "姓名", "必填项为空"), RowError(4, "电话", "格式不对")]
    assert _rows_of(bad_rows_workbook(errors)) == [
        ["原行号", "列", "原因"], ["4", "姓名", "必填项为空"], ["4", "电话", "格式不对"]]


def test_no_workbook_when_only_the_file_itself_is_wrong():
    assert bad_rows_workbook([RowError(1, "", "无法读取文件")]) is None


def test_read_sheet_gives_the_cells_as_typed_by_spreadsheet_row_number():
    upload = _sheet(["姓名*", "电话"], [["王芳", "139"], [None, None], ["  ", 5]])
    headers, rows = read_sheet(upload)
    assert headers == ["姓名", "电话"]
    assert rows == {2: {"姓名": "王芳", "电话": "139"}, 4: {"姓名": "  ", "电话": 5}}


def test_the_fragment_groups_a_plain_error_list_by_row():
    errors = [RowError(3, "组织代码", "未知"), RowError(2, "姓名", "必填项为空"), RowError(3, "年度", "不对")]
    html = render_to_string("_import_errors.html", {"errors": errors})
    assert "发现 3 处错误，未保存任何数据" in html
    assert "<li>第2行：姓名 必填项为空</li>" in html
    assert "<li>第3行：组织代码 未知；年度 不对</li>" in html
    assert html.count("第3行") == 1


@pytest.mark.django_db
def test_an_org_import_with_three_bad_rows_of_five_offers_exactly_those_rows(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    county = make_county()
    street = make_street(parent=county, code="S001", name="柯桥街道党工委")
    client.force_login(make_user(role="county", organization=county))
    headers = [c.header + ("*" if c.required else "") for c in importing.COLUMNS]
    template_headers = [c.value for c in build_workbook("党组织", importing.COLUMNS).active[1]]
    assert headers == template_headers
    good = ["社区(居)党组织", "党支部"]
    sheet = [
        ["K101", "笛扬社区党支部", "S001", *good, "张三"],          # 2: good
        ["", "", "S001", *good, "李四"],                              # 3: code and name missing
        ["K102", "柯亭社区党支部", "S001", *good, ""],               # 4: good
        ["K103", "蜀阜社区党支部", "NOPE", *good, "王五"],           # 5: unknown parent
        ["K104", "华舍社区党支部", "S001", "外星党组织", "党支部", "=1+1"],  # 6: unknown kind
    ]
    response = client.post(reverse("orgs:import"), {"file": _sheet(headers, sheet)})
    assert response.status_code == 200
    assert not Organization.objects.filter(code__in=["K101", "K102"]).exists()
    assert response["Cache-Control"] == "no-store"

    lines = [p.line for p in response.context["problems"]]
    assert lines == [
        "第3行：组织代码 必填项为空；组织名称 必填项为空",
        "第5行：上级组织代码 未知的组织代码“NOPE”",
        "第6行：类别 未知的类别“外星党组织”",
    ]
    body = response.content.decode()
    for line in lines:
        assert body.count(line.split("：")[0] + "：") == 1

    url = response.context["bad_rows_url"]
    assert f'href="{url}"' in body and "下载错误行" in body
    prefix = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
    assert url.startswith(prefix)
    rows = _rows_of(load_workbook(io.BytesIO(base64.b64decode(url.removeprefix(prefix)))))
    assert rows == [
        ["原行号", "组织代码", "组织名称", "上级组织代码", "类别", "组织形式", "书记", "错误原因"],
        ["3", None, None, "S001", *good, "李四", "组织代码 必填项为空；组织名称 必填项为空"],
        ["5", "K103", "蜀阜社区党支部", "NOPE", *good, "王五", "上级组织代码 未知的组织代码“NOPE”"],
        ["6", "K104", "华舍社区党支部", "S001", "外星党组织", "党支部", "=1+1", "类别 未知的类别“外星党组织”"],
    ]
    assert street.pk  # the parent named in the sheet exists


@pytest.mark.django_db
def test_a_parser_may_hand_over_the_cells_it_read(rf, settings):
    from django.contrib.sessions.middleware import SessionMiddleware

    from pingxing.core.imports import import_page

    class Parsed:
        rows: list = []
        errors = [RowError(2, "姓名", "必填项为空")]
        headers = ["姓名"]
        raw_rows = {2: {"姓名": "来自解析器"}}

    request = rf.post("/", {"file": _sheet(["姓名"], [["表格里的"]])})
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = make_user(role="county", organization=make_county())
    response = import_page(request, parse=lambda file, user: Parsed(), save=lambda **kw: [],
                           done_message="", done_url="home", template_url="orgs:template", title="导入")
    body = response.content.decode()
    assert "第2行：姓名 必填项为空" in body
    url = body.split('href="data:')[1].split('"')[0]
    rows = _rows_of(load_workbook(io.BytesIO(base64.b64decode(url.split("base64,")[1]))))
    assert rows[1] == ["2", "来自解析器", "姓名 必填项为空"]


def test_the_bad_rows_workbook_hands_back_id_numbers_and_phones_masked():
    from pingxing.core.excel import RowError, bad_rows_workbook

    wb = bad_rows_workbook(
        [RowError(2, "姓名", "必填项为空")], headers=["姓名", "身份证号", "联系电话"],
        raw_rows={2: {"姓名": "", "身份证号": "33062119700101001X", "联系电话": 13912345678}},
    )
    values = [c.value for c in wb.active[2]]
    assert values[2] == "3306**********001X" and values[3] == "139****5678"
    assert "33062119700101001X" not in str(values)
