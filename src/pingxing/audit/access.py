"""Access to the audit trail pages."""

from __future__ import annotations

from typing import Any

from pingxing.audit import permissions
from pingxing.core.access import deny
from pingxing.core.http import actor_of


def require_audit_reader(user: Any, request: Any = None) -> None:
    """Return for the county office and administrators; others get 404, audited."""
    if not permissions.can_read_audit(actor_of(user)):
        deny(user, "audit.auditentry", getattr(request, "path", "")[:64], request)
