"""Facts import for many communities at once, from the XLSX template of `pingxing template`.

All-or-nothing: every row is checked first (the facts contract field by field, the
organization code within the importer's scope and with a case still being declared,
the year, duplicates); one bad row and nothing is saved. A good file becomes the draft
facts of every named case in one transaction. A column that names no fact (a 备注 column)
is ignored with one warning; headers match after trimming and NFKC normalization.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pingxing import rubric
from pingxing.core.excel import Limits, RowError, XlsxRefused, iter_first_sheet
from pingxing.orgs.models import OrgKind, OrgLevel
from pingxing.ratings import engine, queries, workflow
from pingxing.ratings.models import Campaign, RatingCase
from pingxing.rubric.io import column_warning, header_columns

#: a county's communities in one file, every fact a column (the contract has 62; room for remarks)
FACTS_LIMITS = Limits(max_bytes=10 * 1024 * 1024, max_rows=5_000, max_columns=120, max_cells=5_000 * 70,
                      max_shared_strings=100_000)
#: the base pay sheet: one row per community (组织代码, 组织名称, 基本报酬)
BASE_PAY_LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_rows=2_000, max_columns=20, max_cells=2_000 * 20,
                         max_shared_strings=20_000)
IDENTITY = ("org_code", "org_name", "year")


class ImportRefused(Exception):
    """Nothing was saved; `errors` say which row, which column and why."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class ImportedRow:
    row: int
    case: RatingCase
    facts: dict[str, Any]
    star: int | None = None


@dataclass
class FactsImport:
    rows: list[ImportedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: about the file as a whole, each once (an ignored column); nothing is refused for them
    warnings: list[str] = field(default_factory=list)


def read_sheet(data: Any, *, limits: Limits = FACTS_LIMITS) -> tuple[list[tuple[int, dict[str, object]]], list[str]]:
    """The first sheet as (spreadsheet row number, {field name: cell}) and the warnings about
    ignored columns; raises ImportRefused for a file that is not a workbook, is over
    ``limits`` (checked before it is loaded, then row by row) or has no “组织代码” column.
    ``data``: the bytes, or the uploaded file (its size is checked before it is read)."""
    try:
        rows = [list(values) for _number, values in iter_first_sheet(data, limits)]
    except XlsxRefused as refused:
        raise ImportRefused([RowError(1, "", str(refused))]) from refused
    if not rows:
        raise ImportRefused([RowError(1, "", "工作表为空")])
    columns, unknown = header_columns(rows[0])
    errors = []
    if "org_code" not in columns:
        errors.append(RowError(1, "组织代码", "缺少“组织代码”列"))
    if errors:
        raise ImportRefused(errors)
    body = rows[1:]
    warnings = []
    for number, text in unknown:
        has_data = any(len(r) >= number and _filled(r[number - 1]) for r in body)
        warning = column_warning(number, text, has_data=has_data)
        if warning:
            warnings.append(warning)
    if any(_filled(c) for r in body for c in r[len(columns):]):
        warnings.append(f"第{len(columns)}列之后的列没有表头，其中的数据已忽略")
    out = []
    for number, row in enumerate(body, start=2):
        if not any(_filled(c) for c in row):
            continue
        out.append((number, {col: cell for col, cell in zip(columns, row, strict=False) if col}))
    return out, warnings


def _filled(cell: object) -> bool:
    return cell is not None and bool(str(cell).strip())


def check_facts_file(*, data: Any, campaign: Campaign, user: Any) -> FactsImport:
    """Check every row of the workbook; save nothing. `errors` lists every problem."""
    result = FactsImport()
    try:
        raw, result.warnings = read_sheet(data)
    except ImportRefused as refused:
        result.errors = refused.errors
        return result
    if not raw:
        result.errors.append(RowError(1, "", "文件中没有数据行"))
        return result
    titles = {s.name: s.title for s in rubric.contract_fields()}
    codes = {str(cells.get("org_code") or "").strip() for _n, cells in raw}
    cases = queries.importable_cases(user, campaign, codes - {""})
    seen: dict[str, int] = {}
    for number, cells in raw:
        record = rubric.coerce_cells(cells)
        code = str(record.get("org_code") or "").strip()
        errors = [RowError(number, titles.get(e.field, e.field), e.message_zh)
                  for e in rubric.validate_facts(record)[1]]
        year = record.get("year")
        if year is not None and year != campaign.year and not any(e.column == titles["year"] for e in errors):
            errors.append(RowError(number, titles["year"], f"考评年度应为{campaign.year}，收到{year}"))
        case = cases.get(code)
        if code and code in seen:
            errors.append(RowError(number, titles["org_code"], f"组织代码“{code}”与第{seen[code]}行重复"))
        elif code and (case is None or not _is_community(case)):
            errors.append(RowError(number, titles["org_code"], f"组织代码“{code}”不是本单位范围内参加本年度评星的社区"))
        elif case is not None and case.state not in workflow.EDITABLE_STATES:
            label = workflow.STATE_LABELS[workflow.CaseState(case.state)]
            errors.append(RowError(number, titles["org_code"],
                                   f"{case.organization.name}当前状态为“{label}”，不能再导入考评事实"))
        if code:
            seen.setdefault(code, number)
        if errors:
            result.errors.extend(errors)
            continue
        assert case is not None
        facts = {k: v for k, v in record.items() if v is not None and k not in IDENTITY}
        verdict = engine.judge({**facts, "org_code": code, "year": campaign.year}, campaign.standard_id)
        result.rows.append(ImportedRow(row=number, case=case, facts=facts, star=verdict.star))
    if result.errors:
        result.rows = []
    return result


def _is_community(case: RatingCase) -> bool:
    org = case.organization
    return org.level == OrgLevel.ORGANIZATION and org.kind == OrgKind.COMMUNITY
