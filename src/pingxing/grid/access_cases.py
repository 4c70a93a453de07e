"""Access to service cases: the one place a predicate becomes a case, a queryset or a 404."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.grid import permissions_cases as permissions
from pingxing.grid.models import TeamMember
from pingxing.grid.models_cases import ServiceCase
from pingxing.grid.permissions_cases import NO_TEAM, CaseAccessFacts, TeamFacts
from pingxing.orgs.models import Organization

OFFICES = frozenset({"street", "county"})
Check = Callable[[Actor, TeamFacts, CaseAccessFacts], bool]


def teams_of(user: Any) -> TeamFacts:
    """The grids whose active team the user is on (by account, or by their member record)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_TEAM
    cached: TeamFacts | None = getattr(user, "_grid_teams", None)
    if cached is not None:
        return cached
    who = Q(user_id=user.pk)
    if getattr(user, "member_id", None):
        who |= Q(member_id=user.member_id)
    rows = TeamMember.objects.filter(who, active=True).values_list("grid_id", "role__leads")
    grids = frozenset(grid for grid, _leads in rows)
    teams = TeamFacts(grids=grids, leads=frozenset(grid for grid, leads in rows if leads))
    user._grid_teams = teams  # one query per request, however many cases are judged
    return teams


def _subtree_ids(user: Any, path: str) -> list[int]:
    """The organizations of the user's subtree, as ids: with them every condition of the list
    is on the case table itself, so PostgreSQL combines its indexes (no join on the path)."""
    cached: list[int] | None = getattr(user, "_grid_subtree", None)
    if cached is None:
        cached = list(Organization.objects.filter(path__startswith=path).values_list("pk", flat=True))
        user._grid_subtree = cached
    return cached


def facts_of(case: ServiceCase) -> CaseAccessFacts:
    return CaseAccessFacts(
        community_id=case.community_id, community_path=case.community.path, grid_id=case.grid_id,
        assigned_grid_id=case.assigned_grid_id, assigned_user_id=case.assigned_user_id,
        assigned_department_id=case.assigned_department_id,
    )


def visible_cases(user: Any) -> QuerySet[ServiceCase]:
    """The cases the user may read: the subtree of their office or organization, and the cases
    of the grids whose team they are on or dispatched to them."""
    actor = actor_of(user)
    teams = teams_of(user)
    q = Q(pk__in=[])
    if actor.role in permissions.READING_ROLES and actor.org_path:
        q |= Q(community_id__in=_subtree_ids(user, actor.org_path))
    if teams.grids:
        q |= Q(grid_id__in=teams.grids) | Q(assigned_grid_id__in=teams.grids)
    # A street or county office's subtree already holds every case dispatched to its people.
    if actor.user_id is not None and actor.role not in OFFICES:
        q |= Q(assigned_user_id=actor.user_id)
    return ServiceCase.objects.filter(q)


def get_case_for_user(user: Any, case_id: Any, *, check: Check = permissions.can_read_case,
                      request: Any = None) -> ServiceCase:
    """The case if `check` allows the user (reading by default); else an audited 404."""
    case: ServiceCase | None = (ServiceCase.objects.select_related("community", "grid", "assigned_grid",
                                                                   "assigned_user", "assigned_department")
                                .filter(pk=parse_id(case_id)).first())
    if case is None or not check(actor_of(user), teams_of(user), facts_of(case)):
        deny(user, "grid.case", case_id, request)
    return case


def list_cache_key(user: Any, params: str, today: date, version: str) -> str:
    """The cache key of a case list's rows: who reads it (their reach decides which cases),
    the filters and page, the language, the day (the warning lights) and the cases' version
    (`queries_cases.cases_version`)."""
    actor = actor_of(user)
    teams = teams_of(user)
    parts = (actor.role, actor.org_path, str(actor.org_id), str(actor.user_id),
             ",".join(map(str, sorted(teams.grids))), params, get_language() or "", today.isoformat(), version)
    return "grid:cases:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
