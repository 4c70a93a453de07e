"""The pay table's spreadsheets: the base-pay import sheet and the workbook for finance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pingxing.core.excel import append_row, as_text
from pingxing.ratings.payroll import (
    MAX_BASE_PAY,
    PayRow,
    ResultsInputError,
    parse_amount,
    pay_totals,
)

BASE_PAY_COLUMNS = ("组织代码", "组织名称", "基本报酬（元/年）")


def parse_base_pay_rows(rows: Iterable[tuple[int, Mapping[str, Any]]], orgs_by_code: Mapping[str, Any]) -> dict[Any, Decimal]:
    """Spreadsheet rows → {Organization: amount}; every bad row listed (row, column, reason)."""
    errors: list[str] = []
    values: dict[Any, Decimal] = {}
    seen: dict[str, int] = {}
    for number, row in rows:
        code = as_text(row.get(BASE_PAY_COLUMNS[0]))
        org = orgs_by_code.get(code)
        if org is None:
            errors.append(f"第{number}行 组织代码：“{code}”不是本辖区的社区党组织")
            continue
        if code in seen:
            errors.append(f"第{number}行 组织代码：“{code}”与第{seen[code]}行重复")
            continue
        seen[code] = number
        try:
            values[org] = parse_amount(row.get(BASE_PAY_COLUMNS[2]), where=f"第{number}行 {BASE_PAY_COLUMNS[2]}",
                                       maximum=MAX_BASE_PAY)
        except ResultsInputError as error:
            errors.extend(error.errors)
    if errors:
        raise ResultsInputError(errors)
    return values


PAY_HEADERS = ("序号", "所属街道", "组织名称", "组织代码", "星级", "基本报酬（元/年）", "报酬系数",
               "核定报酬（元/年）", "项目资金权重", "可参加先进评比")
MONEY_FORMAT = "#,##0.00"


def pay_workbook(rows: list[PayRow], year: int) -> Any:
    """The pay table as a workbook: numbers stay numbers, text inert, a totals row at the bottom."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度社区干部报酬"
    append_row(ws, PAY_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        append_row(ws, [
            number, row.street, row.name, row.code, row.star_title, row.base_pay, row.coefficient,
            row.pay, row.fund_weight,
            "" if row.award_eligible is None else ("是" if row.award_eligible else "否"),
        ])
    totals = pay_totals(rows)
    append_row(ws, [f"合计（基本报酬{totals.base_count}个社区，核定报酬{totals.pay_count}个社区）", "", "", "", "",
               totals.base_total, "", totals.pay_total, "", ""])
    ws[ws.max_row][0].font = Font(bold=True)
    for line in ws.iter_rows(min_row=2):
        for index in (5, 7):
            line[index].number_format = MONEY_FORMAT
        line[6].number_format = line[8].number_format = "0.00"
    for letter, width in zip("ABCDEFGHIJ", (6, 16, 26, 14, 8, 16, 10, 16, 12, 14), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    return wb
