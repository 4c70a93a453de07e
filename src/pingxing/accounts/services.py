"""Writes of account administration: each atomic and audited in the same transaction.

`by` is the acting account manager, or None when the system acts (the `pingxing user`
command): then the audit entry is written for "cli" and says it came from the command line.
Temporary passwords and enrolment codes are returned once and never stored readable (the
password as Django's hash, the code as a hash too); the audit trail only says they changed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from pingxing.accounts import permissions, queries
from pingxing.accounts.models import ROLE_LABELS, EnrolmentCode, User
from pingxing.accounts.passwords import temporary_password
from pingxing.accounts.permissions import AccountFacts
from pingxing.accounts.roles import ROLE_ORG_LEVELS, TWO_FACTOR_ROLES, Role, as_role
from pingxing.accounts.throttle import forget_failures
from pingxing.core.audit import REDACTED, AuditAction, audit_record, model_changes, snapshot
from pingxing.core.http import ActingUser, actor_of, user_path

SYSTEM_USERNAME = "cli"
ENROLMENT_CODE_HOURS = 72
# No look-alike characters: the code is read off a sheet and typed on a phone.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12  # about 59 bits
_ACCOUNT_FIELDS = ("username", "display_name", "role", "organization_id", "member_id", "is_active",
                   "must_change_password")


class AccountAction(StrEnum):
    """The accounts app's own kinds of audit event (registered by AccountsConfig)."""

    PASSWORD_RESET = "password_reset"
    UNLOCK = "account_unlock"
    TOTP_RESET = "totp_reset"
    ENROLMENT_CODE = "enrolment_code"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"
    ROLE_CHANGE = "role_change"


ACTION_LABELS = {
    AccountAction.PASSWORD_RESET: gettext_lazy("重置密码"),
    AccountAction.UNLOCK: gettext_lazy("解除登录锁定"),
    AccountAction.TOTP_RESET: gettext_lazy("重置验证器"),
    AccountAction.ENROLMENT_CODE: gettext_lazy("签发验证器绑定码"),
    AccountAction.DEACTIVATE: gettext_lazy("停用账号"),
    AccountAction.REACTIVATE: gettext_lazy("启用账号"),
    AccountAction.ROLE_CHANGE: gettext_lazy("变更角色或组织"),
}


@dataclass(frozen=True)
class Credentials:
    """What an account manager hands over, once: a temporary password and/or an enrolment code."""

    user: User
    password: str = ""
    enrolment_code: str = ""
    code_expires_at: datetime | None = None


# --- helpers -------------------------------------------------------------------------------

def _who(username: str) -> str:
    return str(_("账号“%(name)s”") % {"name": username})


def _require(by: ActingUser | None, allowed: bool) -> None:
    """The system (by=None) may do anything; an account manager only what permissions allow."""
    if by is not None and not allowed:
        raise PermissionDenied


def _audit(action: str, *, by: ActingUser | None, account: User, changes: Mapping[str, Any],
           request: Any = None) -> None:
    entry = dict(changes)
    if by is None:
        entry["via"] = [None, "command_line"]
    audit_record(action=action, user=by, username="" if by is not None else SYSTEM_USERNAME,
                 obj=account, organization=account.organization, changes=entry, request=request)


def _snapshot(account: User) -> dict[str, Any]:
    return snapshot(account, _ACCOUNT_FIELDS)


def _level_label(level: str) -> str:
    if not level:
        return str(_("不属于任何组织"))
    # The organization levels are named once, by the orgs model (reached through the registry).
    field = queries.organization_model()._meta.get_field("level")
    return str(dict(field.choices).get(level, level))


def _allowed_levels(role: Role) -> str:
    return str(_("或")).join(_level_label(level) for level in sorted(ROLE_ORG_LEVELS[role]))


def enrolment_required(user: Any) -> bool:
    """Whether binding this account's first authenticator needs an enrolment code."""
    return bool(settings.REQUIRE_STAFF_2FA) and user.role in TWO_FACTOR_ROLES


def _has_bound_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def normalize_code(text: str) -> str:
    """An enrolment code as typed ("abcd efgh-jkmn") in its stored form ("ABCDEFGHJKMN")."""
    return re.sub(r"[\s\-]", "", text or "").upper()


# --- validation ----------------------------------------------------------------------------

def account_validate(*, username: str, display_name: str, role: str, organization: Any,
                     member: Any = None, account: User | None = None) -> None:
    """Raise ValidationError naming the account and the field: username, role ↔ level, member."""
    who = _who(username or _("（未填用户名）"))
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("%(who)s：用户名不能为空") % {"who": who}]
    elif len(username) > 150:
        errors["username"] = [_("%(who)s：用户名不能超过150个字符") % {"who": who}]
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors["username"] = [_("%(who)s：用户名只能包含字母、数字和 @ . + - _") % {"who": who}]
        taken = User.objects.filter(username__iexact=username)
        if account is not None:
            taken = taken.exclude(pk=account.pk)
        if "username" not in errors and taken.exists():
            errors["username"] = [_("%(who)s：用户名已被使用") % {"who": who}]
    if len(display_name) > 50:
        errors["display_name"] = [_("%(who)s：姓名不能超过50个字符") % {"who": who}]
    known = as_role(role)
    level = organization.level if organization is not None else ""
    if known is None:
        errors["role"] = [_("%(who)s：请选择有效的角色") % {"who": who}]
    elif not permissions.role_fits_level(known, level):
        errors["organization"] = [_("%(who)s：角色“%(role)s”只能属于%(levels)s") % {
            "who": who, "role": ROLE_LABELS[known], "levels": _allowed_levels(known)}]
    if member is not None:
        if organization is None or member.organization_id != organization.pk:
            errors["member"] = [_("%(who)s：党员档案“%(name)s”不属于所选组织") % {
                "who": who, "name": member.name}]
        elif User.objects.filter(member=member).exclude(pk=account.pk if account else None).exists():
            errors["member"] = [_("%(who)s：党员档案“%(name)s”已关联其他账号") % {
                "who": who, "name": member.name}]
    if errors:
        raise ValidationError(errors)


# --- creation ------------------------------------------------------------------------------

def user_create(*, username: str, display_name: str, role: str, organization: Any,
                member: Any = None, by: ActingUser | None, request: Any = None) -> tuple[User, str]:
    """Create an account with a one-time temporary password (returned, never stored readable);
    the user must change it at their first login."""
    username, display_name = username.strip(), display_name.strip()
    org_path = organization.path if organization is not None else ""
    _require(by, permissions.can_grant_role(actor_of(by), role, org_path))
    account_validate(username=username, display_name=display_name, role=role,
                     organization=organization, member=member)
    user = User(username=username, display_name=display_name, role=role, organization=organization,
                member=member, must_change_password=True)
    password = temporary_password(user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
        changes = model_changes(None, _snapshot(user))
        changes["password"] = [None, REDACTED]
        _audit(AuditAction.CREATE, by=by, account=user, changes=changes, request=request)
    return user, password


def user_onboard(*, username: str, display_name: str, role: str, organization: Any,
                 member: Any = None, by: ActingUser | None, request: Any = None) -> Credentials:
    """Create an account and everything to hand over: the temporary password and, for staff
    who must bind an authenticator, an enrolment code — in one transaction."""
    with transaction.atomic():
        user, password = user_create(username=username, display_name=display_name, role=role,
                                     organization=organization, member=member, by=by, request=request)
        if not enrolment_required(user):
            return Credentials(user=user, password=password)
        code = enrolment_code_issue(user=user, by=by, request=request)
    return Credentials(user=user, password=password, enrolment_code=code.enrolment_code,
                       code_expires_at=code.code_expires_at)


def users_bulk_create(*, rows: Sequence[Mapping[str, Any]], by: ActingUser | None, request: Any = None) -> list[Credentials]:
    """Create every account of a checked sheet (all or nothing): one import entry, one
    create entry per account. Each row: username, display_name, role, organization."""
    changes: dict[str, Any] = {"rows": [None, len(rows)]}
    if by is None:
        changes["via"] = [None, "command_line"]
    with transaction.atomic():
        audit_record(action=AuditAction.IMPORT, user=by, username="" if by is not None else SYSTEM_USERNAME,
                     object_type="accounts.user", changes=changes, request=request)
        return [
            user_onboard(username=row["username"], display_name=row.get("display_name", ""),
                         role=row["role"], organization=row["organization"], by=by, request=request)
            for row in rows
        ]


# --- status, role and organization -----------------------------------------------------

def _guard_last_admin(user: User) -> None:
    """An administrator cannot deactivate or demote the last active administrator."""
    if user.role != Role.ADMIN or not user.is_active:
        return
    others = list(queries.active_admins().select_for_update().exclude(pk=user.pk).values_list("pk", flat=True))
    if not others:
        raise ValidationError({"role": [_("%(who)s：这是最后一个启用的系统管理员账号，不能停用或变更角色") % {
            "who": _who(user.username)}]})


def _locked(user: User) -> User:
    locked: User = User.objects.select_for_update(of=("self",)).select_related("organization").get(pk=user.pk)
    return locked


def user_deactivate(*, user: User, by: ActingUser | None, request: Any = None) -> User:
    """Deactivate an account (it can no longer log in; nothing is deleted)."""
    _require(by, permissions.can_change_account(actor_of(by), _facts(user)))
    with transaction.atomic():
        locked = _locked(user)
        if not locked.is_active:
            raise ValidationError({"is_active": [_("%(who)s：账号已是停用状态") % {"who": _who(locked.username)}]})
        _guard_last_admin(locked)
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        _audit(AccountAction.DEACTIVATE, by=by, account=locked, changes={"is_active": [True, False]},
               request=request)
    return locked


def user_reactivate(*, user: User, by: ActingUser | None, request: Any = None) -> User:
    """Let a deactivated account log in again."""
    _require(by, permissions.can_change_account(actor_of(by), _facts(user)))
    with transaction.atomic():
        locked = _locked(user)
        if locked.is_active:
            raise ValidationError({"is_active": [_("%(who)s：账号已是启用状态") % {"who": _who(locked.username)}]})
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        _audit(AccountAction.REACTIVATE, by=by, account=locked, changes={"is_active": [False, True]},
               request=request)
    return locked


def user_change_role(*, user: User, role: str, organization: Any, by: ActingUser | None, request: Any = None) -> User:
    """Give an account another role and/or organization. A linked member record that does not
    belong to the new organization is unlinked (the audit entry says so)."""
    org_path = organization.path if organization is not None else ""
    _require(by, permissions.can_change_role(actor_of(by), _facts(user), role, org_path))
    with transaction.atomic():
        locked = _locked(user)
        member = locked.member
        if member is not None and (organization is None or member.organization_id != organization.pk):
            member = None
        account_validate(username=locked.username, display_name=locked.display_name, role=role,
                         organization=organization, member=member, account=locked)
        if role != Role.ADMIN:
            _guard_last_admin(locked)
        before = _snapshot(locked)
        locked.role, locked.organization, locked.member = role, organization, member
        changes = model_changes(before, _snapshot(locked))
        if not changes:
            return locked
        locked.save(update_fields=["role", "organization", "member"])
        _audit(AccountAction.ROLE_CHANGE, by=by, account=locked, changes=changes, request=request)
    return locked


def _facts(user: User) -> AccountFacts:
    return AccountFacts(role=str(user.role), org_path=user_path(user), user_id=user.pk)


# --- password, lockout, authenticator -------------------------------------------------------

def user_password_reset(*, user: User, by: ActingUser | None, request: Any = None) -> Credentials:
    """A new one-time temporary password (the user must change it at next login). Staff who
    have no authenticator bound also get an enrolment code, so the sheet has all they need."""
    _require(by, permissions.can_manage_account(actor_of(by), _facts(user)))
    with transaction.atomic():
        locked = _locked(user)
        password = temporary_password(locked)
        was_flagged = locked.must_change_password
        locked.set_password(password)
        locked.must_change_password = True
        locked.save(update_fields=["password", "must_change_password"])
        _audit(AccountAction.PASSWORD_RESET, by=by, account=locked, request=request, changes={
            "password": [REDACTED, REDACTED], "must_change_password": [was_flagged, True]})
        if not enrolment_required(locked) or _has_bound_device(locked):
            return Credentials(user=locked, password=password)
        code = enrolment_code_issue(user=locked, by=by, request=request)
    return Credentials(user=locked, password=password, enrolment_code=code.enrolment_code,
                       code_expires_at=code.code_expires_at)


def user_unlock(*, user: User, by: ActingUser | None, request: Any = None) -> int:
    """Lift a django-axes login lockout of this username (from every address); returns how
    many attempt records were removed."""
    _require(by, permissions.can_manage_account(actor_of(by), _facts(user)))
    with transaction.atomic():
        removed = int(axes_reset(username=user.username)) + forget_failures(user.username)
        _audit(AccountAction.UNLOCK, by=by, account=user, changes={"attempt_records": [removed, 0]},
               request=request)
    return removed


def user_totp_reset(*, user: User, by: ActingUser | None, request: Any = None) -> Credentials:
    """Remove the account's authenticators: it binds a new one at next login (staff outside the
    demo with the enrolment code returned here)."""
    _require(by, permissions.can_manage_account(actor_of(by), _facts(user)))
    with transaction.atomic():
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        _audit(AccountAction.TOTP_RESET, by=by, account=user, changes={"devices": [removed, 0]},
               request=request)
        if not enrolment_required(user):
            return Credentials(user=user)
        return enrolment_code_issue(user=user, by=by, request=request)


# --- enrolment codes -------------------------------------------------------------------------

def enrolment_code_issue(*, user: User, by: ActingUser | None, request: Any = None) -> Credentials:
    """A one-time code (valid ENROLMENT_CODE_HOURS) to bind the account's first authenticator.
    It replaces any earlier unused code; only its hash is stored."""
    _require(by, permissions.can_manage_account(actor_of(by), _facts(user)))
    if _has_bound_device(user):
        raise ValidationError({"enrolment_code": [_("%(who)s：已绑定验证器；如需更换，请先重置验证器") % {
            "who": _who(user.username)}]})
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    expires_at = timezone.now() + timedelta(hours=ENROLMENT_CODE_HOURS)
    with transaction.atomic():
        replaced, _details = EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        EnrolmentCode.objects.create(user=user, code_hash=make_password(raw), expires_at=expires_at,
                                     issued_by=by if by is not None else None)
        _audit(AccountAction.ENROLMENT_CODE, by=by, account=user, request=request, changes={
            "enrolment_code": [None, REDACTED], "expires_at": [None, expires_at.isoformat()],
            "replaced": [replaced, 0]})
    code = "-".join(raw[i:i + 4] for i in range(0, _CODE_LENGTH, 4))
    return Credentials(user=user, enrolment_code=code, code_expires_at=expires_at)


def enrolment_code_find(*, user: Any, code: str) -> EnrolmentCode | None:
    """The user's usable enrolment code matching `code`, or None."""
    typed = normalize_code(code)
    if not typed:
        return None
    candidates: list[EnrolmentCode] = list(EnrolmentCode.objects.usable().filter(user=user))
    for candidate in candidates:
        if check_password(typed, candidate.code_hash):
            return candidate
    return None


def enrolment_code_usable(*, user: Any, code_id: Any) -> EnrolmentCode | None:
    """The accepted code kept in the session, if it is still unused and unexpired."""
    if not isinstance(code_id, int):
        return None
    found: EnrolmentCode | None = EnrolmentCode.objects.usable().filter(user=user, pk=code_id).first()
    return found


def totp_device_bind(*, user: Any, device: Any, code_id: int | None, request: Any = None) -> bool:
    """Confirm a verified first device; with an enrolment code, use it up in the same
    transaction. False (nothing bound) when the code has meanwhile been used or expired."""
    with transaction.atomic():
        changes: dict[str, Any] = {"result": [None, "device_confirmed"]}
        if code_id is not None:
            code = EnrolmentCode.objects.usable().select_for_update().filter(user=user, pk=code_id).first()
            if code is None:
                return False
            code.used_at = timezone.now()
            code.save(update_fields=["used_at"])
            changes["enrolment_code_id"] = [None, code.pk]
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(action=AuditAction.TWO_FACTOR, user=user, object_type="otp_totp.totpdevice",
                     object_id=str(device.pk), object_repr="TOTP", changes=changes, request=request)
    return True
