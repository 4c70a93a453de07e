"""Access to rating cases: the one helper every ratings view and endpoint uses."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from pingxing.core import scope
from pingxing.ratings import workflow
from pingxing.ratings.models import Campaign, RatingCase


def actor_for(user: Any, case: RatingCase) -> str | None:
    """The part this user plays on this case: community, street, county or none."""
    org = getattr(user, "organization", None)
    if org is None or not scope.within(case.organization.path, org.path):
        return None
    if user.role == scope.COUNTY:
        return workflow.COUNTY
    if user.role == scope.STREET:
        return workflow.STREET
    if user.role in (scope.SECRETARY, scope.CLERK) and case.organization_id == org.pk:
        return workflow.COMMUNITY
    return None


def can_read_case(user: Any, case: RatingCase) -> bool:
    return user.role == scope.ADMIN or actor_for(user, case) is not None


def visible_cases(user: Any, campaign: Campaign | None = None) -> Any:
    qs = RatingCase.objects.select_related("organization", "organization__parent", "campaign")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if user.role == scope.ADMIN:
        return qs
    org = getattr(user, "organization", None)
    if org is None:
        return qs.none()
    if user.role in (scope.COUNTY, scope.STREET):
        return qs.filter(organization__path__startswith=org.path)
    if user.role in (scope.SECRETARY, scope.CLERK):
        return qs.filter(organization=org)
    return qs.none()


def get_case_for_user(user: Any, case_id: Any, *, request: Any = None) -> RatingCase:
    """The case, or 404 (recorded as a denial) when it is not the user's to see."""
    case = (
        RatingCase.objects.select_related("organization", "organization__parent", "campaign")
        .filter(pk=case_id).first()
    )
    if case is None or not can_read_case(user, case):
        from pingxing.audit.services import AuditAction, audit_record

        audit_record(action=AuditAction.DENIED, user=user, object_type="ratings.ratingcase",
                     object_id=str(case_id), request=request)
        raise Http404
    return case


def require_actor(user: Any, case: RatingCase, expected: str) -> None:
    """Raise 404 unless the user plays `expected` on this case (county, street, community)."""
    if actor_for(user, case) != expected:
        raise Http404


def is_county(user: Any) -> bool:
    return user.role == scope.COUNTY
