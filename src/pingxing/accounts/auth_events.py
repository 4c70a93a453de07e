"""Authentication events → audit trail. Django only reports these as signals."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from pingxing.accounts.middleware import LOGOUT_REASON_ATTR
from pingxing.core.audit import AuditAction, audit_record


@receiver(user_logged_in)
def _on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOGIN, user=user, request=request)


@receiver(user_logged_out)
def _on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    reason = getattr(request, LOGOUT_REASON_ATTR, "")
    audit_record(
        action=AuditAction.LOGOUT, user=user, request=request,
        changes={"reason": [None, reason]} if reason else None,
    )


@receiver(user_login_failed)
def _on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Django has already scrubbed the password out of credentials; keep only the username.
    audit_record(action=AuditAction.LOGIN_FAILED, username=str(credentials.get("username", "")), request=request)


@receiver(user_locked_out)
def _on_locked_out(sender: Any, request: Any = None, username: str = "", **kwargs: Any) -> None:
    audit_record(action=AuditAction.LOCKED_OUT, username=username or "", request=request)
