"""Spreadsheet input as offices fill it: an extra 备注 column is ignored with one warning,
headers match after trimming and full-width/half-width normalization."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from pingxing.rubric import contract_fields
from pingxing.rubric.cli import rate_records
from pingxing.rubric.io import read_input

from .support import five_star_record
from .test_cli import run

SPECS = contract_fields()


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def _csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _rows(n: int, extra: list[Any] | None = None) -> list[list[Any]]:
    out = []
    for i in range(n):
        record = five_star_record(org_code=f"KQ-{i:03d}")
        out.append([_cell(record.get(s.name)) for s in SPECS] + (extra or []))
    return out


def test_a_csv_with_an_extra_empty_remarks_column_rates_every_row(tmp_path: Path) -> None:
    path = _csv(tmp_path / "facts.csv", [s.title for s in SPECS] + ["备注"], _rows(3, [""]))
    records, warnings = read_input(path)
    results, all_valid = rate_records(records, None, explain=False)
    assert all_valid and [r["star"] for r in results] == [5, 5, 5]
    assert warnings == [f"第{len(SPECS) + 1}列“备注”不是考评事实的列，已忽略"]


def test_a_filled_remarks_column_is_still_ignored_with_one_warning(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "facts.csv",
        ["备注", *[s.title for s in SPECS]],
        [["补报", *row] for row in _rows(4)],
    )
    proc = run("rate", path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("“备注”不是考评事实的列") == 1


def test_headers_match_after_trimming_and_width_normalization(tmp_path: Path) -> None:
    def variant(title: str, name: str) -> str:
        if name == "org_code":
            return "ｏｒｇ＿ｃｏｄｅ"  # full-width letters
        if name == "cadre_violation_cases":
            return " 社区干部(含主职干部)违法违纪案件数 "  # half-width brackets, blanks
        if name == "year":
            return "考评年度*\u3000"  # a required-field star and an ideographic space
        return title

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([variant(s.title, s.name) for s in SPECS])
    for row in _rows(2):
        ws.append(row)
    path = tmp_path / "facts.xlsx"
    wb.save(path)
    records, warnings = read_input(path)
    assert warnings == []
    assert [r.values["org_code"] for r in records] == ["KQ-000", "KQ-001"]
    assert records[0].values["cadre_violation_cases"] == 0
    results, all_valid = rate_records(records, None, explain=False)
    assert all_valid and [r["star"] for r in results] == [5, 5]
