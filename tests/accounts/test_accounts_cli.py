"""`pingxing user …` in-process: the accounts it creates can log in; a bad sheet creates none."""

from __future__ import annotations

import io
import re

import pytest
from accounts_sheets import account_sheet
from django.test import Client

from factories import PASSWORD, make_user, make_world
from pingxing.accounts.cli import main
from pingxing.accounts.models import User
from pingxing.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
PASSWORD_RE = re.compile(r"password: ([A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4})")


@pytest.fixture
def w():
    return make_world()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _logs_in(username: str, password: str) -> bool:
    return Client().post(LOGIN, {"username": username, "password": password}).status_code == 302


def test_user_create_prints_a_password_that_logs_in(w, settings):
    settings.REQUIRE_STAFF_2FA = False
    code, out, _err = _run("create", "--username", "clerk_cli", "--role", "clerk", "--org", w.a1.code,
                           "--display-name", "命令行")
    assert code == 0
    password = PASSWORD_RE.search(out).group(1)
    assert _logs_in("clerk_cli", password)
    account = User.objects.get(username="clerk_cli")
    assert (account.role, account.organization, account.display_name) == ("clerk", w.a1, "命令行")
    assert account.must_change_password
    entry = AuditEntry.objects.filter(action="create", object_id=str(account.pk)).get()
    assert (entry.username, entry.changes["via"]) == ("cli", [None, "command_line"])
    assert password not in str(entry.changes)


def test_user_create_accepts_chinese_role_names_and_prints_an_enrolment_code_for_staff(w, settings):
    settings.REQUIRE_STAFF_2FA = True
    code, out, _err = _run("create", "--username", "jiedao2", "--role", "街道党工委工作人员", "--org", w.street_a.code)
    assert code == 0
    assert "enrolment code:" in out
    assert User.objects.get(username="jiedao2").role == "street"


def test_user_create_refuses_a_role_of_the_wrong_level_in_chinese(w):
    code, _out, err = _run("create", "--username", "bad", "--role", "secretary", "--org", w.street_a.code)
    assert code == 1
    assert "只能属于基层党组织" in err
    assert not User.objects.filter(username="bad").exists()


def test_user_create_needs_a_known_organization(w):
    code, _out, err = _run("create", "--username", "x", "--role", "clerk", "--org", "NOPE")
    assert code == 1 and "未知的组织代码" in err


def test_user_import_creates_every_account_of_a_good_sheet(w, tmp_path, settings):
    settings.REQUIRE_STAFF_2FA = False
    sheet = tmp_path / "accounts.xlsx"
    sheet.write_bytes(account_sheet([[w.a1.code, "党组织书记", "sec_cli", "张三"],
                                     [w.b1.code, "党组织工作人员", "clerk_cli_b1", ""]]).getvalue())
    code, out, _err = _run("import", str(sheet))
    assert code == 0
    printed = dict(re.findall(r"^(\S+)\t临时密码 / password: (\S+)", out, flags=re.M))
    assert set(printed) == {"sec_cli", "clerk_cli_b1"}
    assert _logs_in("clerk_cli_b1", printed["clerk_cli_b1"])


def test_user_import_of_a_bad_sheet_creates_none_and_prints_every_error(w, tmp_path):
    sheet = tmp_path / "bad.xlsx"
    sheet.write_bytes(account_sheet([[w.a1.code, "党组织书记", "good_row", ""],
                                     ["NOPE", "党组织书记", "bad_org", ""],
                                     [w.a1.code, "书记", "bad_role", ""]]).getvalue())
    before = User.objects.count()
    code, _out, err = _run("import", str(sheet))
    assert code == 1
    assert "第 3 行 组织代码" in err and "第 4 行 角色" in err and "未创建任何账号" in err
    assert User.objects.count() == before


def test_reset_password_unlock_and_reset_2fa_from_the_command_line(w, settings):
    settings.REQUIRE_STAFF_2FA = False
    for _ in range(5):
        Client().post(LOGIN, {"username": w.clerk.username, "password": "Wrong-Passw0rd-x"})
    assert not _logs_in(w.clerk.username, PASSWORD)
    code, out, _err = _run("unlock", w.clerk.username)
    assert code == 0 and "unlocked" in out
    assert _logs_in(w.clerk.username, PASSWORD)

    code, out, _err = _run("reset-password", w.clerk.username)
    assert code == 0
    assert _logs_in(w.clerk.username, PASSWORD_RE.search(out).group(1))
    assert not _logs_in(w.clerk.username, PASSWORD)

    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=w.street_user, name="手机", confirmed=True)
    code, out, _err = _run("reset-2fa", w.street_user.username)
    assert code == 0 and not TOTPDevice.objects.filter(user=w.street_user).exists()
    actions = set(AuditEntry.objects.filter(username="cli").values_list("action", flat=True))
    assert actions == {"account_unlock", "password_reset", "totp_reset"}


def test_user_list_shows_every_account_and_unknown_usernames_are_refused(w):
    make_user(role="clerk", organization=w.b1, username="listed_clerk")
    code, out, _err = _run("list")
    assert code == 0 and "listed_clerk" in out and w.admin.username in out
    code, _out, err = _run("unlock", "nobody")
    assert code == 1 and "nobody" in err


def test_a_bad_command_line_explains_itself():
    code, _out, _err = _run()
    assert code == 2
