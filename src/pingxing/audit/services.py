"""The audit trail's writer (registered as core.audit's writer), its verification and checkpoints.

Apps never call this module: they record through `pingxing.core.audit.audit_record`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from pingxing.audit.chain import (
    GENESIS_HASH,
    ChainBreak,
    Checkpoint,
    check_checkpoint,
    entry_hash,
    head_mac,
    verify_chain,
)
from pingxing.audit.checkpoint import checkpoint_write, checkpoints_load
from pingxing.audit.middleware import current_request
from pingxing.audit.models import AuditEntry, AuditHead
from pingxing.core.audit import REDACTED, SENSITIVE_FIELDS
from pingxing.core.clientip import client_ip
from pingxing.core.logredact import redact


def write_entry(
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
    writers itself), so concurrent appends can never fork the chain. Without `request`, the
    client address is that of the request being answered (AuditRequestMiddleware), if any.
    """
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if organization is None and user is not None:
        organization = user.organization
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
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
            object_type=object_type[:64],
            object_id=str(object_id)[:64],
            object_repr=redact(object_repr)[:200],
            changes=_plain_json(_redact(dict(changes or {}))),
            ip_address=client_ip(request if request is not None else current_request()),
            prev_hash=head.last_hash,
        )
        entry.entry_hash = entry_hash(_key(), entry.prev_hash, _as_chain_dict(entry))
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.entry_hash
        head.last_mac = head_mac(_key(), head.last_seq, head.last_hash)
        head.save(update_fields=["last_seq", "last_hash", "last_mac"])
    return entry


def checkpoint() -> Checkpoint:
    """Write the current head (seq, hash), signed with the audit key, to AUDIT_CHECKPOINT_DIR.

    Run it after backups and on a schedule: `verify` then notices a head row rewound to
    any point before the newest checkpoint.
    """
    head = AuditHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    seq, last_hash = head if head is not None else (0, GENESIS_HASH)
    return checkpoint_write(seq=seq, last_hash=last_hash)


def verify(batch_size: int = 5000) -> ChainBreak | None:
    """Walk the whole chain in seq order; the first break, or None when intact.

    Only entries up to the head read at the start are walked, so appends made
    while verifying are not mistaken for insertions; an entry beyond the head
    as it stands at the end is one the chain never issued. Then every checkpoint
    file must be signed with the audit key and still be on the chain: reached, with
    the same hash at its seq (a rewound head row falls short of a newer checkpoint).
    """
    # Checkpoints first: one written while we walk names a head we have not read.
    checkpoints, refused = checkpoints_load()
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        newest = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
        if newest is None:  # nothing ever written, or every entry removed with the head
            return _check_checkpoints(checkpoints, refused, 0)
        return ChainBreak(newest, "truncated", "the head row is missing")
    broken = verify_chain(
        _key(), _iter_entries(batch_size, head.last_seq), head.last_seq, head.last_hash, head.last_mac
    )
    if broken is not None:
        return broken
    now_seq = AuditHead.objects.filter(pk=1).values_list("last_seq", flat=True).first() or 0
    beyond = AuditEntry.objects.filter(seq__gt=max(now_seq, head.last_seq)).order_by("seq")
    stray = beyond.values_list("seq", flat=True).first()
    if stray is not None:
        return ChainBreak(stray, "inserted", "a sequence number the chain never issued")
    return _check_checkpoints(checkpoints, refused, head.last_seq)


def _check_checkpoints(
    checkpoints: list[Checkpoint], refused: list[tuple[str, str]], head_seq: int
) -> ChainBreak | None:
    if refused:
        name, why = refused[0]
        return ChainBreak(None, "forged", f"checkpoint {name}: {why}", name)
    seqs = [c.seq for c in checkpoints if 0 < c.seq <= head_seq]
    hashes: dict[int, str] = {}
    for start in range(0, len(seqs), 500):
        rows = AuditEntry.objects.filter(seq__in=seqs[start:start + 500]).values_list("seq", "entry_hash")
        hashes.update(dict(rows))
    for found in sorted(checkpoints, key=lambda c: (-c.seq, c.name)):
        broken = check_checkpoint(found, head_seq, hashes.get(found.seq))
        if broken is not None:
            return broken
    return None


def _iter_entries(batch_size: int, up_to_seq: int) -> Iterable[dict[str, Any]]:
    fields = ["seq", "created_at", "user_id", "username", "organization_id", "org_path", "action",
              "object_type", "object_id", "object_repr", "changes", "ip_address", "prev_hash", "entry_hash"]
    last = None
    while True:
        qs = AuditEntry.objects.filter(seq__lte=up_to_seq).order_by("seq")
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
    return {k: (_redact_pair(v) if k in SENSITIVE_FIELDS else v) for k, v in changes.items()}


def _redact_pair(pair: Any) -> list[str | None]:
    """Hide both values, but keep whether each side was empty ("— → ***" on a create)."""
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return [None if v in (None, "") else REDACTED for v in pair]
    return [REDACTED, REDACTED]


def _plain_json(changes: dict[str, Any]) -> dict[str, Any]:
    # What is hashed must be exactly what the JSON column gives back: tuples,
    # dates and decimals become lists and strings before either sees them.
    plain: dict[str, Any] = json.loads(json.dumps(changes, default=str))
    return plain


def _key() -> bytes:
    return str(settings.AUDIT_CHAIN_KEY).encode()


__all__ = ["checkpoint", "verify", "write_entry"]
