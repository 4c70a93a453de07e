"""The audit port: every app records its writes here, in the same transaction.

`audit_record(...)` hands the entry to the writer that the audit app registers when it
starts (`pingxing.audit`, a tamper-evident hash chain). Core imports no app: the audit
app plugs itself in, and apps add their own kinds of event with `register_actions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

# Values of these fields never enter the trail in clear: only whether they changed.
SENSITIVE_FIELDS = frozenset({
    "id_number", "phone", "address", "password", "id_number_digest", "otp_token",
    "voting_code", "enrolment_code",
})
REDACTED = "***"

class AuditAction(StrEnum):
    """The events every app shares. An app's own events are registered by the app."""

    LOGIN = "login"
    LOGOUT = "logout"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    DENIED = "denied"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    IMPORT = "import"
    EXPORT = "export"
    TWO_FACTOR = "two_factor"
    VIEW_SENSITIVE = "view_sensitive"

_LABELS: dict[str, Any] = {
    AuditAction.LOGIN: _("登录"),
    AuditAction.LOGOUT: _("退出"),
    AuditAction.LOGIN_FAILED: _("登录失败"),
    AuditAction.LOCKED_OUT: _("账号锁定"),
    AuditAction.DENIED: _("越权访问被拒绝"),
    AuditAction.CREATE: _("新增"),
    AuditAction.UPDATE: _("修改"),
    AuditAction.DELETE: _("删除"),
    AuditAction.IMPORT: _("导入"),
    AuditAction.EXPORT: _("导出"),
    AuditAction.TWO_FACTOR: _("双因素认证"),
    AuditAction.VIEW_SENSITIVE: _("查看敏感信息"),
}
MAX_ACTION_LENGTH = 16  # AuditEntry.action

def register_actions(actions: Mapping[str, Any]) -> None:
    """Add an app's own kinds of event ({code: label}); codes are unique across apps."""
    for code, label in actions.items():
        if len(code) > MAX_ACTION_LENGTH:
            raise ValueError(f"audit action {code!r} is longer than {MAX_ACTION_LENGTH} characters")
        if code in _LABELS and str(_LABELS[code]) != str(label):
            raise ValueError(f"audit action {code!r} is already registered")
        _LABELS[code] = label

def action_label(code: str) -> str:
    return str(_LABELS.get(code, code))

def action_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in _LABELS.items()]

class Writer(Protocol):
    def __call__(self, **entry: Any) -> Any: ...

_writer: list[Writer] = []

def register_writer(writer: Writer) -> None:
    """Called once by the audit app's AppConfig.ready."""
    _writer[:] = [writer]

def audit_record(
    *,
    action: str,
    user: Any = None,
    username: str = "",
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    organization: Any = None,
    changes: Mapping[str, Any] | None = None,
    request: Any = None,
) -> Any:
    """Append one entry to the audit trail, inside the caller's transaction if any.

    `changes` is {"field": [old, new]}; values of SENSITIVE_FIELDS are hidden by the writer.
    """
    if not _writer:
        raise RuntimeError("no audit writer: add pingxing.audit to INSTALLED_APPS")
    return _writer[0](
        action=str(action), user=user, username=username, obj=obj, object_type=object_type,
        object_id=object_id, object_repr=object_repr, organization=organization,
        changes=changes, request=request,
    )

def model_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, Any]:
    """{"field": [old, new]} for every field that differs (create: old None; delete: new None)."""
    old = old or {}
    new = new or {}
    diff: dict[str, Any] = {}
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before != after:
            diff[name] = [_jsonable(before), _jsonable(after)]
    return diff

def snapshot(obj: Any, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, for `model_changes`."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: getattr(obj, name) for name in names}

def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
