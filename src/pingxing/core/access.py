"""The access helpers: one per object type, used by every view and API endpoint.

Each `get_*_for_user` returns the object or raises Http404 — the same answer
whether the object does not exist or lies outside the user's scope, so ids
cannot be probed — and records the denial in the audit trail.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pingxing.core import scope
from pingxing.members.models import Member, MemberQuerySet
from pingxing.orgs.models import Organization, OrganizationQuerySet


def _user_path(user: Any) -> str:
    return user.organization.path if getattr(user, "organization", None) is not None else ""


def _deny(user: Any, object_type: str, object_id: Any, request: Any = None) -> None:
    from pingxing.audit.services import AuditAction, audit_record

    audit_record(
        action=AuditAction.DENIED, user=user, object_type=object_type,
        object_id=str(object_id), request=request,
    )
    raise Http404


def visible_orgs(user: Any) -> OrganizationQuerySet:
    """Organizations the user may read."""
    qs = Organization.objects.all()
    if user.role == scope.ADMIN:
        return qs
    if user.role in scope.SUBTREE_ROLES and user.organization is not None:
        return qs.within(user.organization)
    if user.role == scope.MEMBER and user.organization_id:
        return qs.filter(pk=user.organization_id)
    return qs.none()


def visible_members(user: Any) -> MemberQuerySet:
    """Members the user may read."""
    qs = Member.objects.all()
    if user.role == scope.ADMIN:
        return qs
    if user.role in scope.SUBTREE_ROLES and user.organization is not None:
        return qs.within(user.organization)
    if user.role == scope.MEMBER and user.member_id:
        return qs.filter(pk=user.member_id)
    return qs.none()


def get_org_for_user(user: Any, org_id: Any, *, write: bool = False, request: Any = None) -> Organization:
    org = Organization.objects.select_related("parent").filter(pk=org_id).first()
    allowed = org is not None and (
        scope.can_write_org(user.role, _user_path(user), org.path)
        if write
        else scope.can_read_org(user.role, _user_path(user), org.path)
    )
    if not allowed:
        _deny(user, "orgs.organization", org_id, request)
    assert org is not None
    return org


def get_member_for_user(user: Any, member_id: Any, *, write: bool = False, request: Any = None) -> Member:
    member = Member.objects.select_related("organization", "party_group").filter(pk=member_id).first()
    allowed = member is not None and (
        scope.can_write_member(user.role, _user_path(user), member.organization.path)
        if write
        else scope.can_read_member(
            user.role, _user_path(user), member.organization.path, is_self=user.member_id == member.pk
        )
    )
    if not allowed:
        _deny(user, "members.member", member_id, request)
    assert member is not None
    return member
