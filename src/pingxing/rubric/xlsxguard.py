"""Spreadsheets that cannot be used against us: every .xlsx read is checked before openpyxl
sees it, then streamed with a row limit; every text cell written is inert.

Pure (no Django): the rubric reads facts files with it, and ``pingxing.core.excel`` (every
import and export of the apps) uses the same functions, so each rule lives here once.

Before loading, :func:`check_xlsx` looks at the file as a zip and at its XML parts:
size, zip member count, declared uncompressed size and compression ratio (zip bombs), a
DTD or entity in any XML part (billion laughs, external entities; parsed with defusedxml),
the sheet count (workbook.xml), and per worksheet its declared dimension and its rows and
cells, counted in the decompressed XML (so a dimension that lies does not help), and the
shared strings' size and count. :func:`iter_first_sheet` then reads the first sheet in
openpyxl's read-only (streaming) mode — openpyxl itself parses with defusedxml when it is
installed — stopping at the row limit and never widening a row past the column limit.

Every refusal is an :class:`XlsxRefused` (a ``ValueError``) whose message, in Chinese,
names the limit and the value found: "工作表“Sheet1”行数 60,123 超过上限 50,000".
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from defusedxml.ElementTree import iterparse as defused_iterparse

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """What one kind of import accepts. Each importer keeps its own as a module constant
    (``MEMBER_LIMITS = Limits(max_rows=50_000, …)``); a caller may pass another."""

    max_bytes: int = 10 * MiB  # the uploaded file
    max_rows: int = 5_000  # data rows of a sheet, the header row not counted
    max_columns: int = 100
    max_cells: int = 500_000  # <c> elements of one sheet
    max_sheets: int = 20
    max_parts: int = 1_000  # members of the zip
    max_unzipped_bytes: int = 100 * MiB  # declared, all members together
    max_part_bytes: int = 10 * MiB  # any one part but the worksheets and the shared strings
    max_ratio: int = 200  # uncompressed : compressed, for a member over RATIO_FLOOR
    max_shared_strings: int = 200_000
    max_shared_bytes: int = 20 * MiB

    def but(self, **changes: int) -> Limits:
        """These limits with some changed: ``LIMITS.but(max_rows=100)``."""
        return dataclasses.replace(self, **changes)


DEFAULT_LIMITS = Limits()
RATIO_FLOOR = 1 * MiB  # small members may compress as well as they like
CHUNK = 1 * MiB


class XlsxRefused(ValueError):
    """The file is refused as a whole; the message (Chinese) says why."""


NOT_XLSX = "无法读取文件：不是 Excel .xlsx 文件，请用 Excel 或 WPS 另存为 .xlsx 后上传"
OLD_XLS = "无法读取文件：这是旧版 .xls 文件或加了密码的 Excel 文件，请取消密码并另存为 .xlsx 后上传"
DAMAGED = "无法读取文件：文件已损坏或不完整，请重新保存为 .xlsx 后上传"
NO_WORKBOOK = "无法读取文件：压缩包中没有 Excel 工作簿，不是 .xlsx 文件"
EMPTY_FILE = "文件为空"
NO_SHEET = "工作簿中没有工作表"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and Excel files with a password
_ROW_OR_CELL = re.compile(rb"<(?:[^\s<>/!?:=\"']+:)?(row|c)[\s/>]")
_SHARED_STRING = re.compile(rb"<(?:[^\s<>/!?:=\"']+:)?(si)[\s/>]")
_DIMENSION = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$")
_REL_OFFICE_DOCUMENT = "/officeDocument"


# --------------------------------------------------------------------------- reading
def upload_bytes(source: Any, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of an upload (bytes, or a file object such as Django's UploadedFile), read
    only once its size is known to be within ``limits.max_bytes``."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        size = getattr(source, "size", None)
        if isinstance(size, int):
            _check_size(size, limits)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            _check_size(_total_size(source, len(data)), limits)
    _check_size(len(data), limits)
    return data


def iter_first_sheet(source: Any, limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(spreadsheet row number, cell values) of every row of the first sheet, header included,
    streamed; trailing empty cells are dropped. Raises :class:`XlsxRefused` before reading a
    file over ``limits``, at the first row past ``limits.max_rows`` and for any unreadable part."""
    data = upload_bytes(source, limits)
    check_xlsx(data, limits)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # anything openpyxl trips over is a damaged file to the user
        raise XlsxRefused(DAMAGED) from exc
    try:
        if not wb.worksheets:
            raise XlsxRefused(NO_SHEET)
        ws = wb.worksheets[0]
        # A declared dimension may be wrong (some tools write "A1"): read what is there,
        # never padding a row past one column beyond the limit (which tells us it is over).
        ws.reset_dimensions()
        width = limits.max_columns + 1
        for number, values in enumerate(ws.iter_rows(max_col=width, values_only=True), start=1):
            if number > limits.max_rows + 1:
                raise XlsxRefused(f"工作表“{ws.title}”数据行数超过上限 {limits.max_rows:,}（读到第 {number:,} 行）")
            if len(values) >= width and values[width - 1] is not None:
                raise XlsxRefused(f"工作表“{ws.title}”列数超过上限 {limits.max_columns:,}（第 {number:,} 行）")
            yield number, _trimmed(values)
    except XlsxRefused:
        raise
    except Exception as exc:
        raise XlsxRefused(DAMAGED) from exc
    finally:
        wb.close()


def _trimmed(values: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


# --------------------------------------------------------------------------- checking
def check_xlsx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse (:class:`XlsxRefused`) a file that is not an .xlsx workbook or is over ``limits``;
    reads the zip directory and streams each XML part once, never holding a part in memory."""
    if not data:
        raise XlsxRefused(EMPTY_FILE)
    _check_size(len(data), limits)
    if data.startswith(_OLE2):
        raise XlsxRefused(OLD_XLS)
    if not data.startswith(b"PK"):
        raise XlsxRefused(NOT_XLSX)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # truncated, a bad directory, a zip64 lie …
        raise XlsxRefused(DAMAGED) from exc
    with archive:
        try:
            _check_archive(archive, limits)
        except XlsxRefused:
            raise
        except DefusedXmlException as exc:
            raise XlsxRefused("文件中的 XML 含有文档类型声明或实体定义，可能是恶意文件，已拒绝") from exc
        except Exception as exc:  # a bad CRC, a broken deflate stream, malformed XML
            raise XlsxRefused(DAMAGED) from exc


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > limits.max_parts:
        raise XlsxRefused(f"压缩包内文件数 {len(infos):,} 超过上限 {limits.max_parts:,}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise XlsxRefused(f"解压后大小 {_size(total)} 超过上限 {_size(limits.max_unzipped_bytes)}")
    for info in infos:
        if info.flag_bits & 0x1:
            raise XlsxRefused("文件已加密，请取消密码保护后上传")
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise XlsxRefused(f"“{info.filename}”的压缩比 {ratio:,}:1 超过上限 {limits.max_ratio:,}:1（疑似压缩炸弹）")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise XlsxRefused(NO_WORKBOOK)
    workbook = _workbook_part(archive, names, limits)
    titles = _sheet_titles(archive, workbook, names, limits)
    cells = 0
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")):
            cells += _check_xml_part(archive, info, titles, limits)
            # openpyxl parses a sheet without a dimension whole when it opens the workbook:
            # every sheet counts, not only the one we read.
            if cells > limits.max_cells:
                raise XlsxRefused(f"各工作表单元格数合计 {cells:,} 超过上限 {limits.max_cells:,}")


def _workbook_part(archive: zipfile.ZipFile, names: set[str], limits: Limits) -> str:
    """The workbook's part name, as openpyxl finds it (the package relationship), else xl/workbook.xml."""
    candidates = []
    if "_rels/.rels" in names:
        for rel in _parse_small(archive, "_rels/.rels", limits):
            if str(rel.get("Type", "")).endswith(_REL_OFFICE_DOCUMENT):
                candidates.append(str(rel.get("Target", "")).lstrip("/"))
    candidates.append("xl/workbook.xml")
    for name in candidates:
        if name in names:
            return name
    raise XlsxRefused(NO_WORKBOOK)


def _sheet_titles(archive: zipfile.ZipFile, workbook: str, names: set[str], limits: Limits) -> dict[str, str]:
    """{worksheet part name: sheet title}; refuses more sheets than ``limits.max_sheets``."""
    sheets = [(str(e.get("name", "")), _attr(e, "id")) for e in _parse_small(archive, workbook, limits).iter()
              if _local(e.tag) == "sheet"]
    if len(sheets) > limits.max_sheets:
        raise XlsxRefused(f"工作表数 {len(sheets):,} 超过上限 {limits.max_sheets:,}")
    folder, base = posixpath.split(workbook)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    targets: dict[str, str] = {}
    if rels_name in names:
        for rel in _parse_small(archive, rels_name, limits):
            target = str(rel.get("Target", ""))
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            targets[str(rel.get("Id", ""))] = path
    return {targets[rid]: title for title, rid in sheets if rid in targets}


def _check_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, titles: dict[str, str], limits: Limits) -> int:
    """Every XML part: no DTD (defusedxml, DTDs forbidden), then by its root element the
    counts of a worksheet or of the shared strings, or the size limit of any other part.
    Returns the part's cell count (0 if it is no worksheet)."""
    root, dimension = _prolog(archive, info)
    if root == "worksheet":
        title = titles.get(info.filename, posixpath.basename(info.filename))
        _check_dimension(title, dimension, limits)
        counts = _count(archive, info, _ROW_OR_CELL)
        rows = max(counts.get(b"row", 0) - 1, 0)
        if rows > limits.max_rows:
            raise XlsxRefused(f"工作表“{title}”数据行数 {rows:,} 超过上限 {limits.max_rows:,}")
        cells = counts.get(b"c", 0)
        if cells > limits.max_cells:
            raise XlsxRefused(f"工作表“{title}”单元格数 {cells:,} 超过上限 {limits.max_cells:,}")
        if cells > (rows + 1) * limits.max_columns:  # then some row holds more cells than columns allowed
            raise XlsxRefused(f"工作表“{title}”平均每行 {cells // (rows + 1):,} 个单元格，超过列数上限 "
                              f"{limits.max_columns:,}")
        return cells
    if root == "sst":
        if info.file_size > limits.max_shared_bytes:
            raise XlsxRefused(f"共享字符串表大小 {_size(info.file_size)} 超过上限 {_size(limits.max_shared_bytes)}")
        strings = _count(archive, info, _SHARED_STRING).get(b"si", 0)
        if strings > limits.max_shared_strings:
            raise XlsxRefused(f"共享字符串数 {strings:,} 超过上限 {limits.max_shared_strings:,}")
    elif info.file_size > limits.max_part_bytes:
        raise XlsxRefused(f"“{info.filename}”解压后 {_size(info.file_size)} 超过上限 {_size(limits.max_part_bytes)}")
    return 0


def _check_dimension(title: str, ref: str | None, limits: Limits) -> None:
    """The sheet's declared extent (<dimension ref="A1:XFD1048576"/>), refused before any row is read."""
    match = _DIMENSION.match((ref or "").strip().upper())
    if match is None:
        return  # absent or unreadable: the counts and the streaming read still bound the sheet
    last_column, last_row = match.group(3) or match.group(1), int(match.group(4) or match.group(2))
    columns = _column_number(last_column)
    if columns > limits.max_columns:
        raise XlsxRefused(f"工作表“{title}”列数 {columns:,} 超过上限 {limits.max_columns:,}")
    if last_row - 1 > limits.max_rows:
        raise XlsxRefused(f"工作表“{title}”行数 {last_row - 1:,} 超过上限 {limits.max_rows:,}")


def _prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, str | None]:
    """The root element's local name and, for a worksheet, its dimension ref; parses only the
    start of the part, with defusedxml refusing any DTD (and so any entity)."""
    root = ""
    with archive.open(info) as stream:
        for _event, element in defused_iterparse(stream, events=("start",), forbid_dtd=True):
            name = _local(element.tag)
            if not root:
                root = name
                if root != "worksheet":
                    break
            elif name == "dimension":
                return root, str(element.get("ref", ""))
            elif name == "sheetData":
                break
    return root, None


def _count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern[bytes]) -> dict[bytes, int]:
    """How often each tag of ``pattern`` opens in the part (any namespace prefix), streamed
    in chunks; a chunk is cut at its last "<" so no tag is split."""
    counts: dict[bytes, int] = {}
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            block = carry + chunk
            cut = block.rfind(b"<")
            if cut < 0 or len(block) - cut > CHUNK:  # a run of over a chunk without a tag
                cut = len(block)
            _tally(counts, pattern.findall(block, 0, cut))
            carry = block[cut:]
    _tally(counts, pattern.findall(carry))
    return counts


def _tally(counts: dict[bytes, int], found: Iterable[bytes]) -> None:
    for name in found:
        counts[name] = counts.get(name, 0) + 1


def _parse_small(archive: zipfile.ZipFile, name: str, limits: Limits) -> Any:
    """A small structural part (relationships, workbook.xml) parsed whole with defusedxml."""
    info = archive.getinfo(name)
    if info.file_size > limits.max_part_bytes:
        raise XlsxRefused(f"“{name}”解压后 {_size(info.file_size)} 超过上限 {_size(limits.max_part_bytes)}")
    return defused_fromstring(archive.read(info), forbid_dtd=True)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _attr(element: Any, local: str) -> str:
    """An attribute by local name whatever its namespace (r:id of a <sheet>)."""
    for key, value in element.attrib.items():
        if _local(key) == local:
            return str(value)
    return ""


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise XlsxRefused(f"文件大小 {_size(size)} 超过上限 {_size(limits.max_bytes)}")


def _total_size(source: IO[bytes], read: int) -> int:
    try:
        return int(source.seek(0, io.SEEK_END))
    except (AttributeError, OSError, ValueError):
        return read


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} 字节"


# --------------------------------------------------------------------------- writing
# A text cell starting with one of these could be read by a spreadsheet as a formula (or, for
# tab and carriage return, shift into one): every export writes such text as inert text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def inert(ws: Any, value: Any) -> Any:
    """The value ready for ``ws.append``: text that a spreadsheet could take for a formula
    becomes a plain-text cell (type "s", quote prefix), shown and read back exactly as typed;
    anything else (numbers, dates, ordinary text) is left as it is. Works on write-only sheets."""
    if not is_formula_like(value):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def append_row(ws: Any, values: Iterable[Any]) -> None:
    """One row at the bottom of the sheet, through :func:`inert` — the one way every export writes."""
    ws.append([inert(ws, value) for value in values])
