"""Small openpyxl helpers shared by the Excel templates, exports and imports."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pingxing.core.logredact import mask_personal

# The one guard of every spreadsheet read and the one inert-text rule of every export live in
# the pure rubric.xlsxguard (the rubric reads facts files too); re-exported here for the apps.
from pingxing.rubric.xlsxguard import (  # noqa: F401 - FORMULA_STARTS and inert are re-exported
    DEFAULT_LIMITS,
    FORMULA_STARTS,
    Limits,
    XlsxRefused,
    append_row,
    inert,
    iter_first_sheet,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = DEFAULT_LIMITS.max_rows
UNREADABLE = "无法读取文件，请上传 .xlsx 格式的 Excel 文件"


@dataclass(frozen=True)
class Column:
    header: str
    required: bool = False
    choices: tuple[str, ...] = ()  # drop-down values
    text: bool = False  # keep as text (ID numbers, phones, codes)
    width: int = 14


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number, header is row 1
    column: str  # the column header ("" for the whole row)
    reason: str


def build_workbook(title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]] = ()) -> Workbook:
    """A workbook with a bold header row, drop-downs for choice columns and text format where needed."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    append_row(ws, [c.header + ("*" if c.required else "") for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FAF3F3")
    ws.freeze_panes = "A2"
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - count is used after the loop
        append_row(ws, row)
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = column.width
        if column.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=not column.required)
            dv.error = f"请从下拉列表中选择{column.header}"
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        if column.text:
            # Text format keeps 18-digit ID numbers and leading zeros intact when typed in.
            for line in range(2, max(count, 500) + 2):
                ws[f"{letter}{line}"].number_format = "@"
    return wb


def workbook_response(wb: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def read_rows(file: Any, columns: Sequence[Column], *,
              limits: Limits = DEFAULT_LIMITS) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {header: value}) for every non-empty data row of the first sheet.

    Headers are matched without the required mark "*"; a missing required column raises
    ValueError, and so does a file refused by the guard (:class:`XlsxRefused`: not an .xlsx
    workbook, over ``limits``) — before a row is read, or at the first row over the limit.
    """
    rows = iter_first_sheet(file, limits)
    _number, header = next(rows, (1, ()))
    names = [str(h).strip().rstrip("*").strip() if h is not None else "" for h in header]
    missing = [c.header for c in columns if c.required and c.header not in names]
    if missing:
        rows.close()
        raise ValueError("缺少列：" + "、".join(missing))
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        yield number, {name: _clean(value) for name, value in zip(names, values, strict=False) if name}


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    return value


def as_text(value: Any) -> str:
    """A cell as text; whole floats (Excel numbers) lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def as_date(value: Any) -> dt.date | None:
    """A cell as a date (Excel date, or text like 1970-01-31, 1970/1/31, 19700131); None if not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def read_rows_checked(file: Any, columns: Sequence[Column], *, limits: Limits = DEFAULT_LIMITS,
                      ) -> tuple[list[tuple[int, dict[str, Any]]], RowError | None]:
    """All data rows of an upload, or the one error that makes the file unreadable."""
    try:
        return list(read_rows(file, columns, limits=limits)), None
    except ValueError as exc:
        return [], RowError(1, "", str(exc))
    except Exception:  # any unreadable upload gets the same answer
        return [], RowError(1, "", UNREADABLE)


# --- the bad rows of a refused import -------------------------------------------------------

BAD_ROWS_SHEET = "错误行"
REASON_HEADER = "错误原因"
ROW_HEADER = "原行号"


@dataclass(frozen=True)
class RowProblems:
    """Every problem of one spreadsheet row, said once: "第5行：姓名 必填项为空；身份证号 校验位错误"."""

    row: int
    problems: tuple[RowError, ...]

    @property
    def where(self) -> str:
        return gettext("第1行（表头）") if self.row == 1 else gettext("第%(n)s行") % {"n": self.row}

    @property
    def text(self) -> str:
        return "；".join(f"{e.column} {e.reason}" if e.column else e.reason for e in self.problems)

    @property
    def line(self) -> str:
        return f"{self.where}：{self.text}"


def problems_by_row(errors: Iterable[RowError]) -> list[RowProblems]:
    """The errors grouped by row, rows in sheet order, each problem once, in the order found."""
    rows: dict[int, dict[tuple[str, str], RowError]] = {}
    for error in errors:
        rows.setdefault(error.row, {}).setdefault((error.column, error.reason), error)
    return [RowProblems(row, tuple(found.values())) for row, found in sorted(rows.items())]


def read_sheet(file: Any, *, limits: Limits = DEFAULT_LIMITS) -> tuple[list[str], dict[int, dict[str, Any]]]:
    """The header and every non-empty data row of the first sheet, as typed (no checks):
    (headers, {row number: {header: value}}). Raises on an unreadable file or one over ``limits``."""
    rows = iter_first_sheet(file, limits)
    _number, header = next(rows, (1, ()))
    names = [as_text(h).rstrip("*").strip() if h is not None else "" for h in header]
    found: dict[int, dict[str, Any]] = {}
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        found[number] = {name: value for name, value in zip(names, values, strict=False) if name}
    return [n for n in names if n], found


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time.min:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return as_text(value)


def _append_text_row(ws: Any, values: Sequence[Any]) -> None:
    """One row of text cells (empty ones left blank), inert like every export."""
    append_row(ws, [_cell_text(value) or None for value in values])


def bad_rows_workbook(
    errors: Iterable[RowError], *, headers: Sequence[str] = (),
    raw_rows: Mapping[int, Mapping[str, Any]] | None = None,
) -> Workbook | None:
    """The bad data rows of a refused import, to correct and upload again: the original row
    number, the row's own cells as read (when known) and all its problems in one reason cell.
    Without the rows' cells: one line per problem (row, column, reason). None if no data row is bad."""
    bad = [p for p in problems_by_row(errors) if p.row > 1]
    if not bad:
        return None
    wb = Workbook()
    ws = wb.active
    ws.title = BAD_ROWS_SHEET
    if raw_rows is not None:
        headers = list(headers) or list(dict.fromkeys(h for cells in raw_rows.values() for h in cells))
        append_row(ws, [ROW_HEADER, *headers, REASON_HEADER])
        for problem in bad:
            cells = raw_rows.get(problem.row, {})
            # ID numbers and phones go back masked, as everywhere: the uploader has the original file.
            _append_text_row(ws, [problem.row, *(_masked(cells.get(h)) for h in headers), problem.text])
        ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 60
    else:
        append_row(ws, [ROW_HEADER, "列", "原因"])
        for problem in bad:
            for error in problem.problems:
                _append_text_row(ws, [error.row, error.column, error.reason])
        ws.column_dimensions["C"].width = 60
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FAF3F3")
    ws.freeze_panes = "B2"
    return wb


def _masked(value: Any) -> Any:
    return mask_personal(value) if isinstance(value, str) else (
        mask_personal(str(value)) if isinstance(value, int) and len(str(value)) >= 11 else value)


def data_uri(wb: Workbook) -> str:
    """The workbook inside a link (href="data:…"): downloadable from the very response that
    made it, so nothing uploaded has to be kept on the server."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return f"data:{XLSX};base64,{base64.b64encode(buffer.getvalue()).decode()}"
