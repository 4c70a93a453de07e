"""Render an ``OfficialDocument`` to PDF with WeasyPrint, laid out per GB/T 9704-2012.

The HTML and CSS are generated here from the measures in ``layout.py``; fonts come from
fontconfig (see ``fonts.py``), or from the office's licensed font files in
$PINGXING_FONT_DIR, and WeasyPrint embeds the subsets it uses. Nothing else is fetched:
the URL fetcher refuses every URL but those font files.

The 版记 stands at the foot of the last page, which must be an even page (GB/T 9704-2012
§7.4.1 and §7.5): when the document comes out with an odd number of pages, it is laid out
again with the 版记 alone at the foot of the next even page (after a blank page when the
body ends on an even page without room for it); these pages carry no page number.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from .fonts import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG, Face, licensed_fonts
from .layout import (
    BODY_PT,
    CHAR_MM,
    CHAR_PT,
    HEADING_FACES,
    ISSUER_TOP_MM,
    LINE_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MM_TO_PT,
    PAGE_NUMBER_GAP_MM,
    RED,
    RULE_GAP_MM,
    SMALL_PT,
    THICK_RULE_MM,
    THIN_RULE_MM,
    TITLE_PT,
    TYPE_WIDTH_MM,
    column_widths_mm,
    issuer_mark_size,
    signature_placement,
    text_width,
)
from .model import Heading, OfficialDocument, Paragraph, Table, numbered_body


def _fetcher(allowed: Mapping[str, Path]):
    """A URL fetcher that serves the licensed font files and refuses everything else."""
    allowed_urls = {path.as_uri(): path for path in allowed.values()}

    def fetch(url: str) -> Any:
        path = allowed_urls.get(url)
        if path is None:
            raise ValueError(f"official documents load nothing from outside: {url}")
        try:  # WeasyPrint ≥ 66
            from weasyprint.urls import URLFetcherResponse
        except ImportError:
            return {"string": path.read_bytes(), "redirected_url": url}
        return URLFetcherResponse(url, body=path.read_bytes())

    return fetch


def _family(face: Face, licensed: Mapping[str, Path]) -> str:
    """The face's CSS family list, the licensed font (when installed) first."""
    if face.name_zh in licensed:
        return f'"Pingxing {face.name_zh}", {face.css}'
    return face.css


def _font_faces(licensed: Mapping[str, Path]) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "Pingxing {name}"; src: url("{path.as_uri()}"); }}'
        for name, path in licensed.items()
    )


def _css(doc: OfficialDocument, licensed: Mapping[str, Path] | None = None) -> str:
    licensed = licensed or {}
    faces = {face.name_zh: _family(face, licensed) for face in (FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG)}
    mark = issuer_mark_size(doc.issuer_mark)
    mark_width = mark.font_pt * text_width(doc.issuer_mark)
    overflow = max(0.0, (mark_width - TYPE_WIDTH_MM * MM_TO_PT) / 2)
    # letter-spacing that makes 28 body characters fill exactly the 156 mm line
    tracking = CHAR_PT - BODY_PT - 0.01
    page_number = f"""
        content: "— " counter(page) " —";
        font-family: {faces[SONGTI.name_zh]}; font-size: {SMALL_PT}pt;
        vertical-align: top; padding-top: {PAGE_NUMBER_GAP_MM}mm;"""
    heading_rules = "\n".join(
        f"h2.level{level} {{ font-family: {faces[face.name_zh]}; "
        f"font-weight: {700 if bold else face.css_weight}; }}"
        for level, (face, bold) in HEADING_FACES.items()
    )
    return f"""
{_font_faces(licensed)}
@page {{
    size: A4;
    margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
    @footnote {{ margin-top: {LINE_PT}pt; }}
}}
/* odd pages: number on the right, one 4号 cell in; even pages: on the left */
@page :right {{ @bottom-right {{ {page_number} padding-right: {SMALL_PT}pt; }} }}
@page :left {{ @bottom-left {{ {page_number} padding-left: {SMALL_PT}pt; }} }}
/* the 版记 alone on an even (left) page; it and a blank page before it carry no number (§7.5) */
@page colophon:left {{ @bottom-left {{ content: none; }} }}
@page :blank {{ @bottom-left {{ content: none; }} @bottom-right {{ content: none; }} }}
.colophon-page {{ page: colophon; break-before: left; }}
html {{ font-family: {faces[FANGSONG.name_zh]}; font-weight: {FANGSONG.css_weight};
        font-size: {BODY_PT}pt; line-height: {LINE_PT}pt; color: #000; }}
body {{ margin: 0; letter-spacing: {tracking:.3f}pt; }}
p, h1, h2, div {{ margin: 0; padding: 0; }}
.issuer {{ padding-top: {ISSUER_TOP_MM}mm; text-align: center; color: #{RED};
           font-family: {faces[XIAOBIAOSONG.name_zh]}; font-weight: {XIAOBIAOSONG.css_weight};
           font-size: {mark.font_pt}pt; line-height: 1; letter-spacing: 0; white-space: nowrap; }}
/* the unsqueezed mark is wider than the line: equal negative margins keep it centred */
.issuer span {{ display: inline-block; width: {mark_width:.2f}pt;
                margin: 0 {-overflow:.2f}pt; transform: scaleX({mark.scale_x});
                transform-origin: 50% 50%; }}
.number {{ margin-top: {2 * LINE_PT}pt; text-align: center; line-height: 1.25; }}
.rule {{ margin-top: {RULE_GAP_MM}mm; width: {TYPE_WIDTH_MM}mm;
         border-top: 1pt solid #{RED}; height: 0; }}
h1 {{ margin-top: {2 * LINE_PT}pt; text-align: center; font-size: {TITLE_PT}pt;
      line-height: {1.5 * TITLE_PT}pt; letter-spacing: 0;
      font-family: {faces[XIAOBIAOSONG.name_zh]}; font-weight: {XIAOBIAOSONG.css_weight}; }}
.addressee {{ margin-top: {LINE_PT}pt; }}
p.body, h2 {{ text-indent: {2 * CHAR_MM:.3f}mm; text-align: justify; font-size: {BODY_PT}pt;
              break-after: auto; }}
h2 {{ break-after: avoid; }}
{heading_rules}
table {{ width: 100%; table-layout: fixed; border-collapse: collapse; margin: {LINE_PT / 2}pt 0;
         font-size: {SMALL_PT}pt; line-height: 1.45; letter-spacing: 0; }}
thead {{ display: table-header-group; }}
th {{ font-family: {faces[HEITI.name_zh]}; font-weight: {HEITI.css_weight}; }}
th, td {{ border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: center; }}
tr {{ break-inside: avoid; }}
/* a street's name, a star: never broken across lines (the column is made wide enough) */
td.whole, th.whole {{ white-space: nowrap; }}
/* never a page with only the signature: it keeps the last paragraph with it */
.sign {{ margin-top: {LINE_PT}pt; break-inside: avoid; break-before: avoid; }}
.sign p {{ text-align: right; }}
/* 版记: a footnote of the last page, so that it sits at the bottom of the type area */
.colophon {{ float: footnote; font-size: {SMALL_PT}pt; line-height: {LINE_PT}pt;
             letter-spacing: 0; border-top: {THICK_RULE_MM}mm solid #000;
             border-bottom: {THICK_RULE_MM}mm solid #000; }}
.colophon::footnote-call, .colophon::footnote-marker {{ content: none; }}
.colophon .cc, .colophon .printed {{ display: block; padding: 0 {SMALL_PT}pt; }}
/* a second line of 抄送 aligns with the first organ, after "抄送：" */
.colophon .cc {{ border-bottom: {THIN_RULE_MM}mm solid #000;
                 padding-left: {4 * SMALL_PT}pt; text-indent: {-3 * SMALL_PT}pt; }}
.colophon .printed {{ display: flex; justify-content: space-between; }}
/* a long 印发机关 wraps on the left; the 印发日期 stays whole on the right */
.colophon .printed .date {{ flex: none; white-space: nowrap; padding-left: {SMALL_PT}pt; }}
"""


def _block_html(block: Paragraph | Heading | Table, label: str) -> str:
    if isinstance(block, Heading):
        return f'<h2 class="level{block.level}">{escape(label + block.text)}</h2>'
    if isinstance(block, Paragraph):
        return f'<p class="body">{escape(block.text)}</p>'
    widths = column_widths_mm(block.header, block.rows, block.widths, block.keep_whole)
    columns = "<colgroup>" + "".join(f'<col style="width: {width:.2f}mm">' for width in widths) + "</colgroup>"

    whole = ' class="whole"'

    def cells(tag: str, row: tuple[str, ...]) -> str:
        return "".join(
            f"<{tag}{whole if index in block.keep_whole else ''}>{escape(cell)}</{tag}>"
            for index, cell in enumerate(row)
        )

    head = cells("th", block.header)
    rows = "".join(f"<tr>{cells('td', row)}</tr>" for row in block.rows)
    return f"<table>{columns}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _colophon_html(doc: OfficialDocument) -> str:
    if not (doc.cc or doc.printer):
        return ""
    parts = []
    if doc.cc:
        parts.append(f'<span class="cc">{escape(doc.cc_text)}</span>')
    if doc.printer:
        parts.append(
            f'<span class="printed"><span class="printer">{escape(doc.printer)}</span>'
            f'<span class="date">{escape(doc.print_date_text)}</span></span>'
        )
    # spans, because a footnote must sit inside a paragraph
    return f'<span class="colophon">{"".join(parts)}</span>'


def document_html(
    doc: OfficialDocument, *, colophon_page: bool = False, licensed: Mapping[str, Path] | None = None
) -> str:
    """The HTML (with its CSS) that ``render_pdf`` lays out; with ``colophon_page`` the
    版记 stands alone at the foot of a page of its own."""
    body = "\n".join(_block_html(block, label) for block, label in numbered_body(doc.body))
    place = signature_placement(doc.signature, doc.date_text)
    title = "<br>".join(escape(line) for line in doc.title_lines)
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<title>{escape(" ".join(doc.title_lines))}</title>
<style>{_css(doc, licensed)}</style></head>
<body>
<div class="issuer"><span>{escape(doc.issuer_mark)}</span></div>
<div class="number">{escape(doc.doc_number)}</div>
<div class="rule"></div>
<h1>{title}</h1>
<p class="addressee">{escape(doc.addressee)}</p>
{body}
<div class="sign">
<p style="padding-right: {place.signature_right * CHAR_MM:.2f}mm">{escape(doc.signature)}</p>
<p style="padding-right: {place.date_right * CHAR_MM:.2f}mm">{escape(doc.date_text)}</p>
</div>
<p{' class="colophon-page"' if colophon_page else ''}>{_colophon_html(doc)}</p>
</body></html>"""


def render_pdf(doc: OfficialDocument, *, font_dir: str | None = None) -> bytes:
    """Lay ``doc`` out as an A4 PDF with embedded (subset) fonts, its 版记 on an even last
    page. ``font_dir`` overrides $PINGXING_FONT_DIR (the licensed fonts' folder)."""
    from weasyprint import HTML  # heavy import, only when a PDF is wanted

    licensed = licensed_fonts(font_dir)
    fetch = _fetcher(licensed)
    laid_out = HTML(string=document_html(doc, licensed=licensed), url_fetcher=fetch).render()
    if (doc.cc or doc.printer) and len(laid_out.pages) % 2:
        laid_out = HTML(string=document_html(doc, colophon_page=True, licensed=licensed),
                        url_fetcher=fetch).render()
    return laid_out.write_pdf()
