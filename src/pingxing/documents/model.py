"""An official document (公文) as plain data, laid out later per GB/T 9704-2012.

Pure Python: no Django import. The renderers (``to_pdf.render_pdf``,
``to_docx.render_docx``) take an ``OfficialDocument`` and return bytes; the builders
(``builders.py``) make one from plain campaign data.

Headings are numbered by ``numbered_body`` in the order the standard prescribes:
level 1 "一、", level 2 "（一）", level 3 "1." and level 4 "（1）".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

HeadingLevel = Literal[1, 2, 3, 4]

_DIGITS = "零一二三四五六七八九"
# 〔2010〕 with the hexagonal brackets the standard asks for: never [] or （）.
_DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 99 → 九十九 (headings never need more)."""
    if not 1 <= number <= 99:
        raise ValueError(f"chinese_numeral: {number} is outside 1–99")
    tens, units = divmod(number, 10)
    text = ""
    if tens:
        text = ("" if tens == 1 else _DIGITS[tens]) + "十"
    if units:
        text += _DIGITS[units]
    return text


def format_date(value: date) -> str:
    """成文日期 in the 2012 style: Arabic numerals, no leading zeros ("2010年6月7日")."""
    return f"{value.year}年{value.month}月{value.day}日"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph (正文段落), first line indented by two characters."""

    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A structural heading (结构层次序数); the number is added when rendering."""

    text: str
    level: HeadingLevel = 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table of strings; the header row repeats on every page it spans."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: relative column widths (any positive numbers); equal widths when empty
    widths: tuple[float, ...] = ()
    #: columns whose cells are never broken across lines (a street's name, a star): they
    #: are widened to their longest cell (``layout.column_widths_mm``)
    keep_whole: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "header", tuple(self.header))
        object.__setattr__(self, "rows", tuple(tuple(row) for row in self.rows))
        object.__setattr__(self, "widths", tuple(self.widths))
        object.__setattr__(self, "keep_whole", tuple(self.keep_whole))
        if any(not 0 <= column < len(self.header) for column in self.keep_whole):
            raise ValueError(f"Table.keep_whole: {self.keep_whole!r} names a missing column")
        if not self.header:
            raise ValueError("Table.header: a table needs at least one column")
        for index, row in enumerate(self.rows, start=1):
            if len(row) != len(self.header):
                raise ValueError(
                    f"Table.rows[{index}]: {len(row)} cells for {len(self.header)} columns "
                    f"({row!r})"
                )
        if self.widths and (
            len(self.widths) != len(self.header) or min(self.widths) <= 0
        ):
            raise ValueError(
                f"Table.widths: need {len(self.header)} positive numbers, got {self.widths!r}"
            )


Block = Paragraph | Heading | Table


@dataclass(frozen=True, slots=True)
class OfficialDocument:
    """Every element of a 公文 that Pingxing issues (GB/T 9704-2012 §7).

    ``title`` may hold "\\n" where the renderer must break the title line, so that a
    long title is cut between words, never inside one.
    """

    issuer_mark: str  # 发文机关标志, e.g. "中共柯桥街道工作委员会文件"
    doc_number: str  # 发文字号, e.g. "柯桥街工委〔2010〕31号"
    title: str  # 标题
    addressee: str  # 主送机关, ends with a full-width colon
    body: tuple[Block, ...]
    signature: str  # 发文机关署名
    date: date  # 成文日期
    cc: tuple[str, ...] = ()  # 抄送机关
    printer: str = ""  # 印发机关
    print_date: date | None = None  # 印发日期

    def __post_init__(self) -> None:
        # Lists are accepted and frozen, so that a document cannot change once built.
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "cc", tuple(self.cc))
        for name in ("issuer_mark", "doc_number", "title", "addressee", "signature"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"OfficialDocument.{name}: must not be empty")
        if not _DOC_NUMBER.match(self.doc_number):
            raise ValueError(
                f"OfficialDocument.doc_number: {self.doc_number!r} is not like "
                "“柯桥街工委〔2010〕31号” (year in 〔〕, number without leading zeros or 第)"
            )
        if not self.addressee.endswith("："):
            raise ValueError(
                f"OfficialDocument.addressee: {self.addressee!r} must end with a full-width colon “：”"
            )
        for index, block in enumerate(self.body, start=1):
            if not isinstance(block, Paragraph | Heading | Table):
                raise ValueError(f"OfficialDocument.body[{index}]: {block!r} is not a block")
        if (self.printer or self.print_date) and not (self.printer and self.print_date):
            raise ValueError("OfficialDocument.printer/print_date: give both or neither")

    @property
    def date_text(self) -> str:
        return format_date(self.date)

    @property
    def print_date_text(self) -> str:
        return f"{format_date(self.print_date)}印发" if self.print_date else ""

    @property
    def cc_text(self) -> str:
        """"抄送：A，B。" — organs separated by full-width commas, ending with 。."""
        return f"抄送：{'，'.join(self.cc)}。" if self.cc else ""

    @property
    def title_lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.title.split("\n") if line.strip())


def heading_label(counters: list[int], level: int) -> str:
    """The number of a heading, from the per-level counters (1-based)."""
    number = counters[level - 1]
    if level == 1:
        return f"{chinese_numeral(number)}、"
    if level == 2:
        return f"（{chinese_numeral(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


def numbered_body(body: tuple[Block, ...]) -> Iterator[tuple[Block, str]]:
    """Yield each block with its heading number ("" for paragraphs and tables).

    A heading resets the counters of the levels below it, so that "（一）" starts again
    under each "二、".
    """
    counters = [0, 0, 0, 0]
    for block in body:
        if isinstance(block, Heading):
            counters[block.level - 1] += 1
            for lower in range(block.level, 4):
                counters[lower] = 0
            yield block, heading_label(counters, block.level)
        else:
            yield block, ""
