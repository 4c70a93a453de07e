"""The audit trail's JSON endpoints (mounted by pingxing.api): the same readers as the page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pingxing.audit.access import require_audit_reader
from pingxing.audit.queries import changes_text, entries_matching, object_type_label

router = Router(tags=["审计日志"])
MAX_ENTRIES = 200


class EntryOut(Schema):
    seq: int
    created_at: datetime
    username: str
    action: str
    action_label: str
    object_type: str
    object_type_label: str
    object_id: str
    object_repr: str
    changes: str


@router.get("/audit/entries", response=list[EntryOut], summary="最近的审计日志（县评星办、系统管理员）")
def list_entries(request: HttpRequest, limit: int = 50) -> Any:
    require_audit_reader(request.user, request)
    entries = entries_matching({})[: max(1, min(limit, MAX_ENTRIES))]
    return [
        EntryOut(seq=e.seq, created_at=e.created_at, username=e.username, action=e.action,
                 action_label=e.action_label, object_type=e.object_type,
                 object_type_label=object_type_label(e.object_type), object_id=e.object_id,
                 object_repr=e.object_repr, changes=changes_text(e))
        for e in entries
    ]
