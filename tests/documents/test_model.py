"""The document model and the GB/T 9704-2012 measures: pure, no rendering."""

from __future__ import annotations

from datetime import date

import pytest

from pingxing.documents.layout import (
    MM_TO_PT,
    TYPE_WIDTH_MM,
    issuer_mark_size,
    signature_placement,
    text_width,
)
from pingxing.documents.model import (
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    chinese_numeral,
    format_date,
    numbered_body,
)


def make_document(**overrides) -> OfficialDocument:
    fields = {
        "issuer_mark": "中共柯桥街道工作委员会文件",
        "doc_number": "柯桥街工委〔2010〕31号",
        "title": "关于开展“评星晋级”活动的意见",
        "addressee": "各社区(居)党组织：",
        "body": [Paragraph("正文。")],
        "signature": "中共柯桥街道工作委员会",
        "date": date(2010, 6, 7),
    }
    return OfficialDocument(**(fields | overrides))


def test_date_is_written_with_arabic_numerals_without_leading_zeros():
    assert format_date(date(2010, 6, 7)) == "2010年6月7日"
    assert make_document().date_text == "2010年6月7日"


def test_chinese_numerals_for_headings():
    assert [chinese_numeral(n) for n in (1, 10, 12, 20, 21)] == ["一", "十", "十二", "二十", "二十一"]


@pytest.mark.parametrize("number", ["柯桥街工委[2010]31号", "柯桥街工委（2010）31号", "柯桥街工委〔2010〕031号"])
def test_document_number_needs_hexagonal_brackets_and_no_leading_zero(number):
    with pytest.raises(ValueError, match="doc_number"):
        make_document(doc_number=number)


def test_addressee_must_end_with_a_full_width_colon():
    with pytest.raises(ValueError, match="addressee"):
        make_document(addressee="各社区(居)党组织:")


def test_printer_and_print_date_go_together():
    with pytest.raises(ValueError, match="printer/print_date"):
        make_document(printer="街道办公室")


def test_table_rows_must_have_one_cell_per_column():
    with pytest.raises(ValueError, match=r"Table.rows\[2\]"):
        Table(header=("序号", "组织名称"), rows=(("1", "笛扬社区党委"), ("2",)))


def test_body_is_frozen_into_a_tuple():
    doc = make_document(body=[Paragraph("一"), Paragraph("二")])
    assert doc.body == (Paragraph("一"), Paragraph("二"))


def test_cc_line_lists_organs_with_commas_and_a_full_stop():
    doc = make_document(cc=["县委组织部", "县委宣传部"])
    assert doc.cc_text == "抄送：县委组织部，县委宣传部。"


def test_headings_are_numbered_per_level_and_restart_under_a_new_parent():
    body = (
        Heading("总体要求"),
        Heading("目标", level=2),
        Heading("要求", level=2),
        Heading("细则", level=3),
        Paragraph("正文"),
        Heading("主要内容"),
        Heading("社区", level=2),
        Heading("分项", level=4),
    )
    labels = [label for _, label in numbered_body(body)]
    assert labels == ["一、", "（一）", "（二）", "1.", "", "二、", "（一）", "（1）"]


def test_signature_stands_two_cells_in_and_the_date_starts_two_cells_after_it():
    place = signature_placement("中共柯桥街道工作委员会", "2010年6月7日")
    assert place.signature_right == 2
    signature_start = 28 - 2 - 11
    date_start = 28 - place.date_right - text_width("2010年6月7日")
    assert date_start == signature_start + 2


def test_a_date_longer_than_the_signature_stands_two_cells_in():
    place = signature_placement("街道办", "2010年12月28日")
    assert place.date_right == 2
    assert 28 - place.signature_right - 3 == 28 - 2 - text_width("2010年12月28日") - 2


@pytest.mark.parametrize(
    "mark", ["柯桥街道文件", "中共柯桥街道工作委员会文件", "绍兴县基层党组织“评星晋级”工作领导小组办公室文件"]
)
def test_issuer_mark_fits_the_type_width(mark):
    size = issuer_mark_size(mark)
    assert size.font_pt * size.scale_x * text_width(mark) <= TYPE_WIDTH_MM * MM_TO_PT
    assert 0.7 <= size.scale_x <= 1


def test_licensed_font_files_are_found_by_their_usual_names(tmp_path):
    from pingxing.documents.fonts import licensed_fonts

    for name in ("FZXiaoBiaoSong-B05S.ttf", "仿宋_GB2312.TTF", "simhei.ttf", "readme.txt"):
        (tmp_path / name).write_bytes(b"")
    found = licensed_fonts(str(tmp_path))
    assert {face: path.name for face, path in found.items()} == {
        "小标宋": "FZXiaoBiaoSong-B05S.ttf", "仿宋": "仿宋_GB2312.TTF", "黑体": "simhei.ttf",
    }
    assert licensed_fonts(str(tmp_path / "missing")) == {}
    assert licensed_fonts("") == {}
