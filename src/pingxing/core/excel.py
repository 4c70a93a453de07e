"""Small openpyxl helpers shared by the Excel templates, exports and imports."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000


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
    ws.append([c.header + ("*" if c.required else "") for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FAF3F3")
    ws.freeze_panes = "A2"
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - count is used after the loop
        ws.append(list(row))
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
            for row in range(2, max(count, 500) + 2):
                ws[f"{letter}{row}"].number_format = "@"
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


def read_rows(file: Any, columns: Sequence[Column]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, {header: value}) for every non-empty data row of the first sheet.

    Headers are matched without the required mark "*"; a missing required column raises ValueError.
    """
    wb = load_workbook(file, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    names = [str(h).strip().rstrip("*").strip() if h is not None else "" for h in header]
    missing = [c.header for c in columns if c.required and c.header not in names]
    if missing:
        wb.close()
        raise ValueError("缺少列：" + "、".join(missing))
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            wb.close()
            raise ValueError(f"行数超过上限 {MAX_ROWS}")
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        yield number, {name: _clean(value) for name, value in zip(names, values, strict=False) if name}
    wb.close()


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


def read_rows_checked(file: Any, columns: Sequence[Column]) -> tuple[list[tuple[int, dict[str, Any]]], RowError | None]:
    """All data rows of an upload, or the one error that makes the file unreadable."""
    try:
        return list(read_rows(file, columns)), None
    except ValueError as exc:
        return [], RowError(1, "", str(exc))
    except Exception:  # any unreadable upload gets the same answer
        return [], RowError(1, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件")
