"""GB/T 9704-2012 measures shared by the PDF and DOCX renderers.

Lengths are in millimetres (``_MM``) or points (``_PT``). The numbers are the standard's:
A4 paper, type area (版心) 156 × 225 mm with the top margin (天头) 37 mm and the left
margin (订口) 28 mm; body text 3号 (16 pt) with 22 lines of 28 characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fonts import FANGSONG, HEITI, KAITI, Face

MM_TO_PT = 72 / 25.4

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_RIGHT_MM = 26
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
TYPE_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TYPE_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
SMALL_PT = 14  # 4号: page numbers, 版记, tables
# 225 mm / 22 lines is 28.99 pt; a hair less keeps the 22nd line on the page.
LINE_PT = 28.95
# 156 mm / 28 characters: each 16 pt character is pulled 0.2 pt closer.
CHAR_PT = TYPE_WIDTH_MM * MM_TO_PT / CHARS_PER_LINE
CHAR_MM = TYPE_WIDTH_MM / CHARS_PER_LINE

#: 发文机关标志 top edge below the type area's top edge (平行文、下行文, §7.2.2)
ISSUER_TOP_MM = 35
#: 红色分隔线 below the 发文字号 (§7.2.4)
RULE_GAP_MM = 4
#: page number's top edge below the type area (§7.5)
PAGE_NUMBER_GAP_MM = 7

RED = "E60012"  # the red of 红头文件 (pure red is also used)
THICK_RULE_MM = 0.35  # 版记 first and last lines
THIN_RULE_MM = 0.25  # 版记 middle lines

#: face and weight of each heading level: 一、黑体 （一）楷体 1.仿宋加粗 （1）仿宋
HEADING_FACES: dict[int, tuple[Face, bool]] = {
    1: (HEITI, False),
    2: (KAITI, False),
    3: (FANGSONG, True),
    4: (FANGSONG, False),
}


def text_width(text: str) -> float:
    """Width in character cells: half-width (ASCII) characters count for a half."""
    return sum(0.5 if ord(char) < 0x2000 else 1.0 for char in text)


@dataclass(frozen=True, slots=True)
class IssuerMarkSize:
    """Font size of the 发文机关标志 and how much it is squeezed sideways."""

    font_pt: float
    scale_x: float  # 1.0 = not squeezed


ISSUER_MAX_PT = 42.0  # ≈ 15 mm tall characters for a short name
ISSUER_MIN_SCALE = 0.7  # squeeze no narrower than 70 %, shrink instead


def issuer_mark_size(mark: str) -> IssuerMarkSize:
    """Fit the 发文机关标志 on one line of the type area, as large as possible.

    Short marks get ``ISSUER_MAX_PT``; longer ones are first squeezed sideways (as
    printers of 红头文件 do) down to ``ISSUER_MIN_SCALE``, and only then made smaller.
    """
    available_pt = TYPE_WIDTH_MM * MM_TO_PT * 0.98  # keep a little air at both ends
    natural_pt = available_pt / max(text_width(mark), 1.0)
    if natural_pt >= ISSUER_MAX_PT:
        return IssuerMarkSize(ISSUER_MAX_PT, 1.0)
    font_pt = min(ISSUER_MAX_PT, natural_pt / ISSUER_MIN_SCALE)
    return IssuerMarkSize(round(font_pt, 2), round(natural_pt / font_pt, 3))


@dataclass(frozen=True, slots=True)
class SignaturePlacement:
    """Right indents, in character cells, of the 署名 line and the 成文日期 line."""

    signature_right: float
    date_right: float


def signature_placement(signature: str, date_text: str) -> SignaturePlacement:
    """Place 署名 and 成文日期 of an unsealed document (GB/T 9704-2012 §7.3.5.2).

    The signature stands two cells from the right; the date, on the next line, starts
    two cells right of the signature's first character. If the date is too long for
    that, the date stands two cells from the right and the signature moves left.
    """
    signature_cells, date_cells = text_width(signature), text_width(date_text)
    # signature ends 2 cells from the right, the date starts 2 cells after its start
    date_right = signature_cells - date_cells
    if date_right >= 2:
        return SignaturePlacement(2.0, date_right)
    return SignaturePlacement(date_cells + 4 - signature_cells, 2.0)


#: 1.5 mm of padding on each side of a table cell, and a hair of air
CELL_PADDING_MM = 3.5


def column_widths_mm(
    header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], widths: tuple[float, ...],
    keep_whole: tuple[int, ...], *, font_pt: float = SMALL_PT, total_mm: float = TYPE_WIDTH_MM,
) -> list[float]:
    """Column widths in mm that fill ``total_mm``: the relative ``widths``, except that a
    ``keep_whole`` column is at least as wide as its longest cell on one line, the space
    it takes coming from the other columns in proportion."""
    weights = list(widths) or [1.0] * len(header)
    result = [total_mm * weight / sum(weights) for weight in weights]
    char_mm = font_pt / MM_TO_PT
    need = {
        column: max(text_width(row[column]) for row in (header, *rows)) * char_mm + CELL_PADDING_MM
        for column in keep_whole
    }
    for column, minimum in need.items():
        result[column] = max(result[column], minimum)
    fixed = sum(result[column] for column in need)
    free = [column for column in range(len(result)) if column not in need]
    free_total = sum(total_mm * weights[column] / sum(weights) for column in free)
    for column in free:
        share = total_mm * weights[column] / sum(weights) / free_total if free_total else 0
        result[column] = max(total_mm - fixed, 0) * share
    return result
