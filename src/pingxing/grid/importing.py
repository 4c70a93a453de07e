"""Excel import of household files (民情档案) of one community. All-or-nothing: every row is
checked (grid code of the community, ID number, phone, tags, addresses unique in the sheet and
on file) before anything is saved; every bad row is reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pingxing.core.excel import Column, RowError, as_text, read_rows_checked
from pingxing.grid.models import Grid, Household, SituationTag
from pingxing.grid.services import address_digest
from pingxing.members.validators import id_number_error, normalize_id_number, phone_error

COLUMNS = (
    Column("网格编号", required=True, text=True),
    Column("住址", required=True, width=36),
    Column("楼栋", width=12),
    Column("户主姓名", required=True),
    Column("户主身份证号", text=True, width=22),
    Column("户主电话", text=True),
    Column("情况标签", width=20),
    Column("需求", width=30),
)
TAG_SEPARATOR = "、"


@dataclass
class HouseholdImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    raw_rows: dict[int, dict[str, Any]] | None = None


def parse_households(file: Any, *, user: Any) -> HouseholdImport:
    """Read and check every row for the user's community. Saves nothing."""
    result = HouseholdImport()
    raw, unreadable = read_rows_checked(file, COLUMNS)
    if unreadable is not None:
        result.errors.append(unreadable)
        return result
    result.raw_rows = dict(raw)
    grids = {g.code: g for g in Grid.objects.filter(community_id=user.organization_id).select_related("community")}
    tags = {t.name: t for t in SituationTag.objects.all()}
    digests = {number: address_digest(as_text(cells.get("住址"))) for number, cells in raw}
    on_file = set(Household.objects.filter(address_digest__in=set(digests.values()))
                  .values_list("address_digest", flat=True))
    seen: dict[str, int] = {}
    for number, cells in raw:
        errors: list[RowError] = []
        for header in ("网格编号", "住址", "户主姓名"):
            if not as_text(cells.get(header)):
                errors.append(RowError(number, header, "必填项为空"))
        code = as_text(cells.get("网格编号"))
        grid = grids.get(code)
        if code and grid is None:
            errors.append(RowError(number, "网格编号", f"本社区没有编号为“{code}”的网格"))
        address = as_text(cells.get("住址"))
        if address:
            digest = digests[number]
            if digest in on_file:
                errors.append(RowError(number, "住址", "该住址已有民情档案"))
            elif digest in seen:
                errors.append(RowError(number, "住址", f"与第 {seen[digest]} 行的住址重复"))
            else:
                seen[digest] = number
        id_number = normalize_id_number(as_text(cells.get("户主身份证号")))
        if id_number and (problem := id_number_error(id_number)):
            errors.append(RowError(number, "户主身份证号", problem))
        phone = as_text(cells.get("户主电话"))
        if problem := phone_error(phone):
            errors.append(RowError(number, "户主电话", problem))
        row_tags = []
        for name in (t.strip() for t in as_text(cells.get("情况标签")).split(TAG_SEPARATOR)):
            if not name:
                continue
            if name not in tags:
                errors.append(RowError(number, "情况标签", f"未知的情况标签“{name}”"))
            else:
                row_tags.append(tags[name])
        result.errors.extend(errors)
        result.rows.append({
            "row": number, "grid": grid, "address": address[:200], "building": as_text(cells.get("楼栋"))[:40],
            "head_name": as_text(cells.get("户主姓名"))[:50], "id_number": id_number, "phone": phone,
            "tags": row_tags, "needs": as_text(cells.get("需求")),
        })
    return result
