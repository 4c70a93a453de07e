"""`workflow.CaseFacts` to JSON and back (the `ServiceCase.facts` column). Pure Python.

Dates and datetimes as ISO text, enums as their values, extensions as a list of objects;
`facts_from_json(facts_to_json(f)) == f` for every reachable CaseFacts (tested).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from pingxing.grid.workflow import AssigneeKind, CaseFacts, CaseState, Extension, Satisfaction

VERSION = 1
_DATETIMES = ("received_at", "updated_at", "registered_at", "dispatched_at", "refuse_until", "closed_at")
_DATES = ("started_on", "deadline")


def _dt(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _d(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _extension_to_json(ext: Extension) -> dict[str, Any]:
    return {"days": ext.days, "reason": ext.reason, "requested_at": ext.requested_at.isoformat(),
            "approved": ext.approved, "decided_at": ext.decided_at.isoformat() if ext.decided_at else None}


def _extension_from_json(raw: dict[str, Any]) -> Extension:
    requested = _dt(raw["requested_at"])
    assert requested is not None
    return Extension(days=int(raw["days"]), reason=str(raw.get("reason", "")), requested_at=requested,
                     approved=raw.get("approved"), decided_at=_dt(raw.get("decided_at")))


def facts_to_json(facts: CaseFacts) -> dict[str, Any]:
    """A JSON-friendly dict of the facts (with a format version)."""
    out: dict[str, Any] = {"v": VERSION}
    for f in fields(facts):
        value = getattr(facts, f.name)
        if f.name in _DATETIMES or f.name in _DATES:
            out[f.name] = value.isoformat() if value is not None else None
        elif f.name == "pending_extension":
            out[f.name] = _extension_to_json(value) if value is not None else None
        elif f.name == "extensions":
            out[f.name] = [_extension_to_json(e) for e in value]
        elif f.name in ("state", "assignee_kind", "satisfaction"):
            out[f.name] = value.value if value is not None else None
        else:
            out[f.name] = value
    return out


def facts_from_json(raw: dict[str, Any]) -> CaseFacts:
    """The facts stored by `facts_to_json`; a KeyError or ValueError for a damaged value."""
    values: dict[str, Any] = {}
    for f in fields(CaseFacts):
        if f.name not in raw:
            continue  # a field added later: its default
        value = raw[f.name]
        if f.name in _DATETIMES:
            values[f.name] = _dt(value)
        elif f.name in _DATES:
            values[f.name] = _d(value)
        elif f.name == "state":
            values[f.name] = CaseState(value)
        elif f.name == "assignee_kind":
            values[f.name] = AssigneeKind(value) if value else None
        elif f.name == "satisfaction":
            values[f.name] = Satisfaction(value) if value else None
        elif f.name == "pending_extension":
            values[f.name] = _extension_from_json(value) if value else None
        elif f.name == "extensions":
            values[f.name] = tuple(_extension_from_json(e) for e in value)
        else:
            values[f.name] = value
    return CaseFacts(**values)
