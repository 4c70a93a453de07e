"""The bulk account sheet: secretaries and clerks of a street's communities, all or nothing.

The template comes pre-filled with one secretary and one clerk row per community; the result
(usernames with their temporary passwords and enrolment codes) is built in memory, shown
once and never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pingxing.accounts import permissions, queries, services
from pingxing.accounts.models import ROLE_LABELS
from pingxing.accounts.permissions import BULK_ROLES
from pingxing.accounts.roles import Role
from pingxing.core.excel import Column, Limits, RowError, as_text, build_workbook, read_rows_checked
from pingxing.core.http import actor_of

ORG_CODE, ROLE, USERNAME, NAME = "组织代码", "角色", "用户名", "姓名"
ROLE_BY_LABEL = {str(ROLE_LABELS[r]): r for r in BULK_ROLES}
COLUMNS = (
    Column(ORG_CODE, required=True, text=True),
    Column(ROLE, required=True, choices=tuple(ROLE_BY_LABEL), width=20),
    Column(USERNAME, required=True, text=True, width=24),
    Column(NAME, width=14),
    Column("组织名称（仅供核对）", width=24),
)
_FIELD_COLUMN = {"username": USERNAME, "display_name": NAME, "role": ROLE, "organization": ORG_CODE}
SUGGESTED = ((Role.SECRETARY, "secretary"), (Role.CLERK, "clerk"))
SHEET_TITLE = "账号"
#: a secretary and a clerk for each community of a street, or of a county (5 columns)
ACCOUNT_LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_rows=2_000, max_columns=20, max_cells=2_000 * 10,
                        max_shared_strings=20_000)


@dataclass
class AccountImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: the cells as read, for the workbook of bad rows (the upload is not read twice)
    raw_rows: dict[int, dict[str, Any]] | None = None


def template_rows(street: Any) -> list[list[str]]:
    """One secretary row and one clerk row per community of the street (secretary_<code>,
    clerk_<code>), leaving out usernames that already exist."""
    rows = []
    communities = list(queries.communities_of(street)) if street is not None else []
    suggested = [(org, role, f"{prefix}_{org.code.lower()}") for org in communities for role, prefix in SUGGESTED]
    taken = queries.existing_usernames(name for _org, _role, name in suggested)
    for org, role, username in suggested:
        if username.lower() in taken:
            continue
        name = org.secretary_name if role == Role.SECRETARY else ""
        rows.append([org.code, str(ROLE_LABELS[role]), username, name, org.name])
    return rows


def template_workbook(street: Any) -> Workbook:
    return build_workbook(SHEET_TITLE, COLUMNS, template_rows(street))


def parse_accounts(file: Any, *, user: Any) -> AccountImport:
    """Check every row (organization within reach, role ↔ level, usernames unique in the file
    and the database). Saves nothing. `user` None: the system (the command line)."""
    result = AccountImport()
    raw, unreadable = read_rows_checked(file, COLUMNS, limits=ACCOUNT_LIMITS)
    if unreadable is not None:
        result.errors.append(unreadable)
        return result
    result.raw_rows = dict(raw)
    orgs = queries.orgs_by_code(as_text(cells.get(ORG_CODE)) for _n, cells in raw)
    seen: dict[str, int] = {}
    for number, cells in raw:
        errors: list[RowError] = []
        for header in (ORG_CODE, ROLE, USERNAME):
            if not as_text(cells.get(header)):
                errors.append(RowError(number, header, _("必填项为空")))
        code, label = as_text(cells.get(ORG_CODE)), as_text(cells.get(ROLE))
        username, display_name = as_text(cells.get(USERNAME)), as_text(cells.get(NAME))
        org = orgs.get(code)
        role = ROLE_BY_LABEL.get(label)
        if label and role is None:
            errors.append(RowError(number, ROLE, _("“%(v)s”不是可选值（%(all)s）") % {
                "v": label, "all": "/".join(ROLE_BY_LABEL)}))
        if code and org is None:
            errors.append(RowError(number, ORG_CODE, _("未知的组织代码“%(code)s”") % {"code": code}))
        elif org is not None and user is not None and not _may_grant(user, role, org):
            errors.append(RowError(number, ORG_CODE, _("组织“%(code)s”不在您的管理范围内") % {"code": code}))
            org = None
        if username and username.lower() in seen:
            errors.append(RowError(number, USERNAME, _("与第 %(n)d 行的用户名重复") % {"n": seen[username.lower()]}))
        elif username:
            seen[username.lower()] = number
        if org is not None and role is not None and username and not errors:
            try:
                services.account_validate(username=username, display_name=display_name, role=role,
                                          organization=org)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.extend(RowError(number, _FIELD_COLUMN.get(name, ""), m) for m in messages)
        result.errors.extend(errors)
        result.rows.append({"username": username, "display_name": display_name, "role": role,
                            "organization": org, "row": number})
    return result


def _may_grant(user: Any, role: Role | None, org: Any) -> bool:
    actor = actor_of(user)
    if role is None:
        return permissions.account_manage_reach(actor).covers(path=org.path)
    return permissions.can_grant_role(actor, role, org.path)


CREDENTIAL_COLUMNS = (
    Column("用户名", text=True, width=24), Column("姓名", width=14), Column("角色", width=20),
    Column("所属组织", width=28), Column("临时密码", text=True, width=20),
    Column("验证器绑定码", text=True, width=20), Column("绑定码有效期至", width=20),
)


def credentials_workbook(credentials: list[services.Credentials]) -> Workbook:
    """The sheet of initial passwords, built in memory for a one-time download."""
    from django.utils import timezone

    rows = [
        [c.user.username, c.user.display_name, c.user.get_role_display(),
         c.user.organization.name if c.user.organization else "", c.password, c.enrolment_code,
         timezone.localtime(c.code_expires_at).strftime("%Y-%m-%d %H:%M") if c.code_expires_at else ""]
        for c in credentials
    ]
    return build_workbook("初始密码", CREDENTIAL_COLUMNS, rows)
