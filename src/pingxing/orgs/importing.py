"""Excel import and export of organizations. All-or-nothing: every row is checked first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pingxing.core.excel import Column, Limits, RowError, as_text, read_rows_checked
from pingxing.core.http import actor_of
from pingxing.orgs.models import CHILD_LEVEL, Organization, OrgForm, OrgKind, OrgLevel
from pingxing.orgs.permissions import can_create_org_under

KIND_LABELS = {str(label): value for value, label in OrgKind.choices}
FORM_LABELS = {str(label): value for value, label in OrgForm.choices}
COLUMNS = (
    Column("组织代码", required=True, text=True),
    Column("组织名称", required=True, width=28),
    Column("上级组织代码", required=True, text=True),
    Column("类别", choices=tuple(KIND_LABELS), width=20),
    Column("组织形式", choices=tuple(FORM_LABELS)),
    Column("书记"),
)
#: a county's organizations: streets, communities, branches (6 columns)
ORG_LIMITS = Limits(max_rows=5_000, max_columns=30, max_cells=5_000 * 12, max_shared_strings=50_000)


@dataclass
class OrgImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: the cells as read, for the workbook of bad rows (the upload is not read twice)
    raw_rows: dict[int, dict[str, Any]] | None = None


def export_rows(orgs: Any) -> list[list[str]]:
    rows = []
    for org in orgs.select_related("parent").order_by("path"):
        rows.append([
            org.code, org.name, org.parent.code if org.parent else "",
            org.get_kind_display() if org.kind else "", org.get_form_display() if org.form else "",
            org.secretary_name,
        ])
    return rows


def parse_orgs(file: Any, *, user: Any) -> OrgImport:
    """Read and check every row; nothing is saved. Parents may be in the database (within the
    user's scope) or earlier or later in the same file."""
    result = OrgImport()
    raw, unreadable = read_rows_checked(file, COLUMNS, limits=ORG_LIMITS)
    if unreadable is not None:
        result.errors.append(unreadable)
        return result
    result.raw_rows = dict(raw)
    in_file: dict[str, int] = {}
    for number, cells in raw:
        code = as_text(cells.get("组织代码"))
        if code in in_file:
            result.errors.append(RowError(number, "组织代码", f"与第 {in_file[code]} 行重复：{code}"))
        elif code:
            in_file[code] = number
    existing = {o.code: o for o in Organization.objects.filter(code__in=[*in_file, *_parent_codes(raw)])}
    levels: dict[str, str] = {}
    pending = list(raw)
    # Resolve levels top-down: a row is ready once its parent's level is known.
    for _ in range(len(pending) + 1):
        still = []
        for number, cells in pending:
            parent_code = as_text(cells.get("上级组织代码"))
            parent = existing.get(parent_code)
            if parent is not None:
                levels[as_text(cells.get("组织代码"))] = CHILD_LEVEL.get(parent.level, "")
            elif parent_code in levels:
                levels[as_text(cells.get("组织代码"))] = CHILD_LEVEL.get(levels[parent_code], "")
            else:
                still.append((number, cells))
        if len(still) == len(pending):
            break
        pending = still
    for number, cells in raw:
        result.rows.append(_check_row(number, cells, existing, in_file, levels, user, result.errors))
    return result


def _parent_codes(raw: list[tuple[int, dict[str, Any]]]) -> list[str]:
    return [as_text(cells.get("上级组织代码")) for _, cells in raw]


def _check_row(number, cells, existing, in_file, levels, user, errors) -> dict[str, Any]:
    code, name = as_text(cells.get("组织代码")), as_text(cells.get("组织名称"))
    parent_code = as_text(cells.get("上级组织代码"))
    kind_label, form_label = as_text(cells.get("类别")), as_text(cells.get("组织形式"))
    for header, value in (("组织代码", code), ("组织名称", name), ("上级组织代码", parent_code)):
        if not value:
            errors.append(RowError(number, header, "必填项为空"))
    if code and code in existing:
        errors.append(RowError(number, "组织代码", f"组织代码“{code}”已存在"))
    parent = existing.get(parent_code)
    if parent_code and parent is None and parent_code not in in_file:
        errors.append(RowError(number, "上级组织代码", f"未知的组织代码“{parent_code}”"))
    elif parent is not None and not can_create_org_under(actor_of(user), parent.path):
        errors.append(RowError(number, "上级组织代码", f"组织“{parent_code}”不在您的管理范围内"))
    level = levels.get(code, "")
    if parent_code and not level and (parent is not None or parent_code in in_file):
        errors.append(RowError(number, "上级组织代码", "该上级组织下不能再设下级组织（或上级组织代码循环引用）"))
    kind = KIND_LABELS.get(kind_label, kind_label if kind_label in OrgKind.values else None)
    form = FORM_LABELS.get(form_label, form_label if form_label in OrgForm.values else None)
    if kind_label and kind is None:
        errors.append(RowError(number, "类别", f"未知的类别“{kind_label}”"))
    if form_label and form is None:
        errors.append(RowError(number, "组织形式", f"未知的组织形式“{form_label}”"))
    if level == OrgLevel.ORGANIZATION:
        if not kind_label:
            errors.append(RowError(number, "类别", "基层党组织须填写类别"))
        if not form_label:
            errors.append(RowError(number, "组织形式", "基层党组织须填写组织形式"))
    return {
        "code": code, "name": name, "parent_code": parent_code, "level": level,
        "kind": kind or "", "form": form or "", "secretary_name": as_text(cells.get("书记")),
    }
