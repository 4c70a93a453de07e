"""`pingxing user …`: account administration from the command line (acting as the system).

    pingxing user create --username U --role R --org CODE [--display-name N] [--member-id ID]
    pingxing user import FILE.xlsx       the bulk sheet of the account pages (all or nothing)
    pingxing user reset-password U       a new temporary password (and enrolment code for staff)
    pingxing user unlock U               lift a login lockout
    pingxing user reset-2fa U            remove the authenticator (staff get a new enrolment code)
    pingxing user list                   every account with its state

Temporary passwords and enrolment codes are printed once and stored only as hashes. Every
action is audited as user "cli", marked as coming from the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pingxing.settings")
    import django

    django.setup()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pingxing user", description="账号管理 / account administration")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="新建账号 / create an account")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True,
                        help="county | street | secretary | clerk | member | admin（或中文角色名）")
    create.add_argument("--org", default="", help="组织代码 / organization code (none for admin)")
    create.add_argument("--display-name", default="")
    create.add_argument("--member-id", type=int, default=None)
    bulk = commands.add_parser("import", help="从 Excel 批量创建 / bulk-create from the sheet")
    bulk.add_argument("file")
    for name, text in (("reset-password", "重置密码"), ("unlock", "解除登录锁定"), ("reset-2fa", "重置验证器")):
        command = commands.add_parser(name, help=text)
        command.add_argument("username")
    commands.add_parser("list", help="列出账号 / list accounts")
    return parser


def _role(value: str) -> str:
    from pingxing.accounts.models import ROLE_LABELS
    from pingxing.accounts.roles import as_role

    by_label = {str(label): role.value for role, label in ROLE_LABELS.items()}
    role = as_role(value)
    return role.value if role is not None else by_label.get(value, value)


def _print_credentials(credentials: list[Any], out: TextIO) -> None:
    from django.utils import timezone

    for c in credentials:
        line = f"{c.user.username}\t临时密码 / password: {c.password or '—'}"
        if c.enrolment_code:
            until = timezone.localtime(c.code_expires_at).strftime("%Y-%m-%d %H:%M")
            line += f"\t绑定码 / enrolment code: {c.enrolment_code}（{until} 前有效）"
        print(line, file=out)


def _errors(exc: Any, err: TextIO) -> int:
    for message in exc.messages:
        print(f"错误 / error: {message}", file=err)
    return 1


def _account(username: str) -> Any:
    from pingxing.accounts.models import User

    return User.objects.select_related("organization").filter(username=username).first()


def main(argv: list[str], *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run `pingxing user <argv…>` (argv without the word "user"); 0 on success, 1 on refusal."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    _setup()
    from django.core.exceptions import ValidationError

    from pingxing.accounts import importing, queries, services
    from pingxing.core.excel import RowError

    try:
        if args.command == "create":
            org = queries.org_by_code(args.org) if args.org else None
            if args.org and org is None:
                print(f"错误 / error: 未知的组织代码“{args.org}”", file=err)
                return 1
            member = queries.member_by_id(args.member_id) if args.member_id else None
            if args.member_id and member is None:
                print(f"错误 / error: 没有编号为 {args.member_id} 的党员档案", file=err)
                return 1
            credentials = services.user_onboard(
                username=args.username, display_name=args.display_name, role=_role(args.role),
                organization=org, member=member, by=None)
            _print_credentials([credentials], out)
            return 0
        if args.command == "import":
            with open(args.file, "rb") as sheet:
                parsed = importing.parse_accounts(sheet, user=None)
            if parsed.errors or not parsed.rows:
                for e in parsed.errors or [RowError(1, "", "文件中没有数据行")]:
                    print(f"第 {e.row} 行 {e.column or '—'}：{e.reason}", file=err)
                print("未创建任何账号 / nothing created", file=err)
                return 1
            _print_credentials(services.users_bulk_create(rows=parsed.rows, by=None), out)
            return 0
        if args.command == "list":
            return _list(out)
        account = _account(args.username)
        if account is None:
            print(f"错误 / error: 没有用户名为“{args.username}”的账号", file=err)
            return 1
        if args.command == "reset-password":
            _print_credentials([services.user_password_reset(user=account, by=None)], out)
        elif args.command == "unlock":
            removed = services.user_unlock(user=account, by=None)
            print(f"{account.username}: 已解除登录锁定 / unlocked ({removed})", file=out)
        elif args.command == "reset-2fa":
            credentials = services.user_totp_reset(user=account, by=None)
            print(f"{account.username}: 已重置验证器 / authenticator removed", file=out)
            if credentials.enrolment_code:
                _print_credentials([credentials], out)
        return 0
    except ValidationError as exc:
        return _errors(exc, err)
    except OSError as exc:
        print(f"错误 / error: {exc}", file=err)
        return 1


def _list(out: TextIO) -> int:
    from django.utils import timezone

    from pingxing.accounts.models import User
    from pingxing.accounts.queries import decorate, with_state

    labels = {"bound": "已绑定", "code": "已签发绑定码", "none": "未绑定", "": "—"}
    print("用户名\t姓名\t角色\t组织代码\t状态\t最近登录\t锁定\t验证器", file=out)
    accounts = with_state(User.objects.all()).order_by("organization__path", "role", "username")
    for a in decorate(accounts):
        print("\t".join([
            a.username, a.display_name or "—", a.role, a.organization.code if a.organization else "—",
            "启用" if a.is_active else "停用",
            timezone.localtime(a.last_login).strftime("%Y-%m-%d %H:%M") if a.last_login else "—",
            "已锁定" if a.locked else "—", labels[a.two_factor],
        ]), file=out)
    return 0
