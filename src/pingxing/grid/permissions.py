"""Who may keep grids, teams, household files and visit diaries (pure: plain values in).

- The community's secretary and clerk keep its grids, teams, household files and member–household
  links, and record visits in any of its grids.
- A person of a grid's team (by account, or by the member record the account belongs to) reads
  the grid and its household files, keeps the files and records visits; a team member whose
  role leads the team (网格长) grades the grid's visit diaries.
- The street and the county read their subtree; the street keeps the lists of team roles and
  situation tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor, within

KEEPING_ROLES = frozenset({Role.SECRETARY, Role.CLERK})
OVERSEEING_ROLES = frozenset({Role.STREET, Role.COUNTY})


@dataclass(frozen=True)
class CommunityFacts:
    org_id: int
    org_path: str


@dataclass(frozen=True)
class GridFacts:
    community_id: int
    community_path: str
    team_users: frozenset[int] = field(default_factory=frozenset)
    team_members: frozenset[int] = field(default_factory=frozenset)
    leader_users: frozenset[int] = field(default_factory=frozenset)
    leader_members: frozenset[int] = field(default_factory=frozenset)

    @property
    def community(self) -> CommunityFacts:
        return CommunityFacts(self.community_id, self.community_path)


def can_keep_community(actor: Actor, community: CommunityFacts) -> bool:
    """The community's own secretary or clerk."""
    if actor.role not in KEEPING_ROLES:
        return False
    return actor.org_id == community.org_id


def can_oversee_community(actor: Actor, community: CommunityFacts) -> bool:
    if actor.role not in OVERSEEING_ROLES:
        return False
    return within(community.org_path, actor.org_path)


def can_read_community(actor: Actor, community: CommunityFacts) -> bool:
    return can_keep_community(actor, community) or can_oversee_community(actor, community)


def on_team(actor: Actor, grid: GridFacts) -> bool:
    if actor.user_id is not None and actor.user_id in grid.team_users:
        return True
    return actor.member_id is not None and actor.member_id in grid.team_members


def leads_team(actor: Actor, grid: GridFacts) -> bool:
    if actor.user_id is not None and actor.user_id in grid.leader_users:
        return True
    return actor.member_id is not None and actor.member_id in grid.leader_members


def can_keep_grid(actor: Actor, grid: GridFacts) -> bool:
    """Edit the grid and its team: the community's secretary or clerk."""
    return can_keep_community(actor, grid.community)


def can_read_grid(actor: Actor, grid: GridFacts) -> bool:
    return on_team(actor, grid) or can_read_community(actor, grid.community)


def can_keep_households(actor: Actor, grid: GridFacts) -> bool:
    """Add and edit the grid's household files and their residents."""
    return on_team(actor, grid) or can_keep_community(actor, grid.community)


def can_record_visit(actor: Actor, grid: GridFacts) -> bool:
    return on_team(actor, grid) or can_keep_community(actor, grid.community)


def can_grade_visit(actor: Actor, grid: GridFacts) -> bool:
    """Only a leader (网格长) of the visit's grid grades it."""
    return leads_team(actor, grid)


def can_link_households(actor: Actor, community: CommunityFacts) -> bool:
    """党员联系户 are set by the community's secretary or clerk."""
    return can_keep_community(actor, community)


def can_import_households(actor: Actor) -> bool:
    return actor.role in KEEPING_ROLES and actor.org_id is not None


def can_keep_lists(actor: Actor) -> bool:
    """The lists of team roles and situation tags are kept by the street."""
    return actor.role == Role.STREET


def can_see_grid_menu(actor: Actor, *, on_a_team: bool) -> bool:
    """网格化管理: the offices, the community staff and anyone on a grid team."""
    if actor.role in KEEPING_ROLES | OVERSEEING_ROLES:
        return True
    return on_a_team


def can_see_diary_menu(actor: Actor, *, on_a_team: bool) -> bool:
    """民情日记: only people on a grid team (a member off every team keeps the menu they had)."""
    return bool(actor.role) and on_a_team
