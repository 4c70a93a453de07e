"""Hostile spreadsheets are refused before openpyxl loads them, with the limit named; ordinary
workbooks (our own templates, a styled multi-sheet file) still read as before.

The refusal times and memory are printed by benchmarks/imports.py, not asserted here."""

from __future__ import annotations

import io

import defusedxml.ElementTree
import openpyxl
import openpyxl.xml.functions
import pytest
from defusedxml import DefusedXmlException
from openpyxl import Workbook
from openpyxl.comments import Comment

from core import hostile_xlsx as hostile
from pingxing.accounts.importing import ACCOUNT_LIMITS, parse_accounts
from pingxing.core import excel
from pingxing.members.importing import COLUMNS as MEMBER_COLUMNS
from pingxing.members.importing import MEMBER_LIMITS, parse_members
from pingxing.orgs.importing import ORG_LIMITS, parse_orgs
from pingxing.ratings import importing as facts_importing
from pingxing.rubric import io as rubric_io
from pingxing.rubric.xlsxguard import (
    DEFAULT_LIMITS,
    Limits,
    XlsxRefused,
    check_xlsx,
    iter_first_sheet,
)

KIND_LIMITS = {  # every upload; the command line's own (larger) limits are tested below
    "default": DEFAULT_LIMITS, "members": MEMBER_LIMITS, "organizations": ORG_LIMITS, "accounts": ACCOUNT_LIMITS,
    "facts": facts_importing.FACTS_LIMITS, "base pay": facts_importing.BASE_PAY_LIMITS,
}
REFUSED_WHILE_STREAMING = {"truncated sheet XML"}  # a sound zip: only openpyxl's parse finds the break


def _refusal(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    with pytest.raises(XlsxRefused) as refused:
        for _row in iter_first_sheet(data, limits):
            pass
    return str(refused.value)


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_each_hostile_file_is_refused_with_its_reason(name):
    build, words = hostile.HOSTILE[name]
    message = _refusal(build())
    assert all(word in message for word in words), message


@pytest.mark.parametrize("name", sorted(set(hostile.HOSTILE) - REFUSED_WHILE_STREAMING))
def test_the_refusal_comes_before_openpyxl_sees_the_file(name):
    build, words = hostile.HOSTILE[name]
    with pytest.raises(XlsxRefused, match=words[0].replace("(", r"\(").replace(".", r"\.")):
        check_xlsx(build())


@pytest.mark.parametrize("kind", list(KIND_LIMITS))
def test_every_hostile_file_is_refused_under_every_import_kind(kind):
    limits = KIND_LIMITS[kind]
    accepted = []
    for name, (build, _words) in hostile.HOSTILE.items():
        try:
            for _row in iter_first_sheet(build(), limits):
                pass
        except XlsxRefused as refused:
            assert str(refused)
        else:
            accepted.append(name)
    assert accepted == []


def test_a_limit_names_the_value_found_and_can_be_set_by_the_caller():
    data = hostile.valid([["组织代码"], ["C1"], ["C2"], ["C3"]])
    assert [n for n, _v in iter_first_sheet(data)] == [1, 2, 3, 4]
    assert _refusal(data, DEFAULT_LIMITS.but(max_rows=2)) == "工作表“Sheet1”数据行数 3 超过上限 2"
    message = _refusal(data, DEFAULT_LIMITS.but(max_bytes=1000))
    assert message.startswith("文件大小 ") and message.endswith(" KB 超过上限 1,000 字节")


def test_rows_far_down_or_a_wide_row_are_stopped_while_streaming():
    assert _refusal(hostile.row_far_down()) == "工作表“Sheet1”数据行数超过上限 5,000（读到第 5,002 行）"
    assert _refusal(hostile.one_wide_row()) == "工作表“Sheet1”列数超过上限 100（第 102 行）"
    # within the limits the same shapes read, the sheet never widened past the cells there are
    rows = list(iter_first_sheet(hostile.one_wide_row(columns=100)))
    assert len(rows) == 102 and len(rows[-1][1]) == 100 and max(len(v) for _n, v in rows[:-1]) == 1


def test_openpyxl_itself_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse
    laughs = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>'
    with pytest.raises(DefusedXmlException):
        list(openpyxl.xml.functions.iterparse(io.BytesIO(laughs)))
    # workbook.xml and styles go through fromstring: entities are not resolved there either
    xxe = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    try:
        element = openpyxl.xml.functions.fromstring(xxe)
    except DefusedXmlException:
        return
    assert "root" not in "".join(element.itertext())


def test_our_own_templates_and_an_ordinary_styled_workbook_pass(tmp_path):
    rubric_io.write_template(tmp_path / "facts.xlsx")
    header = next(iter_first_sheet((tmp_path / "facts.xlsx").read_bytes(), facts_importing.FACTS_LIMITS))[1]
    assert header[0] == "组织代码"
    buffer = io.BytesIO()
    excel.build_workbook("党员", MEMBER_COLUMNS, [["王芳", "女"]]).save(buffer)
    rows = list(iter_first_sheet(buffer.getvalue(), MEMBER_LIMITS))
    assert rows[1] == (2, ("王芳", "女"))
    wb = Workbook()
    ws = wb.active
    ws.append(["组织代码", "组织名称", "书记"])
    ws.append(["C001", "城东社区", "李明"])
    ws["A1"].comment = Comment("必填", "pingxing")
    ws.merge_cells("B3:C3")
    wb.create_sheet("说明").append(["随便写点什么"])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert [v for _n, v in iter_first_sheet(buffer.getvalue()) if v] == [("组织代码", "组织名称", "书记"),
                                                                        ("C001", "城东社区", "李明")]


def test_every_importer_answers_a_hostile_file_with_a_row_one_error():
    data = hostile.huge_dimension()
    for parse in (parse_members, parse_orgs, parse_accounts):
        result = parse(io.BytesIO(data), user=None)
        assert [(e.row, e.column) for e in result.errors] == [(1, "")]
        assert "列数 16,384 超过上限" in result.errors[0].reason
        assert result.rows == []
    with pytest.raises(facts_importing.ImportRefused) as refused:
        facts_importing.read_sheet(hostile.zip_bomb())
    assert "解压后大小 300.0 MB 超过上限 100.0 MB" in refused.value.errors[0].reason


def test_the_command_line_reader_refuses_with_the_limit_named(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(hostile.million_shared_strings())
    with pytest.raises(rubric_io.InputError, match="共享字符串数 1,000,000 超过上限 500,000"):
        rubric_io.read_input(path)


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    class HugeUpload(io.BytesIO):
        size = 3 * 1024**3  # as Django's UploadedFile says, for a file spooled to disk

        def read(self, *_args):
            raise AssertionError("read before the size was checked")

    assert _refusal(HugeUpload(), DEFAULT_LIMITS) == "文件大小 3,072.0 MB 超过上限 10.0 MB"
    upload = io.BytesIO(hostile.valid())
    upload.read()  # a file already read to the end is read again from the start
    assert [n for n, _v in iter_first_sheet(upload)] == [1, 2]
