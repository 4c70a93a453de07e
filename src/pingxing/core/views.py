"""The home page: a dashboard for the user's role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pingxing.core import scope
from pingxing.core.access import visible_members, visible_orgs
from pingxing.orgs.models import OrgLevel
from pingxing.orgs.queries import upgrade_candidates


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    orgs = visible_orgs(user)
    context = {
        "org_count": orgs.filter(level=OrgLevel.ORGANIZATION).count(),
        "member_count": visible_members(user).count(),
        "own_org": user.organization,
        "is_staff_role": user.role in scope.SUBTREE_ROLES or user.role == scope.ADMIN,
        "can_import": scope.can_import(user.role),
        "candidate_count": None,
    }
    if user.role == scope.STREET and user.organization and user.organization.level == OrgLevel.STREET:
        context["candidate_count"] = len(upgrade_candidates(user.organization))
    elif user.role == scope.COUNTY:
        context["candidate_count"] = sum(
            len(upgrade_candidates(street)) for street in orgs.filter(level=OrgLevel.STREET)
        )
    if user.role == scope.COUNTY or user.role == scope.ADMIN:
        context["street_count"] = orgs.filter(level=OrgLevel.STREET).count()
    if user.role != scope.MEMBER:
        from pingxing.ratings.queries import home_summary

        context["campaign_summary"] = home_summary(user)
    return render(request, "core/home.html", context)
