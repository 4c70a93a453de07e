"""Who may read and change organizations and Party groups (pure: plain values in).

Each right is a `Reach` (one condition per line); `access.py` turns the same reach into
querysets, so the list a user sees and the page they may open never disagree.
"""

from __future__ import annotations

from pingxing.accounts.roles import ORG_EDITOR_ROLES, SUBTREE_ROLES, Role, staff_reach
from pingxing.core.scope import EVERYTHING, NOTHING, Actor, Reach, own_org, subtree


def org_read_reach(actor: Actor) -> Reach:
    if actor.role == Role.MEMBER:
        return own_org(actor)  # a member sees their own organization's page, nothing else
    return staff_reach(actor)


def org_write_reach(actor: Actor) -> Reach:
    """Changing organization records: county and street staff within their subtree."""
    if actor.role == Role.ADMIN:
        return EVERYTHING
    if actor.role in ORG_EDITOR_ROLES:
        return subtree(actor)
    return NOTHING


def group_manage_reach(actor: Actor) -> Reach:
    """Setting up Party groups (党小组): the organization's own staff and those above."""
    return staff_reach(actor)


def can_read_org(actor: Actor, org_path: str, org_id: int | None = None) -> bool:
    return org_read_reach(actor).covers(path=org_path, org_id=org_id)


def can_write_org(actor: Actor, org_path: str) -> bool:
    return org_write_reach(actor).covers(path=org_path)


def can_create_org_under(actor: Actor, parent_path: str) -> bool:
    """Adding a child organization below `parent_path`."""
    return can_write_org(actor, parent_path)


def can_manage_groups(actor: Actor, org_path: str) -> bool:
    return group_manage_reach(actor).covers(path=org_path)


def can_import_orgs(actor: Actor) -> bool:
    if actor.role == Role.ADMIN:
        return True
    return actor.role in ORG_EDITOR_ROLES and bool(actor.org_path)


def can_browse_tree(actor: Actor) -> bool:
    """The organization tree page (组织架构): Party staff and administrators."""
    if actor.role == Role.ADMIN:
        return True
    return actor.role in SUBTREE_ROLES and bool(actor.org_path)


def has_own_org_page(actor: Actor) -> bool:
    """The 本组织 menu entry: Party staff acting for an organization."""
    return actor.role in SUBTREE_ROLES and actor.org_id is not None


def can_view_overview(actor: Actor) -> bool:
    """The street's overview across organizations (党建工作总览): the street and county offices."""
    if actor.role not in (Role.STREET, Role.COUNTY):
        return False
    return bool(actor.org_path)


def can_manage_member_units(actor: Actor, regional_path: str) -> bool:
    """Adding or removing a regional organization's member units (成员单位): the street (and the
    county, the administrator) — the units it draws on lie across the street's tree."""
    return can_write_org(actor, regional_path)


def can_manage_outside_units(actor: Actor) -> bool:
    """Registering outside units (驻区单位) and the outside-units list: street staff, the county."""
    if actor.role == Role.ADMIN:
        return True
    return actor.role in ORG_EDITOR_ROLES and bool(actor.org_path)
