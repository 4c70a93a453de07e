"""Reads of the audit trail: filtering and a readable form of the changes."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing.audit.models import AuditEntry, AuditEntryQuerySet

# Keys of event entries (logout, two-factor, export) that are not model fields.
EVENT_LABELS = {
    "reason": gettext_lazy("原因"), "result": gettext_lazy("结果"),
    "filters": gettext_lazy("筛选条件"), "rows": gettext_lazy("导出条数"),
}


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def entries_matching(filters: dict[str, Any]) -> AuditEntryQuerySet:
    """Entries newest first, narrowed by the cleaned values of AuditFilterForm."""
    qs = AuditEntry.objects.select_related("organization").newest_first()
    if filters.get("date_from"):
        qs = qs.filter(created_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        qs = qs.filter(created_at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    if filters.get("username"):
        qs = qs.filter(username__iexact=filters["username"].strip())
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("organization") is not None:
        qs = qs.filter(org_path__startswith=filters["organization"].path)
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"])
    if filters.get("text"):
        text = filters["text"].strip()
        qs = qs.filter(Q(object_repr__icontains=text) | Q(object_id=text))
    return qs


@lru_cache(maxsize=256)
def _model_field(object_type: str, name: str) -> Any:
    try:
        return apps.get_model(object_type)._meta.get_field(name.removesuffix("_id"))
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


def _field_label(object_type: str, name: str) -> str:
    if name in EVENT_LABELS:
        return str(EVENT_LABELS[name])
    field = _model_field(object_type, name)
    return str(field.verbose_name) if field is not None else name


def _readable(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def describe_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each change of an entry, in field order."""
    rows = []
    for name, pair in (entry.changes or {}).items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        rows.append((_field_label(entry.object_type, name), _readable(old), _readable(new)))
    return rows


def changes_text(entry: AuditEntry) -> str:
    return "；".join(f"{label}: {old} → {new}" for label, old, new in describe_changes(entry))
