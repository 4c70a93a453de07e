"""Access to grids, household files and visit diaries: the one place a predicate becomes an
object, a queryset or a 404 (the same answer for "missing" and "forbidden")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.grid import permissions
from pingxing.grid.models import Grid, Household, TeamMember, Visit
from pingxing.grid.permissions import CommunityFacts, GridFacts
from pingxing.orgs.models import Organization

GridCheck = Callable[[Actor, GridFacts], bool]
CommunityCheck = Callable[[Actor, CommunityFacts], bool]


def team_q(actor: Actor, prefix: str = "") -> Q:
    """Team rows of the actor: by account, or by the member record the account belongs to."""
    q = Q(pk__in=[])
    if actor.user_id is not None:
        q |= Q(**{f"{prefix}user_id": actor.user_id})
    if actor.member_id is not None:
        q |= Q(**{f"{prefix}member_id": actor.member_id})
    return q & Q(**{f"{prefix}active": True})


def on_any_team(user: Any) -> bool:
    actor = actor_of(user)
    if actor.user_id is None:
        return False
    return bool(TeamMember.objects.filter(team_q(actor)).exists())


def community_facts(org: Any) -> CommunityFacts:
    return CommunityFacts(org_id=org.pk, org_path=org.path)


def grid_facts(grid: Grid) -> GridFacts:
    """The grid's facts, its (active) team read in one query (kept on the instance: a page
    asks several predicates of one grid)."""
    cached: GridFacts | None = getattr(grid, "_grid_facts", None)
    if cached is not None:
        return cached
    rows = list(TeamMember.objects.filter(grid_id=grid.pk, active=True).values_list("user_id", "member_id", "role__leads"))
    facts = GridFacts(
        community_id=grid.community_id, community_path=grid.community.path,
        team_users=frozenset(u for u, _m, _l in rows if u), team_members=frozenset(m for _u, m, _l in rows if m),
        leader_users=frozenset(u for u, _m, lead in rows if u and lead),
        leader_members=frozenset(m for _u, m, lead in rows if m and lead),
    )
    grid._grid_facts = facts
    return facts


def visible_grids(user: Any) -> QuerySet[Grid]:
    """Grids of the user's community (staff), of the subtree (street, county), and grids whose
    team the user is on."""
    actor = actor_of(user)
    base = Grid.objects.select_related("community", "parent")
    q = Q(pk__in=TeamMember.objects.filter(team_q(actor)).values("grid_id")) if actor.user_id else Q(pk__in=[])
    if actor.role in permissions.KEEPING_ROLES and actor.org_id:
        q |= Q(community_id=actor.org_id)
    if actor.role in permissions.OVERSEEING_ROLES and actor.org_path:
        q |= Q(community__path__startswith=actor.org_path)
    return base.filter(q)


def visible_households(user: Any) -> QuerySet[Household]:
    return Household.objects.filter(grid__in=visible_grids(user).values("pk"))


def recordable_grids(user: Any) -> QuerySet[Grid]:
    """Grids the user may record a visit in: their teams' grids and, for staff, the community's."""
    actor = actor_of(user)
    q = Q(pk__in=TeamMember.objects.filter(team_q(actor)).values("grid_id")) if actor.user_id else Q(pk__in=[])
    if actor.role in permissions.KEEPING_ROLES and actor.org_id:
        q |= Q(community_id=actor.org_id)
    return Grid.objects.select_related("community", "parent").filter(q)


def get_community_for_user(user: Any, org_id: Any, *, check: CommunityCheck = permissions.can_read_community,
                           request: Any = None) -> Organization:
    """A community the user reads (or, with `check`, keeps); else an audited 404."""
    org: Organization | None = Organization.objects.communities().filter(pk=parse_id(org_id)).first()
    if org is None or not check(actor_of(user), community_facts(org)):
        deny(user, "grid.community", org_id, request)
    return org


def get_grid_for_user(user: Any, grid_id: Any, *, check: GridCheck = permissions.can_read_grid,
                      request: Any = None) -> Grid:
    """The grid if `check` allows the user (reading by default); else an audited 404."""
    grid: Grid | None = Grid.objects.select_related("community", "parent").filter(pk=parse_id(grid_id)).first()
    if grid is None or not check(actor_of(user), grid_facts(grid)):
        deny(user, "grid.grid", grid_id, request)
    return grid


def get_household_for_user(user: Any, household_id: Any, *, check: GridCheck = permissions.can_read_grid,
                           request: Any = None) -> Household:
    household: Household | None = (Household.objects.select_related("grid__community", "grid__parent")
                                   .filter(pk=parse_id(household_id)).first())
    if household is None or not check(actor_of(user), grid_facts(household.grid)):
        deny(user, "grid.household", household_id, request)
    return household


def get_visit_for_user(user: Any, visit_id: Any, *, check: GridCheck = permissions.can_read_grid,
                       request: Any = None) -> Visit:
    visit: Visit | None = (Visit.objects.select_related("grid__community", "recorded_by", "reviewed_by")
                           .filter(pk=parse_id(visit_id)).first())
    if visit is None or not check(actor_of(user), grid_facts(visit.grid)):
        deny(user, "grid.visit", visit_id, request)
    return visit


def get_team_member_for_user(user: Any, team_member_id: Any, *, check: GridCheck = permissions.can_keep_grid,
                             request: Any = None) -> TeamMember:
    person: TeamMember | None = (TeamMember.objects.select_related("grid__community", "role")
                                 .filter(pk=parse_id(team_member_id)).first())
    if person is None or not check(actor_of(user), grid_facts(person.grid)):
        deny(user, "grid.team", team_member_id, request)
    return person
