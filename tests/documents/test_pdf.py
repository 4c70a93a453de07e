"""The PDF looks like a GB/T 9704-2012 red-header document (红头文件)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from pingxing.documents.builders import year_end_report_document
from pingxing.documents.to_pdf import render_pdf

MM = 72 / 25.4
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def pdf_bytes(results_doc) -> bytes:
    return render_pdf(results_doc)


@pytest.fixture(scope="module")
def pages(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        # materialise what the tests read before the file closes
        yield [
            {
                "size": (page.width, page.height),
                "chars": page.chars,
                "rects": page.rects,
                "text": re.sub(r"\s+", "", page.extract_text()),
            }
            for page in pdf.pages
        ]


def _is_red(color) -> bool:
    return color is not None and len(color) == 3 and color[0] > 0.85 and max(color[1:]) < 0.15


def test_every_page_is_a4_and_the_results_table_spans_pages(pages):
    assert len(pages) >= 2
    for page in pages:
        assert page["size"] == pytest.approx(A4, abs=1)


def test_issuer_mark_is_red_and_starts_35mm_into_the_type_area(pages, results_doc):
    mark_chars = [c for c in pages[0]["chars"] if c["text"] in results_doc.issuer_mark]
    red = [c for c in mark_chars if _is_red(c["non_stroking_color"])]
    assert "".join(c["text"] for c in red) == results_doc.issuer_mark
    top = min(c["top"] for c in red)
    assert top >= 37 * MM
    assert top == pytest.approx((37 + 35) * MM, abs=5 * MM)
    # centred and inside the 156 mm type width
    left, right = min(c["x0"] for c in red), max(c["x1"] for c in red)
    assert left >= 28 * MM - 1 and right <= (210 - 26) * MM + 1
    assert (left + right) / 2 == pytest.approx((28 + 156 / 2) * MM, abs=3)


def test_document_number_and_title_are_on_the_first_page(pages):
    text = pages[0]["text"]
    assert "柯桥街工委〔2011〕5号" in text
    assert "关于公布2010年度城市社区党组织“评星晋级”评定结果的通知" in text


def test_a_red_rule_as_wide_as_the_type_area_separates_the_header(pages):
    red_rules = [r for r in pages[0]["rects"] if _is_red(r["non_stroking_color"])]
    assert any(r["width"] == pytest.approx(156 * MM, abs=2) for r in red_rules)


def test_every_organization_of_the_results_table_is_listed(pages, results_doc):
    text = "".join(page["text"] for page in pages)
    table = next(block for block in results_doc.body if hasattr(block, "rows"))
    assert len(table.rows) == 30
    for row in table.rows:
        assert row[1] in text


def _body_lines(page) -> list[list]:
    lines: dict[int, list] = {}
    for char in page["chars"]:
        if round(char["size"]) == 16:  # 3号 body text
            lines.setdefault(round(char["top"]), []).append(char)
    return list(lines.values())


def test_body_text_starts_at_the_28mm_left_margin(pages, results_doc):
    centred_or_right = {results_doc.doc_number, results_doc.signature, results_doc.date_text}
    starts = [
        min(c["x0"] for c in line)
        for page in pages
        for line in _body_lines(page)
        if "".join(c["text"] for c in line) not in centred_or_right
    ]
    margin, indented = 28 * MM, 28 * MM + 2 * 156 * MM / 28
    assert min(starts) == pytest.approx(margin, abs=3)
    # every other line is a first line (or heading) indented by two characters
    assert all(abs(x - margin) < 3 or abs(x - indented) < 3 for x in starts)


def test_body_lines_hold_28_characters(pages):
    # lines of full-width characters from the left margin to the right edge of the type area
    full = [
        line
        for page in pages
        for line in _body_lines(page)
        if min(c["x0"] for c in line) < 28 * MM + 3
        and max(c["x1"] for c in line) > (28 + 150) * MM
        and all(ord(c["text"]) > 0x2000 for c in line)
    ]
    assert full
    assert all(len(line) == 28 for line in full)


def test_body_lines_are_spaced_for_22_lines_per_page(pages):
    tops = sorted(min(c["top"] for c in line) for line in _body_lines(pages[0]))
    steps = [round(b - a, 1) for a, b in zip(tops, tops[1:], strict=False)]
    # within a paragraph, one line every 225 mm / 22
    assert max(set(steps), key=steps.count) == pytest.approx(225 * MM / 22, abs=0.2)


def test_pages_are_numbered_with_dashes(pages):
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in page["text"]


def test_colophon_closes_the_last_page_at_the_bottom(pages):
    last = pages[-1]
    assert "抄送：县委组织部" in last["text"]
    assert "2011年1月21日印发" in last["text"]
    printed = [c for c in last["chars"] if c["text"] == "印"]
    assert max(c["bottom"] for c in printed) > (297 - 35 - 15) * MM


def test_every_font_is_embedded(pdf_bytes):
    fonts = {}
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descriptor_owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descriptor_owner["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name


def test_a_long_issuer_mark_is_squeezed_into_the_type_width(issuer):
    mark = "绍兴县基层党组织“评星晋级”工作领导小组办公室文件"
    doc = year_end_report_document(
        year=2010,
        issuer=replace(issuer, mark=mark, doc_number="县评星办〔2010〕3号", date=date(2010, 12, 28)),
        counts_by_star={5: 1, 3: 1},
        counts_by_street={"柯桥街道": {5: 1, 3: 1}},
    )
    with pdfplumber.open(io.BytesIO(render_pdf(doc))) as pdf:
        red = [c for c in pdf.pages[0].chars if _is_red(c["non_stroking_color"])]
    assert "".join(c["text"] for c in red) == mark
    left, right = min(c["x0"] for c in red), max(c["x1"] for c in red)
    assert left >= 28 * MM - 1 and right <= (210 - 26) * MM + 1
    assert (left + right) / 2 == pytest.approx((28 + 156 / 2) * MM, abs=3)
