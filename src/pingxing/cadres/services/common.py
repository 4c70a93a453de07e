"""What every write of the cadres app shares: the domain error, the audit call, file checks."""

from __future__ import annotations

from typing import Any

from pingxing.core.audit import audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.uploads import PHOTOS_AND_PDF, upload_problem


class CadreError(Exception):
    """A refused write; the message is for the user."""


def audit(action: str, *, by: Any, obj: Any, organization: Any, changes: dict[str, Any],
          request: Any = None, what: str = "") -> None:
    audit_record(action=action, user=by, obj=obj, organization=organization, changes=changes,
                 request=request, object_repr=what or str(obj))


def checked_upload(upload: Any) -> str:
    """Check an evidence file (photo or PDF) and give it a random stored name; returns the
    name the user gave it."""
    problem = upload_problem(upload, allowed=PHOTOS_AND_PDF)
    if problem:
        raise CadreError(problem)
    original = shortened_name(upload.name, 200)
    upload.name = stored_name(upload.name)
    return original


def clean(text: Any, limit: int) -> str:
    return str(text or "").strip()[:limit]
