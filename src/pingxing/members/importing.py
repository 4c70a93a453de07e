"""Excel import and export of members. All-or-nothing: every row is checked before anything is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from pingxing.core.excel import Column, Limits, RowError, as_date, as_text, read_rows_checked
from pingxing.core.http import actor_of
from pingxing.members.models import Education, Gender, Member, MemberStatus, id_number_digest
from pingxing.members.permissions import can_write_member
from pingxing.members.services import member_validate
from pingxing.orgs.models import Organization, OrgLevel

GENDER_LABELS = {str(label): value for value, label in Gender.choices}
EDUCATION_LABELS = {str(label): value for value, label in Education.choices}
STATUS_LABELS = {str(label): value for value, label in MemberStatus.choices}
YES_NO = {"是": True, "否": False}
COLUMNS = (
    Column("姓名", required=True),
    Column("性别", required=True, choices=tuple(GENDER_LABELS), width=8),
    Column("出生日期", required=True),
    Column("文化程度", required=True, choices=tuple(EDUCATION_LABELS)),
    Column("入党日期", required=True),
    Column("职业/行业"),
    Column("特长"),
    Column("联系电话", text=True),
    Column("身份证号", required=True, text=True, width=22),
    Column("住址", width=30),
    Column("所在党组织代码", required=True, text=True),
    Column("党小组"),
    Column("党员类别", choices=tuple(STATUS_LABELS)),
    Column("流动党员(是/否)", choices=tuple(YES_NO)),
)
#: a whole county's members in one file (14 columns; a little room for a remarks column)
MEMBER_LIMITS = Limits(
    max_bytes=30 * 1024 * 1024, max_rows=50_000, max_columns=40, max_cells=50_000 * 20,
    max_shared_strings=500_000, max_shared_bytes=60 * 1024 * 1024, max_unzipped_bytes=200 * 1024 * 1024,
)
FIELD_HEADER = {
    "name": "姓名", "gender": "性别", "birth_date": "出生日期", "education": "文化程度",
    "joined_on": "入党日期", "occupation": "职业/行业", "specialty": "特长", "phone": "联系电话",
    "id_number": "身份证号", "address": "住址", "organization": "所在党组织代码",
    "party_group": "党小组", "status": "党员类别", "is_mobile": "流动党员(是/否)",
}


@dataclass
class MemberImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: the cells as read, for the workbook of bad rows (the upload is not read twice)
    raw_rows: dict[int, dict[str, Any]] | None = None


def export_row(member: Member, *, full: bool) -> list[Any]:
    return [
        member.name, member.get_gender_display(), member.birth_date, member.get_education_display(),
        member.joined_on, member.occupation, member.specialty,
        member.phone if full else member.phone_masked,
        member.id_number if full else member.id_number_masked,
        member.address if full else ("***" if member.address else ""),
        member.organization.code, member.party_group.name if member.party_group else "",
        member.get_status_display(), "是" if member.is_mobile else "否",
    ]


def _choice(cells, header, labels, number, errors, *, default=None):
    text = as_text(cells.get(header))
    if not text:
        return default
    if text in labels:
        return labels[text]
    if text in labels.values():
        return text
    errors.append(RowError(number, header, f"“{text}”不是可选值（{'/'.join(labels)}）"))
    return default


def parse_members(file: Any, *, user: Any) -> MemberImport:
    """Read and check every row: types, choices, organization codes within the user's scope,
    ID numbers (checksum, duplicates within the file and against the database). Saves nothing."""
    result = MemberImport()
    raw, unreadable = read_rows_checked(file, COLUMNS, limits=MEMBER_LIMITS)
    if unreadable is not None:
        result.errors.append(unreadable)
        return result
    result.raw_rows = dict(raw)
    codes = {as_text(cells.get("所在党组织代码")) for _, cells in raw}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes).prefetch_related("party_groups")}
    seen_digests: dict[str, int] = {}
    for number, cells in raw:
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        for header in ("姓名", "身份证号", "所在党组织代码"):
            if not as_text(cells.get(header)):
                errors.append(RowError(number, header, "必填项为空"))
        values["name"] = as_text(cells.get("姓名"))
        values["gender"] = _choice(cells, "性别", GENDER_LABELS, number, errors)
        values["education"] = _choice(cells, "文化程度", EDUCATION_LABELS, number, errors)
        values["status"] = _choice(cells, "党员类别", STATUS_LABELS, number, errors, default=MemberStatus.FULL)
        values["is_mobile"] = _choice(cells, "流动党员(是/否)", YES_NO, number, errors, default=False)
        for key, header in (("gender", "性别"), ("education", "文化程度")):
            if values[key] is None and not as_text(cells.get(header)):
                errors.append(RowError(number, header, "必填项为空"))
        for key, header in (("birth_date", "出生日期"), ("joined_on", "入党日期")):
            cell = cells.get(header)
            values[key] = as_date(cell)
            if cell in (None, ""):
                errors.append(RowError(number, header, "必填项为空"))
            elif values[key] is None:
                errors.append(RowError(number, header, f"“{as_text(cell)}”不是有效日期（例：1975-03-18）"))
        for key, header in (("occupation", "职业/行业"), ("specialty", "特长"), ("phone", "联系电话"),
                            ("id_number", "身份证号"), ("address", "住址")):
            values[key] = as_text(cells.get(header))
        code = as_text(cells.get("所在党组织代码"))
        org = orgs.get(code)
        if code and org is None:
            errors.append(RowError(number, "所在党组织代码", f"未知的组织代码“{code}”"))
        elif org is not None and not can_write_member(actor_of(user), org.path):
            errors.append(RowError(number, "所在党组织代码", f"组织“{code}”不在您的管理范围内"))
            org = None
        elif org is not None and org.level != OrgLevel.ORGANIZATION:
            errors.append(RowError(number, "所在党组织代码", f"“{code}”不是基层党组织，不能登记党员"))
            org = None
        group_name = as_text(cells.get("党小组"))
        if org is not None and not any(e.column in ("出生日期", "入党日期", "性别", "文化程度") for e in errors):
            member = Member(organization=org, **values)
            try:
                member_validate(member)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    if name in ("id_number_digest", "organization"):
                        continue
                    errors.extend(RowError(number, FIELD_HEADER.get(name, name), m) for m in messages)
            values["id_number"] = member.id_number
        if values["id_number"] and not any(e.column == "身份证号" for e in errors):
            digest = id_number_digest(values["id_number"])
            if digest in seen_digests:
                errors.append(RowError(number, "身份证号", f"与第 {seen_digests[digest]} 行的身份证号重复"))
            else:
                seen_digests[digest] = number
        result.errors.extend(errors)
        result.rows.append({**values, "organization": org, "party_group_name": group_name, "row": number})
    return result
