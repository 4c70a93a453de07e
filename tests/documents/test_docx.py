"""The DOCX opens in python-docx with the GB/T 9704-2012 page and the header elements."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from pingxing.documents.to_docx import _PPR_ORDER, _TBLPR_ORDER, render_docx


@pytest.fixture(scope="module")
def document(results_doc):
    return Document(io.BytesIO(render_docx(results_doc)))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return re.sub(r"\s+", "", "".join(parts))


def test_page_is_a4_with_the_standard_margins(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.right_margin - Mm(26)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)


def test_grid_holds_22_lines_of_28_characters(document):
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert int(grid.get(qn("w:linePitch"))) * 22 / 20 == pytest.approx(225 * 72 / 25.4, abs=2)
    pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert pitch * 28 == pytest.approx(156 * 72 / 25.4, abs=0.5)


def test_issuer_mark_is_a_red_run_in_xiaobiaosong(document, results_doc):
    first = document.paragraphs[0]
    run = first.runs[0]
    assert run.text == results_doc.issuer_mark
    assert run.font.color.rgb == RGBColor(0xE6, 0x00, 0x12)
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_number_title_and_every_organization_are_present(document, results_doc):
    text = _all_text(document)
    assert "柯桥街工委〔2011〕5号" in text
    assert "关于公布2010年度城市社区党组织“评星晋级”评定结果的通知" in text
    table = next(block for block in results_doc.body if hasattr(block, "rows"))
    for row in table.rows:
        assert row[1] in text
    assert "抄送：县委组织部，县基层党组织“评星晋级”工作领导小组办公室。" in text


def test_body_runs_name_fangsong_as_east_asian_font(document):
    body = next(p for p in document.paragraphs if p.text.startswith("根据"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent > 0


def test_results_table_repeats_its_header_row(document):
    results = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    assert results.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(results.rows) == 31


def test_odd_and_even_footers_carry_the_page_number(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert "PAGE" in xml
        assert footer.paragraphs[0].text.startswith("—")


def test_property_elements_follow_the_schema_order(document):
    # Word refuses a file whose pPr / tblPr children are out of order
    def in_order(parent, order):
        names = [child.tag.replace(qn("w:"), "w:") for child in parent]
        positions = [order.index(name) for name in names]
        return positions == sorted(positions)

    body = document.element.body
    assert all(in_order(ppr, _PPR_ORDER) for ppr in body.iter(qn("w:pPr")))
    assert all(in_order(tblpr, _TBLPR_ORDER) for tblpr in body.iter(qn("w:tblPr")))
