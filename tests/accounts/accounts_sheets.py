"""Bulk account sheets for the tests, built in memory."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook

from pingxing.accounts.importing import COLUMNS
from pingxing.core.excel import build_workbook


def account_sheet(rows: Sequence[Sequence[Any]], *, name: str = "accounts.xlsx") -> io.BytesIO:
    """An upload of the bulk sheet: rows of (组织代码, 角色, 用户名, 姓名)."""
    buffer = io.BytesIO()
    build_workbook("账号", COLUMNS, rows).save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    """The data rows of a downloaded workbook."""
    wb = load_workbook(io.BytesIO(content), read_only=True)
    rows = [tuple(r) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True) if any(r)]
    wb.close()
    return rows
