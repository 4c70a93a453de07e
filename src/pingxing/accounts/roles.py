"""The roles, defined once (pure: no Django). Every app's `permissions.py` imports them.

- county (县评星办): the whole county subtree, reads and writes.
- street (街道党工委): its street subtree, reads and writes, creates organizations below it.
- secretary / clerk (党组织书记 / 工作人员): their own Party organization and its groups;
  they manage members and Party groups but not the organization record itself.
- member (党员): their own record and their organization's page, read only.
- admin (系统管理员): technical administration; reads everything, but never sees a
  full ID number (least privilege: nothing in their work needs it).
"""

from __future__ import annotations

from enum import StrEnum

from pingxing.core.scope import EVERYTHING, NOTHING, Actor, Reach, subtree


class Role(StrEnum):
    COUNTY = "county"
    STREET = "street"
    SECRETARY = "secretary"
    CLERK = "clerk"
    MEMBER = "member"
    ADMIN = "admin"


ALL_ROLES = tuple(Role)
# Roles that see their organization's whole subtree.
SUBTREE_ROLES = frozenset({Role.COUNTY, Role.STREET, Role.SECRETARY, Role.CLERK})
# Roles that maintain organization records (create, edit) within their subtree.
ORG_EDITOR_ROLES = frozenset({Role.COUNTY, Role.STREET})
# Staff of a Party organization itself.
ORG_STAFF_ROLES = frozenset({Role.SECRETARY, Role.CLERK})
# Offices above the Party organizations: the county office and the street committees.
OFFICE_ROLES = frozenset({Role.COUNTY, Role.STREET})
# Must pass TOTP at login (outside the demo).
TWO_FACTOR_ROLES = frozenset({Role.COUNTY, Role.STREET, Role.ADMIN})

# The level of the organization each role acts for (values of orgs.models.OrgLevel);
# the administrator acts for none or for the county.
ROLE_ORG_LEVELS: dict[Role, frozenset[str]] = {
    Role.COUNTY: frozenset({"county"}),
    Role.STREET: frozenset({"street"}),
    Role.SECRETARY: frozenset({"organization"}),
    Role.CLERK: frozenset({"organization"}),
    Role.MEMBER: frozenset({"organization"}),
    Role.ADMIN: frozenset({"", "county"}),
}


def staff_reach(actor: Actor) -> Reach:
    """The reach of Party staff: the administrator everything; the county office, a street
    committee, a secretary or clerk their organization and everything below it."""
    if actor.role == Role.ADMIN:
        return EVERYTHING
    if actor.role in SUBTREE_ROLES:
        return subtree(actor)
    return NOTHING


def as_role(value: str) -> Role | None:
    """The Role of a stored value, or None for an unknown one."""
    try:
        return Role(value)
    except ValueError:
        return None
