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


def _display(object_type: str, name: str, value: Any) -> str:
    """A choice shows its label (文化程度 “本科”, not “bachelor”)."""
    field = _model_field(object_type, name)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if value in choices:
        return str(choices[value])
    return _readable(value)


def _field_position(object_type: str, name: str) -> int:
    model_type = object_type.split(".")
    try:
        model = apps.get_model(*model_type) if len(model_type) == 2 else None
    except LookupError:
        model = None
    names = [f.attname for f in model._meta.concrete_fields] if model is not None else []
    for candidate in (name, f"{name}_id"):
        if candidate in names:
            return names.index(candidate)
    return len(names)


def describe_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(field label, old, new) for each change of an entry, in the model's field order."""
    rows = []
    names = sorted((entry.changes or {}), key=lambda n: _field_position(entry.object_type, n))
    for name in names:
        pair = entry.changes[name]
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        rows.append((_field_label(entry.object_type, name),
                     _display(entry.object_type, name, old), _display(entry.object_type, name, new)))
    return rows


def changes_text(entry: AuditEntry) -> str:
    return "；".join(f"{label}: {old} → {new}" for label, old, new in describe_changes(entry))
