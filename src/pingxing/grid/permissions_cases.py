"""Who may read, open and move service cases (pure: plain values in, no Django).

The accounts roles map onto the workflow's roles per case (grid-preamble):

- dispatcher and checker (受理派遣员, 核查员): the secretary or clerk of the case's community,
  and the street committee above it;
- grid worker (网格员): a member of the service team of the case's grid (a TeamMember linked
  to the user); team leader (网格长): such a member whose team role leads;
- handler (承办人): the user the case was dispatched to, any member of the team it was
  dispatched to, or — for a department, which has no accounts here — the dispatcher acting
  for it.

A user may hold several roles on one case; a step is tried with each in `ROLE_ORDER` and the
first the step table allows records it. The county office reads every case of its subtree but
moves none (it supervises through the street). The administrator sees no case: nothing in
technical administration needs residents' concerns.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import Role as AccountRole
from pingxing.core.scope import Actor, within
from pingxing.grid.workflow import Role

DISPATCHING_ROLES = frozenset({AccountRole.SECRETARY, AccountRole.CLERK})
READING_ROLES = frozenset({AccountRole.COUNTY, AccountRole.STREET, AccountRole.SECRETARY, AccountRole.CLERK})
# The order a user's roles are tried for a step: the one closest to the work first.
ROLE_ORDER = (Role.HANDLER, Role.GRID_WORKER, Role.TEAM_LEADER, Role.CHECKER, Role.DISPATCHER)


@dataclass(frozen=True)
class TeamFacts:
    """The grids whose service team the user is on, and those whose team they lead."""

    grids: frozenset[int] = frozenset()
    leads: frozenset[int] = frozenset()


NO_TEAM = TeamFacts()


@dataclass(frozen=True)
class CaseAccessFacts:
    community_id: int
    community_path: str
    grid_id: int | None = None
    assigned_grid_id: int | None = None
    assigned_user_id: int | None = None
    assigned_department_id: int | None = None


def is_dispatcher(actor: Actor, case: CaseAccessFacts) -> bool:
    if actor.role in DISPATCHING_ROLES:
        return actor.org_id == case.community_id
    if actor.role == AccountRole.STREET:
        return within(case.community_path, actor.org_path)
    return False


def is_grid_worker(teams: TeamFacts, case: CaseAccessFacts) -> bool:
    return case.grid_id is not None and case.grid_id in teams.grids


def is_team_leader(teams: TeamFacts, case: CaseAccessFacts) -> bool:
    return case.grid_id is not None and case.grid_id in teams.leads


def is_handler(actor: Actor, teams: TeamFacts, case: CaseAccessFacts) -> bool:
    if case.assigned_user_id is not None and actor.user_id == case.assigned_user_id:
        return True
    if case.assigned_grid_id is not None and case.assigned_grid_id in teams.grids:
        return True
    if case.assigned_department_id is not None:  # a department acts through the dispatcher
        return is_dispatcher(actor, case)
    return False


def case_roles(actor: Actor, teams: TeamFacts, case: CaseAccessFacts) -> tuple[Role, ...]:
    """The workflow roles the user holds on the case, in `ROLE_ORDER`."""
    held = {
        Role.HANDLER: is_handler(actor, teams, case),
        Role.GRID_WORKER: is_grid_worker(teams, case),
        Role.TEAM_LEADER: is_team_leader(teams, case),
        Role.CHECKER: is_dispatcher(actor, case),
        Role.DISPATCHER: is_dispatcher(actor, case),
    }
    return tuple(role for role in ROLE_ORDER if held[role])


def can_read_case(actor: Actor, teams: TeamFacts, case: CaseAccessFacts) -> bool:
    if actor.role in READING_ROLES and within(case.community_path, actor.org_path):
        return True
    return bool(case_roles(actor, teams, case))


def can_browse_cases(actor: Actor, teams: TeamFacts) -> bool:
    """The 办事档案 menu entry: the Party staff and offices, and grid team members."""
    return actor.role in READING_ROLES or bool(teams.grids)


def can_open_case(actor: Actor, teams: TeamFacts, community_id: int, community_path: str,
                  grid_id: int | None = None) -> bool:
    """Staff register a case for a community they dispatch for; a team member for their grid."""
    facts = CaseAccessFacts(community_id=community_id, community_path=community_path, grid_id=grid_id)
    return is_dispatcher(actor, facts) or is_grid_worker(teams, facts)


def can_export_cases(actor: Actor) -> bool:
    return actor.role in READING_ROLES
