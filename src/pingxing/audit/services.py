"""Writing and checking the audit trail. Every domain write calls `audit_record`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from pingxing.audit.chain import ChainBreak, entry_hash, verify_chain
from pingxing.audit.models import AuditAction, AuditEntry, AuditHead

# Values of these fields never enter the trail in clear: only "changed".
SENSITIVE_FIELDS = frozenset({"id_number", "phone", "address", "password", "id_number_digest", "otp_token"})
REDACTED = "***"


def _client_ip(request: Any) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def audit_record(
    *,
    action: str,
    user: Any = None,
    username: str = "",
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    organization: Any = None,
    changes: Mapping[str, Any] | None = None,
    request: Any = None,
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction if any.

    The head row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serializes
    writers itself), so concurrent appends can never fork the chain.
    """
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if organization is None and user is not None:
        organization = user.organization
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.last_seq + 1,
            created_at=timezone.now(),
            user=user,
            username=(user.username if user is not None else username)[:150],
            organization=organization,
            org_path=organization.path if organization is not None else "",
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            changes=_redact(dict(changes or {})),
            ip_address=_client_ip(request),
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry_hash(_key(), entry.prev_hash, _as_chain_dict(entry))
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


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


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance, for `model_changes`."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: getattr(obj, name) for name in names}


def verify(batch_size: int = 5000) -> ChainBreak | None:
    """Walk the whole chain in seq order; the first break, or None when intact."""
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.last_seq, head.last_hash) if head else (0, "0" * 64)
    return verify_chain(_key(), _iter_entries(batch_size), head_seq, head_hash)


def _iter_entries(batch_size: int) -> Iterable[dict[str, Any]]:
    fields = ["seq", "created_at", "user_id", "username", "organization_id", "org_path", "action",
              "object_type", "object_id", "object_repr", "changes", "ip_address", "prev_hash", "entry_hash"]
    last = None
    while True:
        qs = AuditEntry.objects.order_by("seq")
        if last is not None:
            qs = qs.filter(seq__gt=last)
        rows = list(qs.values(*fields)[:batch_size])
        if not rows:
            return
        for row in rows:
            row["created_at"] = row["created_at"].isoformat()
            yield row
        last = rows[-1]["seq"]


def _as_chain_dict(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "created_at": entry.created_at.isoformat(),
        "user_id": entry.user_id,
        "username": entry.username,
        "organization_id": entry.organization_id,
        "org_path": entry.org_path,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
        "ip_address": entry.ip_address,
    }


def _redact(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: ([REDACTED, REDACTED] if k in SENSITIVE_FIELDS else v) for k, v in changes.items()}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _key() -> bytes:
    return settings.AUDIT_CHAIN_KEY.encode()


__all__ = ["AuditAction", "audit_record", "model_changes", "snapshot", "verify"]
