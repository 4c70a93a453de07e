"""Reads of the audit trail: filtering, and the trail in Chinese words.

An entry stores codes (`ratings.ratingcase`, `state: ["declared", "assessed"]`); the page and
the export show what they mean: the object type's name, the field's label, the choice's label.
Model fields are described from the models themselves (through `django.apps`, no import of an
app); the few values a model cannot describe (the facts of a rating case, the name of a step)
are described by the app that owns them, which registers a describer from its AppConfig.ready:

    register_value_describer("ratings.ratingcase", None, facts_describer(specs, display))
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.text import camel_case_to_spaces
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing.audit.models import AuditEntry, AuditEntryQuerySet
from pingxing.core.audit import AuditAction

# Keys of event entries (logout, two-factor, export, import …) that are not model fields,
# and keys some apps record beside the model's own fields.
EVENT_LABELS: dict[str, Any] = {
    "reason": gettext_lazy("原因"), "result": gettext_lazy("结果"),
    "filters": gettext_lazy("筛选条件"), "step": gettext_lazy("步骤"),
    "full": gettext_lazy("含敏感信息"), "format": gettext_lazy("格式"),
    "users": gettext_lazy("账号数"), "members": gettext_lazy("党员数"),
    "organizations": gettext_lazy("组织数"), "cases": gettext_lazy("个案数"),
    "member_count": gettext_lazy("党员人数"), "party_group_assignment": gettext_lazy("党小组划分"),
    "star": gettext_lazy("星级"), "field": gettext_lazy("对应事实"),
    "standard": gettext_lazy("考评标准"), "year": gettext_lazy("年度"),
}
_ROWS_LABELS: dict[str, Any] = {
    AuditAction.IMPORT: gettext_lazy("导入条数"), AuditAction.EXPORT: gettext_lazy("导出条数"),
}

# Object types that are no model of ours, and models that carry no Chinese verbose_name yet
# (a verbose_name on the model, or register_object_type, takes precedence).
_OBJECT_TYPES: dict[str, Any] = {
    "otp_totp.totpdevice": gettext_lazy("双因素验证器"),
    "demo": gettext_lazy("演示数据"),
}
_FALLBACK_TYPES: dict[str, Any] = {
    "ratings.factsheet": gettext_lazy("考评事实版本"),
    "ratings.factcorrection": gettext_lazy("事实更正"),
    "ratings.transition": gettext_lazy("流转记录"),
    "ratings.starresult": gettext_lazy("评定结果"),
    "ratings.evidence": gettext_lazy("证明材料"),
    "ratings.objection": gettext_lazy("异议"),
    "ratings.publication": gettext_lazy("评定结果发文"),
    "ratings.starpolicy": gettext_lazy("结果运用"),
    "ratings.cadrebasepay": gettext_lazy("干部基本报酬"),
    "ratings.pay": gettext_lazy("社区干部报酬表"),
    "ratings.report": gettext_lazy("评星晋级通报"),
}

# (name, value) -> (label, text), or None when the describer does not know the name;
# an empty label keeps the default one (the field's verbose_name).
ValueDescriber = Callable[[str, Any], "tuple[str, str] | None"]
_DESCRIBERS: dict[tuple[str, str | None], ValueDescriber] = {}


def register_value_describer(object_type: str, field: str | None, describe: ValueDescriber) -> None:
    """Let an app describe the values of `field` of its `object_type` (field None: any key the
    model does not describe itself). A dict-valued change (e.g. draft_facts) is shown key by key,
    each key described by the describer of its field."""
    _DESCRIBERS[(object_type, field)] = describe


def register_object_type(code: str, label: Any) -> None:
    """Name an object type that is not a model (e.g. "ratings.report") in the trail."""
    _OBJECT_TYPES[code] = label


def facts_describer(specs: Mapping[str, Any], display: Callable[[Any, Any], str]) -> ValueDescriber:
    """A describer for facts: the spec's title for the key, `display(spec, value)` for the value."""
    def describe(name: str, value: Any) -> tuple[str, str] | None:
        spec = specs.get(name)
        if spec is None:
            return None
        return str(spec.title), str(display(spec, value))
    return describe


def labels_describer(labels: Mapping[Any, Any]) -> ValueDescriber:
    """A describer for codes with labels (a step's name, a fact's title), keeping the field's label."""
    def describe(name: str, value: Any) -> tuple[str, str] | None:
        if value is None or value == "":
            return "", "—"
        return "", str(labels.get(value, value))
    return describe


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
        qs = qs.filter(username__icontains=filters["username"].strip())
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


def _model(object_type: str) -> Any:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _named_by_hand(model: Any) -> bool:
    """False when Django made the verbose_name up from the class name (English words)."""
    return str(model._meta.verbose_name) != camel_case_to_spaces(model._meta.object_name)


def object_type_label(object_type: str) -> str:
    """评星案卷, not ratings.ratingcase."""
    if not object_type:
        return ""
    if object_type in _OBJECT_TYPES:
        return str(_OBJECT_TYPES[object_type])
    model = _model(object_type)
    if model is not None and _named_by_hand(model):
        return str(model._meta.verbose_name)
    if object_type in _FALLBACK_TYPES:
        return str(_FALLBACK_TYPES[object_type])
    return str(model._meta.verbose_name) if model is not None else object_type


def object_type_choices() -> list[tuple[str, str]]:
    """Every audited type of Pingxing by its name (the filter of the page)."""
    codes = [m._meta.label_lower for m in apps.get_models()
             if m.__module__.startswith("pingxing.") and m._meta.app_label != "audit"]
    codes += [code for code in (*_OBJECT_TYPES, *_FALLBACK_TYPES) if code not in codes]
    return sorted(((code, object_type_label(code)) for code in codes), key=lambda c: c[0])


@lru_cache(maxsize=256)
def _model_field(object_type: str, name: str) -> Any:
    model = _model(object_type)
    if model is None:
        return None
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return None
    # A change named like a reverse relation ("roll": how many on the roll) is no field of the row.
    return field if not field.auto_created or field.concrete else None


def _field_label(object_type: str, name: str, action: str = "") -> str:
    if name == "rows":
        return str(_ROWS_LABELS.get(action, gettext_lazy("条数")))
    field = _model_field(object_type, name)
    if field is None:
        return str(EVENT_LABELS.get(name, name))
    if str(field.verbose_name) == field.name.replace("_", " "):  # no label of its own
        if field.is_relation and field.related_model is not None:
            return object_type_label(field.related_model._meta.label_lower)
        return str(EVENT_LABELS.get(name, name))
    return str(field.verbose_name)


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
    if isinstance(value, str | int) and value in choices:
        return str(choices[value])
    return _readable(value)


def _field_position(object_type: str, name: str) -> int:
    model = _model(object_type)
    names = [f.attname for f in model._meta.concrete_fields] if model is not None else []
    for candidate in (name, f"{name}_id"):
        if candidate in names:
            return names.index(candidate)
    return len(names)


def _describe(entry: AuditEntry, name: str, value: Any, describe: ValueDescriber | None) -> tuple[str, str]:
    found = describe(name, value) if describe is not None else None
    if found is None:
        return _field_label(entry.object_type, name, entry.action), _display(entry.object_type, name, value)
    label, text = found
    return label or _field_label(entry.object_type, name, entry.action), text


def _is_dict_change(old: Any, new: Any) -> bool:
    return isinstance(old, dict | None) and isinstance(new, dict | None) and (old or new) is not None


def describe_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(label, old, new) for each change of an entry, in the model's field order; a registered
    dict-valued field (a case's draft facts) gives one row per key that changed."""
    rows = []
    changes = entry.changes or {}
    for name in sorted(changes, key=lambda n: _field_position(entry.object_type, n)):
        pair = changes[name]
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        own = _DESCRIBERS.get((entry.object_type, name))
        if own is not None and _is_dict_change(old, new):
            prefix = _field_label(entry.object_type, name, entry.action)
            old, new = old or {}, new or {}
            for key in dict.fromkeys([*new, *old]):
                if old.get(key) == new.get(key):
                    continue
                label, before = _describe(entry, key, old.get(key), own)
                _label, after = _describe(entry, key, new.get(key), own)
                rows.append((f"{prefix}·{label}", before, after))
            continue
        describe = own or _DESCRIBERS.get((entry.object_type, None))
        label, before = _describe(entry, name, old, describe)
        _label, after = _describe(entry, name, new, describe)
        rows.append((label, before, after))
    return rows


def changes_text(entry: AuditEntry) -> str:
    return "；".join(f"{label}: {old} → {new}" for label, old, new in describe_changes(entry))
