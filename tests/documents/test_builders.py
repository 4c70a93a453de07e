"""Builders turn plain campaign data into the results notice and the year-end report."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from pingxing.documents.builders import (
    StarMove,
    change_label,
    results_document,
    star_label,
    year_end_report_document,
)
from pingxing.documents.model import Heading, Paragraph, Table
from pingxing.documents.to_docx import render_docx


def _tables(doc) -> list[Table]:
    return [block for block in doc.body if isinstance(block, Table)]


def _text(doc) -> str:
    return "".join(block.text for block in doc.body if isinstance(block, Paragraph | Heading))


def test_star_and_change_labels():
    assert [star_label(s) for s in (5, 1, 0)] == ["五星级", "一星级", "未定星"]
    assert [change_label(c) for c in (1, -2, 0, None)] == ["晋升一星", "降低二星", "保持", "首次评定"]


def test_results_notice_title_and_issuer(issuer, rows):
    doc = results_document(year=2010, issuer=issuer, rows=rows)
    assert doc.title.replace("\n", "") == "关于公布2010年度城市社区党组织“评星晋级”评定结果的通知"
    assert doc.issuer_mark == issuer.mark
    assert doc.doc_number == issuer.doc_number
    assert doc.signature == issuer.name
    assert doc.cc == issuer.cc


def test_results_are_listed_five_stars_first_and_numbered(issuer, rows):
    doc = results_document(year=2010, issuer=issuer, rows=rows)
    (table,) = _tables(doc)
    assert table.header == ("序号", "组织名称", "所属街道", "星级", "变化")
    assert [row[0] for row in table.rows] == [str(n) for n in range(1, 31)]
    order = ["五星级", "四星级", "三星级", "二星级", "一星级", "未定星"]
    stars = [order.index(row[3]) for row in table.rows]
    assert stars == sorted(stars)
    assert {row[1] for row in table.rows} == {row.org for row in rows}


def test_results_notice_counts_each_star_and_states_the_shares(issuer, rows):
    doc = results_document(year=2010, issuer=issuer, rows=rows)
    text = _text(doc)
    assert "共评定城市社区党组织30个，其中五星级5个、四星级5个、三星级5个、二星级5个、一星级5个、未定星5个" in text
    assert "三星级以上占50.0%，五星级占16.7%" in text


def test_results_with_a_star_out_of_range_name_the_organization(issuer, rows):
    rows[3] = rows[3]._replace(star=6)
    with pytest.raises(ValueError, match=rf"rows\[4\] \({rows[3].org}\)"):
        results_document(year=2010, issuer=issuer, rows=rows)


def test_results_need_at_least_one_row(issuer):
    with pytest.raises(ValueError, match="results_document.rows"):
        results_document(year=2010, issuer=issuer, rows=[])


def _report(issuer, **overrides):
    data = {
        "year": 2010,
        "issuer": issuer,
        "counts_by_star": {5: 6, 4: 8, 3: 10, 2: 4, 1: 1, 0: 1},
        "counts_by_street": {"柯桥街道": {5: 4, 4: 4, 3: 6}, "柯岩街道": {5: 2, 4: 4, 3: 4, 2: 4, 1: 1, 0: 1}},
        "upgrades": [("笛扬社区党委", "柯桥街道", 4, 5)],
        "downgrades": [StarMove("西官社区党总支", "柯岩街道", 3, 2)],
        "commended": [("笛扬社区党委", "柯桥街道"), ("大渡社区党总支", "柯岩街道")],
    }
    return year_end_report_document(**(data | overrides))


def test_year_end_report_counts_by_star_and_by_street(issuer):
    doc = _report(issuer)
    assert doc.title.replace("\n", "") == "关于2010年度基层党组织“评星晋级”工作情况的通报"
    text = _text(doc)
    assert "共评定基层党组织30个，其中五星级6个、四星级8个、三星级10个" in text
    assert "三星级以上24个，占80.0%；五星级占20.0%" in text
    streets = _tables(doc)[0]
    assert streets.rows == (
        ("柯桥街道", "4", "4", "6", "0", "0", "0", "14"),
        ("柯岩街道", "2", "4", "4", "4", "1", "1", "16"),
    )


def test_year_end_report_lists_moves_and_commends_five_star_organizations(issuer):
    doc = _report(issuer)
    _, ups, downs = _tables(doc)
    assert ups.rows == (("1", "笛扬社区党委", "柯桥街道", "四星级", "五星级"),)
    assert downs.rows == (("1", "西官社区党总支", "柯岩街道", "三星级", "二星级"),)
    text = _text(doc)
    assert "晋级1个，降级1个" in text
    assert "决定对笛扬社区党委（柯桥街道）、大渡社区党总支（柯岩街道）等2个五星级党组织予以通报表彰" in text


def test_year_end_report_without_moves_or_five_stars_says_so(issuer):
    doc = _report(issuer, upgrades=[], downgrades=[], commended=[])
    assert len(_tables(doc)) == 1
    assert "本年度无五星级党组织，不予表彰" in _text(doc)


def test_an_upgrade_that_goes_down_is_refused(issuer):
    with pytest.raises(ValueError, match=r"upgrades\[1\] \(笛扬社区党委\)"):
        _report(issuer, upgrades=[("笛扬社区党委", "柯桥街道", 5, 4)])


def test_year_end_report_renders_to_docx_with_every_commended_name(issuer):
    document = Document(io.BytesIO(render_docx(_report(issuer))))
    text = re.sub(r"\s+", "", "".join(p.text for p in document.paragraphs))
    assert "大渡社区党总支（柯岩街道）" in text
    assert "（一）晋级名单" in text
