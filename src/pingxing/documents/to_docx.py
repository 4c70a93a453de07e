"""Render an ``OfficialDocument`` to DOCX with python-docx, laid out per GB/T 9704-2012.

Runs name the fonts government offices have ("方正小标宋简体", "仿宋_GB2312", "黑体",
"楷体_GB2312", "宋体") as East Asian fonts (``w:eastAsia``): Word on the recipients'
machines renders with them, and the font table gives each a Windows alternative (see
``fonts.py``). The section's document grid (文档网格) holds 22 lines of 28 characters,
as offices' Word templates do.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from .fonts import ALL_FACES, FANGSONG, HEITI, SONGTI, XIAOBIAOSONG, Face
from .layout import (
    BODY_PT,
    CHAR_PT,
    HEADING_FACES,
    ISSUER_TOP_MM,
    LINE_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MM_TO_PT,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_WIDTH_MM,
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
)
from .model import Heading, OfficialDocument, Paragraph, Table, numbered_body

# Schema order of the children we add (ECMA-376): Word refuses a file whose property
# elements are out of order, so each is inserted before its successors.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)
_RPR_AFTER_W = (
    "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
    "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
    "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
_TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
    "w:tblDescription", "w:tblPrChange",
)


def _insert(parent, tag: str, order: tuple[str, ...]):
    """Create ``tag`` under ``parent`` at its place in the schema's ``order``."""
    child = OxmlElement(tag)
    parent.insert_element_before(child, *order[order.index(tag) + 1 :])
    return child


def _eighths(mm: float) -> str:
    """A border width in eighths of a point (w:sz)."""
    return str(max(2, round(mm * MM_TO_PT * 8)))


def _set_fonts(rpr, face: Face) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), face.word)
    # “ ” and other ambiguous-width characters take the East Asian font
    fonts.set(qn("w:hint"), "eastAsia")


def _run(
    paragraph: DocxParagraph,
    text: str,
    face: Face,
    size_pt: float,
    *,
    bold: bool = False,
    color: str | None = None,
):
    run = paragraph.add_run(text)
    _set_fonts(run._element.get_or_add_rPr(), face)
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align=None,
    before_pt: float = 0,
    line_pt: float | None = LINE_PT,
    first_line_chars: float = 0,
    right_chars: float = 0,
) -> None:
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before_pt)
    fmt.space_after = Pt(0)
    if line_pt is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)
    if align is not None:
        paragraph.alignment = align
    if first_line_chars or right_chars:
        fmt.first_line_indent = Pt(first_line_chars * CHAR_PT)
        fmt.right_indent = Pt(right_chars * CHAR_PT)
        # character units too, so that the indent follows the grid in Word
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
        if first_line_chars:
            ind.set(qn("w:firstLineChars"), str(round(first_line_chars * 100)))
        if right_chars:
            ind.set(qn("w:rightChars"), str(round(right_chars * 100)))


def _border(paragraph: DocxParagraph, side: str, *, mm: float, color: str, space_pt: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = _insert(ppr, "w:pBdr", _PPR_ORDER)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), _eighths(mm))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color)
    borders.append(line)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    # the page number's top edge sits 7 mm under the type area; it is about 5 mm tall
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - 6)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PT * 20)))
    # extra space per character in 1/4096 pt: 28 characters of 16 pt fill 156 mm
    grid.set(qn("w:charSpace"), str(round((CHAR_PT - BODY_PT) * 4096)))

    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    _set_fonts(rpr, FANGSONG)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    normal.paragraph_format.space_after = Pt(0)
    _declare_fonts(document)


def _declare_fonts(document) -> None:
    """Add the Chinese fonts, with alternatives, to the DOCX font table."""
    part = next(
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype.endswith("/fontTable")
    )
    root = etree.fromstring(part.blob)
    for face in ALL_FACES:
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): face.word})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): face.word_alt})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
        etree.SubElement(font, qn("w:family"), {qn("w:val"): face.word_family})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(paragraph: DocxParagraph) -> None:
    _run(paragraph, "— ", SONGTI, SMALL_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = _run(paragraph, "", SONGTI, SMALL_PT)
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._element.append(mark)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _run(paragraph, " —", SONGTI, SMALL_PT)


def _footers(document) -> None:
    """Page numbers "— 1 —": odd pages right, even pages left, one 4号 cell in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        _format(paragraph, align=align, line_pt=None)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = Pt(SMALL_PT)
        else:
            paragraph.paragraph_format.left_indent = Pt(SMALL_PT)
        _page_number(paragraph)


def _cell_text(cell, text: str, face: Face) -> None:
    paragraph = cell.paragraphs[0]
    _format(paragraph, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=None)
    # table rows are not snapped to the body's 28.95 pt grid
    snap = _insert(paragraph._p.get_or_add_pPr(), "w:snapToGrid", _PPR_ORDER)
    snap.set(qn("w:val"), "0")
    _run(paragraph, text, face, SMALL_PT)


def _row_flags(row, *, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))  # repeat on every page


def _add_table(document, block: Table) -> DocxTable:
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(width) for width in column_widths_mm(block.header, block.rows, block.widths, block.keep_whole)]
    for index, row in enumerate(table.rows):
        _row_flags(row, header=index == 0)
        cells = block.header if index == 0 else block.rows[index - 1]
        for column, (cell, text, width) in enumerate(zip(row.cells, cells, widths, strict=True)):
            cell.width = width
            if column in block.keep_whole:  # a street's name is never broken across lines
                cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
            _cell_text(cell, text, HEITI if index == 0 else FANGSONG)
    return table


def _add_colophon(document, doc: OfficialDocument) -> None:
    """版记: 抄送 and 印发 lines between a thick rule, thin rules and a thick rule.

    A one-column table carries the rules, so that they span the full type width while
    the text stands one 4号 character in. The table floats to the bottom of the type area
    of the page it falls on (w:tblpPr), so that it stands at the foot of the last page;
    whether that page is even Word alone knows (it lays the pages out), so the PDF is the
    copy that guarantees it.
    """
    lines = [line for line in (doc.cc_text, doc.printer) if line]
    if not lines:
        return
    table = document.add_table(rows=len(lines), cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblpr = table._tbl.tblPr
    floating = _insert(tblpr, "w:tblpPr", _TBLPR_ORDER)
    for attr, value in (("w:leftFromText", "0"), ("w:rightFromText", "0"), ("w:vertAnchor", "margin"),
                        ("w:horzAnchor", "margin"), ("w:tblpXSpec", "center"), ("w:tblpYSpec", "bottom")):
        floating.set(qn(attr), value)
    overlap = _insert(tblpr, "w:tblOverlap", _TBLPR_ORDER)
    overlap.set(qn("w:val"), "never")
    borders = _insert(tblpr, "w:tblBorders", _TBLPR_ORDER)
    for side, mm in (("top", THICK_RULE_MM), ("bottom", THICK_RULE_MM), ("insideH", THIN_RULE_MM)):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), _eighths(mm))
        line.set(qn("w:color"), "000000")
        borders.append(line)
    margins = _insert(tblpr, "w:tblCellMar", _TBLPR_ORDER)
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    for row, text in zip(table.rows, lines, strict=True):
        _row_flags(row, header=False)
        cell = row.cells[0]
        cell.width = Mm(TYPE_WIDTH_MM)
        paragraph = cell.paragraphs[0]
        _format(paragraph, line_pt=LINE_PT)
        fmt = paragraph.paragraph_format
        fmt.keep_with_next = True
        fmt.right_indent = Pt(SMALL_PT)
        if text == doc.printer:
            fmt.left_indent = Pt(SMALL_PT)
            fmt.tab_stops.add_tab_stop(Pt(TYPE_WIDTH_MM * MM_TO_PT - SMALL_PT), WD_TAB_ALIGNMENT.RIGHT)
            _run(paragraph, f"{doc.printer}\t{doc.print_date_text}", FANGSONG, SMALL_PT)
        else:
            # a second line aligns with the first organ, after "抄送："
            fmt.left_indent = Pt(4 * SMALL_PT)
            fmt.first_line_indent = Pt(-3 * SMALL_PT)
            _run(paragraph, text, FANGSONG, SMALL_PT)


def render_docx(doc: OfficialDocument) -> bytes:
    """Lay ``doc`` out as an A4 Word document (.docx)."""
    document = Document()
    _setup(document)
    document.core_properties.title = "".join(doc.title_lines)
    document.core_properties.author = doc.signature

    mark = issuer_mark_size(doc.issuer_mark)
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _format(first, align=WD_ALIGN_PARAGRAPH.CENTER, before_pt=ISSUER_TOP_MM * MM_TO_PT,
            line_pt=None)
    run = _run(first, doc.issuer_mark, XIAOBIAOSONG, mark.font_pt, color=RED)
    if mark.scale_x < 1:  # character scaling (字符缩放), as printers squeeze long marks
        rpr = run._element.get_or_add_rPr()
        rpr.insert_element_before(scale := OxmlElement("w:w"), *_RPR_AFTER_W)
        scale.set(qn("w:val"), str(round(mark.scale_x * 100)))

    number = document.add_paragraph()
    _format(number, align=WD_ALIGN_PARAGRAPH.CENTER, before_pt=2 * LINE_PT)
    _run(number, doc.doc_number, FANGSONG, BODY_PT)
    # 版头中的分隔线: red, full type width, 4 mm under the 发文字号
    _border(number, "bottom", mm=0.35, color=RED, space_pt=round(RULE_GAP_MM * MM_TO_PT))

    title = document.add_paragraph()
    _format(title, align=WD_ALIGN_PARAGRAPH.CENTER, before_pt=2 * LINE_PT, line_pt=1.5 * TITLE_PT)
    for index, line in enumerate(doc.title_lines):
        run = _run(title, line, XIAOBIAOSONG, TITLE_PT)
        if index < len(doc.title_lines) - 1:
            run.add_break()

    addressee = document.add_paragraph()
    _format(addressee, before_pt=LINE_PT)
    _run(addressee, doc.addressee, FANGSONG, BODY_PT)

    last = addressee
    for block, label in numbered_body(doc.body):
        if isinstance(block, Table):
            _add_table(document, block)
            continue
        last = document.add_paragraph()
        _format(last, first_line_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        if isinstance(block, Heading):
            face, bold = HEADING_FACES[block.level]
            _run(last, label + block.text, face, BODY_PT, bold=bold)
            last.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            _run(last, block.text, FANGSONG, BODY_PT)
    last.paragraph_format.keep_with_next = True  # never a page with only the signature

    place = signature_placement(doc.signature, doc.date_text)
    signature = document.add_paragraph()
    _format(signature, align=WD_ALIGN_PARAGRAPH.RIGHT, before_pt=LINE_PT,
            right_chars=place.signature_right)
    signature.paragraph_format.keep_with_next = True
    _run(signature, doc.signature, FANGSONG, BODY_PT)
    date_line = document.add_paragraph()
    _format(date_line, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=place.date_right)
    _run(date_line, doc.date_text, FANGSONG, BODY_PT)

    if doc.cc or doc.printer:
        spacer = document.add_paragraph()
        _format(spacer)
        _add_colophon(document, doc)
    _footers(document)

    out = BytesIO()
    document.save(out)
    return out.getvalue()
