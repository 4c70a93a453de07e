"""What every app's access helpers are built from.

An app's `access.py` has one `get_<object>_for_user` per object type: it returns the
object or calls `deny`, which records the refusal in the audit trail and answers 404 —
the same answer whether the object does not exist or lies outside the user's reach, so
ids cannot be probed. `reach_q` turns an app's `Reach` into the queryset filter of its
`visible_*` sets, so the list and the single object follow the same rule.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import Q
from django.http import Http404

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.scope import Reach

# Ids beyond a 64-bit primary key are no ids at all (a 20-digit id must not reach the database).
MAX_ID = 2**63 - 1


def deny(user: Any, object_type: str, object_id: Any, request: Any = None) -> NoReturn:
    """Record a refused access in the audit trail and answer 404."""
    audit_record(
        action=AuditAction.DENIED, user=user, object_type=object_type,
        object_id=str(object_id)[:64], request=request,
    )
    raise Http404


def parse_id(value: Any) -> int:
    """A primary key from a URL or form value; 0 (which matches nothing) when it is not one."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return 0
    return number if 0 < number <= MAX_ID else 0


def reach_q(reach: Reach, *, path: str = "", org: str = "", member: str = "") -> Q:
    """The filter of a reach over a queryset: `path` names the tree-path field
    ("organization__path"), `org` the organization id field, `member` the member id field.
    A reach the queryset has no field for matches nothing."""
    if reach.kind == "all":
        return Q()
    if reach.kind == "subtree" and path:
        return Q(**{f"{path}__startswith": reach.path})
    if reach.kind == "org" and org:
        return Q(**{org: reach.org_id})
    if reach.kind == "self" and member:
        return Q(**{member: reach.member_id})
    return Q(pk__in=[])
