"""Who sees and keeps the service platforms (pure: plain values in).

- The county office and a street committee keep the stations, activities and remote-education
  sites of their subtree (the street its own 党员服务中心 and every station below it).
- A Party organization's secretary and clerk keep their own organization's stations and sites.
- Party staff read the stations of their subtree.
- Members and the administrator have no staff pages here; everybody (even without login)
  reads the public list of active stations: address, hours, services and staff names only.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES, SUBTREE_ROLES
from pingxing.core.scope import NOTHING, Actor, Reach, own_org, subtree


@dataclass(frozen=True, slots=True)
class StationFacts:
    """A station's (or a remote-education site's) organization."""

    org_path: str
    org_id: int


def manage_reach(actor: Actor) -> Reach:
    """Creating and editing stations, recording activities and remote-education sessions."""
    if actor.role in OFFICE_ROLES:
        return subtree(actor)
    if actor.role in ORG_STAFF_ROLES:
        return own_org(actor)
    return NOTHING


def read_reach(actor: Actor) -> Reach:
    if actor.role in SUBTREE_ROLES:
        return subtree(actor)
    return NOTHING


def can_read_station(actor: Actor, station: StationFacts) -> bool:
    if not actor.org_path:
        return False
    return read_reach(actor).covers(path=station.org_path, org_id=station.org_id)


def can_manage_station(actor: Actor, station: StationFacts) -> bool:
    if not actor.org_path:
        return False
    return manage_reach(actor).covers(path=station.org_path, org_id=station.org_id)


def can_add_stations(actor: Actor) -> bool:
    return bool(actor.org_path) and manage_reach(actor).kind != "none"


def can_browse_stations(actor: Actor) -> bool:
    """The 服务阵地 menu entry: Party staff of an organization or office."""
    return actor.role in SUBTREE_ROLES and bool(actor.org_path)
