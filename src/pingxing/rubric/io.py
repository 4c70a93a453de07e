"""Reading facts (JSON / CSV / XLSX), writing results (JSON / CSV / XLSX), the template."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pingxing.rubric.explain import star_label
from pingxing.rubric.facts import (
    ENUM_LABELS_ZH,
    FactError,
    coerce_cells,
    contract_fields,
    header_field,
    normalize_header,
)
from pingxing.rubric.xlsxguard import Limits, XlsxRefused, append_row, iter_first_sheet

#: a facts workbook given to the command line (`pingxing rate`): many communities, every fact a column
XLSX_LIMITS = Limits(
    max_bytes=50 * 1024 * 1024, max_rows=50_000, max_columns=120, max_cells=50_000 * 80,
    max_unzipped_bytes=300 * 1024 * 1024, max_shared_strings=500_000, max_shared_bytes=50 * 1024 * 1024,
)


class InputError(Exception):
    """The input can not be read at all (one-line reason)."""


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record before validation; ``errors`` are problems found while reading."""

    values: dict[str, object]
    errors: tuple[FactError, ...] = ()


def read_records(path: Path, *, limits: Limits = XLSX_LIMITS) -> list[RawRecord]:
    """Records of a JSON array, a CSV file or the first sheet of an XLSX workbook."""
    return read_input(path, limits=limits)[0]


def read_input(path: Path, *, limits: Limits = XLSX_LIMITS) -> tuple[list[RawRecord], list[str]]:
    """The records of ``path`` and the warnings about the file as a whole, each once: a
    column that names no field of the contract (a 备注 column, say) is ignored. A workbook
    is checked against ``limits`` before it is loaded (:mod:`pingxing.rubric.xlsxguard`)."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if suffix == ".xlsx" or data[:2] == b"PK":
        return _read_xlsx(data, limits)
    if suffix == ".json" or data.lstrip()[:1] in (b"[", b"{"):
        return _read_json(data), []
    return _read_csv(data)


def _read_json(data: bytes) -> list[RawRecord]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not valid JSON: {exc}") from exc
    if not isinstance(parsed, list):
        raise InputError("JSON input must be an array of records")
    out = []
    for item in parsed:
        if isinstance(item, dict):
            out.append(RawRecord(item))
        else:
            err = FactError("(record)", "记录应为 JSON 对象", "a record must be a JSON object")
            out.append(RawRecord({}, (err,)))
    return out


def header_columns(header: list[object]) -> tuple[list[str], list[tuple[int, str]]]:
    """The field of each column ("" when none) and the (column number, header) of the
    columns that name no field of the contract (headers compared after NFKC and trimming)."""
    columns: list[str] = []
    unknown: list[tuple[int, str]] = []
    for i, cell in enumerate(header, start=1):
        name = header_field(cell)
        columns.append(name or "")
        if name is None:
            unknown.append((i, normalize_header(cell)))
    return columns, unknown


def column_warning(number: int, header: str, *, has_data: bool) -> str:
    """The one warning about an ignored column (Chinese; the header is the user's own)."""
    if header:
        return f"第{number}列“{header}”不是考评事实的列，已忽略"
    if has_data:
        return f"第{number}列没有表头，其中的数据已忽略"
    return ""


def _rows_to_records(
    header: list[object], rows: list[list[object]]
) -> tuple[list[RawRecord], list[str]]:
    columns, unknown = header_columns(header)
    if not any(columns):
        raise InputError("the header row has no field names or Chinese titles of the contract")
    width = len(columns)
    out = []
    for row in rows:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        raw = {col: cell for col, cell in zip(columns, row, strict=False) if col}
        out.append(RawRecord(coerce_cells(raw)))
    warnings = []
    data_beyond = any(c is not None and str(c).strip() for row in rows for c in row[width:])
    for number, text in unknown:
        has_data = any(
            len(row) >= number and row[number - 1] is not None and str(row[number - 1]).strip()
            for row in rows
        )
        warning = column_warning(number, text, has_data=has_data)
        if warning:
            warnings.append(warning)
    if data_beyond:
        warnings.append(f"第{width}列之后的列没有表头，其中的数据已忽略")
    return out, warnings


def _read_csv(data: bytes) -> tuple[list[RawRecord], list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise InputError("CSV is neither UTF-8 nor GB18030 text") from exc
    rows: list[list[Any]] = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InputError("the CSV file is empty")
    return _rows_to_records(rows[0], rows[1:])


def _read_xlsx(data: bytes, limits: Limits) -> tuple[list[RawRecord], list[str]]:
    try:
        rows = [list(values) for _number, values in iter_first_sheet(data, limits)]
    except XlsxRefused as exc:
        raise InputError(f"not a readable XLSX workbook: {exc}") from exc
    if not rows:
        raise InputError("the first sheet is empty")
    return _rows_to_records(rows[0], rows[1:])


# --------------------------------------------------------------------------- output
TABLE_COLUMNS = [
    "org_code", "year", "star", "star_label", "valid", "vetoed", "possible_star",
    "level_1", "level_2", "level_3", "level_4", "level_5",
    "missing_facts", "next_star_gaps", "errors",
]  # fmt: skip


def result_rows(results: list[dict[str, Any]]) -> list[dict[str, object]]:
    """One flat row per result (for CSV / XLSX)."""
    rows = []
    for r in results:
        levels = {f"level_{lv['star']}": lv["status"] for lv in r.get("levels", [])}
        rows.append(
            {
                "org_code": r.get("org_code"),
                "year": r.get("year"),
                "star": r.get("star"),
                "star_label": star_label(r.get("star")),
                "valid": not r["errors"],
                "vetoed": r.get("vetoed", False),
                "possible_star": r.get("possible_star"),
                **{c: levels.get(c, "") for c in TABLE_COLUMNS if c.startswith("level_")},
                "missing_facts": "; ".join(r.get("missing_facts", [])),
                "next_star_gaps": "\n".join(g["message"] for g in r.get("next_star_gaps", [])),
                "errors": "\n".join(e["message"] for e in r["errors"]),
            }
        )
    return rows


def write_results(results: list[dict[str, Any]], fmt: str, out: Path | None) -> bytes | str:
    """Serialize results; return the text/bytes (written to ``out`` when given)."""
    payload: bytes | str
    if fmt == "json":
        payload = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=TABLE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result_rows(results))
        payload = buf.getvalue()
    else:
        payload = _results_xlsx(results)
    if out is not None:
        if isinstance(payload, str):
            out.write_text(payload, encoding="utf-8")
        else:
            out.write_bytes(payload)
    return payload


def _results_xlsx(results: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "评星结果"
    append_row(ws, TABLE_COLUMNS)
    for row in result_rows(results):  # org codes and messages come from the input: inert text
        append_row(ws, [row[c] for c in TABLE_COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_template(out: Path) -> None:
    """An XLSX input template: Chinese headers, drop-downs for enums, ordinals and 是/否."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考评事实"
    guide = wb.create_sheet("填写说明")
    append_row(guide, ["字段", "表头（中文）", "类型", "取值", "说明"])
    last = 1000
    append_row(ws, [spec.title for spec in contract_fields()])  # the standard is data: inert text
    for i, spec in enumerate(contract_fields(), start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i)
        if spec.description:
            cell.comment = Comment(f"{spec.name}: {spec.description}", "pingxing")
        ws.column_dimensions[letter].width = max(10, min(30, len(spec.title) * 2))
        choices: list[str] | None = None
        if spec.type == "boolean":
            choices = ["是", "否"]
        elif spec.enum is not None:
            choices = [ENUM_LABELS_ZH.get(v, v) for v in spec.enum]
        elif (
            spec.type == "integer"
            and spec.maximum is not None
            and spec.maximum - (spec.minimum or 0) <= 12
        ):
            choices = [str(n) for n in range(spec.minimum or 0, spec.maximum + 1)]
        if choices is not None:
            dv = DataValidation(
                type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True
            )
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        elif spec.type == "integer":
            dv = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1=str(spec.minimum or 0),
                allow_blank=True,
            )
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        shown = "/".join(choices) if choices else ""
        append_row(guide, [spec.name, spec.title, spec.type, shown, spec.description])
    ws.freeze_panes = "C2"
    wb.save(out)
