"""Spreadsheets made to hurt: zip bombs, entity expansion, external entities, absurd sizes,
and files that are simply broken. Each builder returns the bytes of an upload.

Written part by part with zipfile (openpyxl would refuse to write most of them), so the
files are exactly as an attacker would craft them. Used by tests/core/test_xlsx_limits.py,
tests/test_no_500.py and benchmarks/imports.py.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CT_BOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MiB = 1024 * 1024


# --------------------------------------------------------------------------- the skeleton
def column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: Iterable[Iterable[object]], *, dimension: str | None = None, prolog: str = HEAD) -> str:
    body = "".join(
        f'<row r="{r}">' + "".join(cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(values, start=1)
                                   if v is not None) + "</row>"
        for r, values in enumerate(rows, start=1)
    )
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'{prolog}<worksheet xmlns="{MAIN}">{dim}<sheetData>{body}</sheetData></worksheet>'


def workbook_xml(titles: list[str], *, prolog: str = HEAD) -> str:
    sheets = "".join(f'<sheet name="{t}" sheetId="{i}" r:id="rId{i}"/>' for i, t in enumerate(titles, start=1))
    return f'{prolog}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sheets}</sheets></workbook>'


def xlsx(sheets: list[str | Callable[[], Iterator[bytes]]], *, titles: list[str] | None = None,
         shared_strings: str | Callable[[], Iterator[bytes]] | None = None, workbook: str | None = None,
         extra: dict[str, bytes] | None = None, level: int = 6) -> bytes:
    """A workbook of the given worksheet XML (a string, or a function giving it in chunks
    so that hundreds of MB are never held in memory)."""
    titles = titles or [f"Sheet{i}" for i in range(1, len(sheets) + 1)]
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT_BOOK}"/>']
    overrides += [f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT_SHEET}"/>'
                  for i in range(1, len(sheets) + 1)]
    rels = [f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)]
    if shared_strings is not None:
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_SST}"/>')
        rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    parts: dict[str, str | Callable[[], Iterator[bytes]]] = {
        "[Content_Types].xml": (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"),
        "_rels/.rels": (f'{HEAD}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": workbook or workbook_xml(titles),
        "xl/_rels/workbook.xml.rels": f'{HEAD}<Relationships xmlns="{PKG_REL}">' + "".join(rels) + "</Relationships>",
    }
    for i, sheet in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in parts.items():
            if callable(content):
                with archive.open(name, "w") as stream:
                    for chunk in content():
                        stream.write(chunk)
            else:
                archive.writestr(name, content)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def valid(rows: list[list[object]] | None = None) -> bytes:
    """A small, harmless workbook (a control: the guard must let it through)."""
    return xlsx([sheet_xml(rows or [["组织代码", "组织名称"], ["C001", "社区"]])])


# --------------------------------------------------------------------------- hostile
def _repeated(total: int, unit: bytes, *, head: bytes, tail: bytes) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield head
        block = unit * (MiB // len(unit))
        for _ in range(total // len(block)):
            yield block
        yield tail
    return chunks


@cache
def zip_bomb(megabytes: int = 300) -> bytes:
    """One sheet of a few hundred MB of repeated <c> elements, compressing to a few hundred KB."""
    head = f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
    return xlsx([_repeated(megabytes * MiB, b'<c r="A1"><v>1</v></c>', head=head, tail=b"</row></sheetData></worksheet>")],
                level=9)


@cache
def dense_bomb() -> bytes:
    """Within the total size (40 MB) but compressed over 1000:1: refused by the ratio."""
    return zip_bomb(40)


def billion_laughs() -> bytes:
    """Shared strings whose one entry expands to 10^9 "lol"s."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    sst = (f'{HEAD}<!DOCTYPE sst [{"".join(entities)}]>'
           f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    sheet = f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    return xlsx([sheet], shared_strings=sst)


def external_entity() -> bytes:
    """workbook.xml naming its sheet after the server's /etc/passwd (XXE)."""
    prolog = f'{HEAD}<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return xlsx([sheet_xml([["a"]])], workbook=workbook_xml(["&xxe;"], prolog=prolog))


def entity_in_sheet() -> bytes:
    """The laughs in a worksheet instead (openpyxl's own parser would meet it there)."""
    prolog = f'{HEAD}<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    return xlsx([sheet_xml([["&b;"]], prolog=prolog).replace("&amp;b;", "&b;")])


def many_sheets(count: int = 300) -> bytes:
    return xlsx([sheet_xml([["x"]]) for _ in range(count)])


def huge_dimension() -> bytes:
    """A small sheet declaring 16384 columns × 1,048,576 rows: openpyxl would pad every row
    to 16384 cells (the 151 KB file that cost 4 GB)."""
    return xlsx([sheet_xml([["组织代码"], ["C001"], ["C002"]], dimension="A1:XFD1048576")])


@cache
def lying_dimension(rows: int = 60_000) -> bytes:
    """Declares A1:B2 and holds 60,000 rows: the counted rows refuse it."""
    return xlsx([sheet_xml(([f"C{r}", r] for r in range(rows)), dimension="A1:B2")])


@cache
def wide_sheet(rows: int = 3_000, columns: int = 200) -> bytes:
    """No dimension, 200 numbers a row: refused by its cell count."""
    return xlsx([sheet_xml([list(range(columns)) for _ in range(rows)])])


@cache
def cells_over_sheets(sheets: int = 3, rows: int = 4_000, columns: int = 50) -> bytes:
    """Each sheet within every limit, together over the cell limit (openpyxl opens them all)."""
    sheet = sheet_xml([list(range(columns)) for _ in range(rows)])
    return xlsx([sheet] * sheets)


def row_far_down() -> bytes:
    """Two rows, the second numbered 100,000, and no dimension: passes the counts, stopped by
    the streaming read at the row limit."""
    return xlsx([f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">{cell("A1", "组织代码")}</row>'
                 f'<row r="100000">{cell("A100000", "C001")}</row></sheetData></worksheet>'])


def one_wide_row(columns: int = 101) -> bytes:
    """Narrow rows and one with a value in column 101, no dimension: stopped by the streaming read."""
    rows: list[list[object]] = [["组织代码"], *([f"C{i:03d}"] for i in range(100))]
    rows.append([None] * (columns - 1) + ["x"])
    return xlsx([sheet_xml(rows)])


@cache
def million_shared_strings() -> bytes:
    """A shared strings table of a million distinct entries (a few MB compressed)."""
    def chunks() -> Iterator[bytes]:
        yield f'{HEAD}<sst xmlns="{MAIN}" count="1000000" uniqueCount="1000000">'.encode()
        for start in range(0, 1_000_000, 10_000):
            yield "".join(f"<si><t>{n}</t></si>" for n in range(start, start + 10_000)).encode()
        yield b"</sst>"
    sheet = f'{HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
    return xlsx([sheet], shared_strings=chunks)


def not_a_zip() -> bytes:
    return b"%PDF-1.4\n" + b"this is not a spreadsheet\n" * 200


def old_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Workbook" * 100


def truncated() -> bytes:
    data = valid([["组织代码", "组织名称"], *([f"C{i:04d}", "社区" * 20] for i in range(300))])
    return data[: len(data) // 2]


def zip_of_garbage() -> bytes:
    """A zip with an xlsx's part names and random bytes inside."""
    noise = bytes((i * 7919 + 13) % 256 for i in range(20_000))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"):
            archive.writestr(name, noise)
    return buffer.getvalue()


def zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
        archive.writestr("photo.jpg", bytes(1000))
    return buffer.getvalue()


def truncated_xml() -> bytes:
    """A sound zip whose worksheet XML stops in the middle of a row."""
    sheet = sheet_xml([["组织代码", "组织名称"], *([f"C{i}", "社区"] for i in range(50))])
    return xlsx([sheet[: len(sheet) * 2 // 3]])


def empty() -> bytes:
    return b""


#: name → (builder, words the refusal must contain)
HOSTILE: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "zip bomb (300 MB sheet)": (zip_bomb, ("解压后大小", "上限")),
    "dense zip bomb (ratio)": (dense_bomb, ("压缩比", "压缩炸弹")),
    "billion laughs": (billion_laughs, ("实体",)),
    "external entity (XXE)": (external_entity, ("实体",)),
    "entities in a sheet": (entity_in_sheet, ("实体",)),
    "300 sheets": (many_sheets, ("工作表数 300", "上限 20")),
    "16384 × 1,048,576 dimension": (huge_dimension, ("列数 16,384", "上限")),
    "dimension that lies": (lying_dimension, ("行数 59,999", "上限")),
    "200 columns without dimension": (wide_sheet, ("单元格数 600,000", "上限")),
    "cells spread over three sheets": (cells_over_sheets, ("单元格数合计 600,000", "上限 500,000")),
    "a million shared strings": (million_shared_strings, ("共享字符串", "上限")),
    "not a zip": (not_a_zip, ("不是 Excel .xlsx 文件",)),
    "old .xls": (old_xls, (".xls",)),
    "truncated xlsx": (truncated, ("损坏或不完整",)),
    "zip of garbage": (zip_of_garbage, ("损坏或不完整",)),
    "zip without a workbook": (zip_without_workbook, ("没有 Excel 工作簿",)),
    "truncated sheet XML": (truncated_xml, ("损坏或不完整",)),
    "empty file": (empty, ("文件为空",)),
}
