"""GB/T 9704 placement in the PDF: the list starts on page 1, the 版记 ends an even page,
street names stay whole in table cells, and the office's licensed fonts are used when installed."""

from __future__ import annotations

import io
import re
import shutil

import pdfplumber
import pytest
from doc_samples import BASIS, make_issuer, make_rows
from pypdf import PdfReader

from pingxing.documents.builders import ResultRow, results_document
from pingxing.documents.layout import column_widths_mm
from pingxing.documents.to_pdf import render_pdf

MM = 72 / 25.4


def _pages(pdf: bytes) -> list[dict]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [{"text": page.extract_text(), "chars": page.chars} for page in document.pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_first_page_holds_the_start_of_the_list():
    doc = results_document(year=2010, issuer=make_issuer(), rows=make_rows(), basis=BASIS)
    first = _flat(_pages(render_pdf(doc))[0]["text"])
    table = next(block for block in doc.body if hasattr(block, "rows"))
    assert "序号组织名称所属街道星级变化" in first
    assert table.rows[0][1] in first  # the first organization of the list


def _colophon_page(pages: list[dict]) -> int:
    return next(number for number, page in enumerate(pages, start=1) if "印发" in page["text"])


def test_the_colophon_stands_at_the_foot_of_an_even_last_page():
    # 3 rows end the body on page 3: the 版记 goes alone to page 4, which has no number
    short = results_document(year=2010, issuer=make_issuer(), rows=make_rows()[:3], basis=BASIS)
    pages = _pages(render_pdf(short))
    assert len(pages) % 2 == 0 and _colophon_page(pages) == len(pages)
    printed = [c for c in pages[-1]["chars"] if c["text"] == "印"]
    assert max(c["bottom"] for c in printed) > (297 - 35 - 15) * MM
    assert f"—{len(pages)}—" not in _flat(pages[-1]["text"])
    assert "特此通知" not in _flat(pages[-1]["text"])


def test_a_document_that_ends_on_an_even_page_keeps_its_colophon_there():
    doc = results_document(year=2010, issuer=make_issuer(), rows=make_rows(), basis=BASIS)
    pages = _pages(render_pdf(doc))
    assert len(pages) % 2 == 0 and _colophon_page(pages) == len(pages)
    assert "特此通知" in _flat(pages[-1]["text"])  # same page as the body's end: no page wasted


def test_a_long_street_name_is_never_broken_in_a_table_cell():
    street = "柯桥经济开发区街道党工委"
    rows = [ResultRow(f"第{n}社区党支部", street, 3, 0) for n in range(1, 6)]
    doc = results_document(year=2010, issuer=make_issuer(), rows=rows)
    pages = _pages(render_pdf(doc))
    lines = [line for page in pages for line in page["text"].splitlines() if "柯桥经济" in line]
    assert len(lines) == 5
    assert all(street in line.replace(" ", "") for line in lines)


def test_keep_whole_columns_are_widened_from_the_others():
    header = ("序号", "组织名称", "所属街道")
    widths = column_widths_mm(header, (("1", "笛扬社区党总支", "柯桥经济开发区街道党工委"),), (1, 5, 2), (2,))
    assert sum(widths) == pytest.approx(156)
    assert widths[2] >= 12 * 14 / MM  # twelve 4号 characters on one line
    assert widths[1] / widths[0] == pytest.approx(5)


def _font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_licensed_fonts_in_the_configured_folder_are_embedded(tmp_path, monkeypatch):
    # a CJK font file named as the office's licensed 黑体 stands for it here
    shutil.copy("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", tmp_path / "simhei.ttc")
    doc = results_document(year=2010, issuer=make_issuer(), rows=make_rows()[:2])
    monkeypatch.delenv("PINGXING_FONT_DIR", raising=False)
    before = _font_names(render_pdf(doc))
    assert any("Noto-Sans-CJK" in name for name in before)
    assert not any("Pingxing" in name for name in before)
    monkeypatch.setenv("PINGXING_FONT_DIR", str(tmp_path))
    after = _font_names(render_pdf(doc))
    assert any(name.endswith("Pingxing-黑体") for name in after)
    assert not any("Noto-Sans-CJK" in name for name in after)  # 黑体 no longer stands in
