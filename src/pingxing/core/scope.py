"""Pure access predicates: who may read or write what, on plain values.

A user acts for one organization (its tree path, e.g. "/1/4/") in one role.
These functions have no Django import, so the whole role × level matrix is
tested without a database; `core.access` applies them to model objects.

Roles:
- county (县评星办): the whole county subtree, reads and writes.
- street (街道党工委): its street subtree, reads and writes, creates organizations below it.
- secretary / clerk (党组织书记 / 工作人员): their own Party organization and its groups;
  they manage members and Party groups but not the organization record itself.
- member (党员): their own record and their organization's page, read only.
- admin (系统管理员): technical administration; reads everything, but never sees a
  full ID number (least privilege: nothing in their work needs it).
"""

from __future__ import annotations

COUNTY = "county"
STREET = "street"
SECRETARY = "secretary"
CLERK = "clerk"
MEMBER = "member"
ADMIN = "admin"

ALL_ROLES = (COUNTY, STREET, SECRETARY, CLERK, MEMBER, ADMIN)
# Roles that see their organization's whole subtree.
SUBTREE_ROLES = frozenset({COUNTY, STREET, SECRETARY, CLERK})
# Roles that maintain organization records (create, edit) within their subtree.
ORG_EDITOR_ROLES = frozenset({COUNTY, STREET})


def within(path: str, ancestor_path: str) -> bool:
    """True when `path` is `ancestor_path` itself or below it."""
    return bool(ancestor_path) and bool(path) and path.startswith(ancestor_path)


def can_read_org(role: str, user_org_path: str, org_path: str) -> bool:
    if role == ADMIN:
        return True
    if role in SUBTREE_ROLES:
        return within(org_path, user_org_path)
    if role == MEMBER:
        # A member sees their own organization's name and page, nothing else.
        return bool(org_path) and org_path == user_org_path
    return False


def can_write_org(role: str, user_org_path: str, org_path: str) -> bool:
    """Changing an organization's record: county and street staff, within their scope."""
    if role == ADMIN:
        return True
    if role in ORG_EDITOR_ROLES:
        return within(org_path, user_org_path)
    return False


def can_create_org_under(role: str, user_org_path: str, parent_path: str) -> bool:
    """Adding a child organization below `parent_path`."""
    return can_write_org(role, user_org_path, parent_path)


def can_manage_groups(role: str, user_org_path: str, org_path: str) -> bool:
    """Setting up Party groups (党小组) of an organization: its own staff and those above."""
    if role == ADMIN:
        return True
    if role in SUBTREE_ROLES:
        return within(org_path, user_org_path)
    return False


def can_read_member(
    role: str, user_org_path: str, member_org_path: str, *, is_self: bool = False
) -> bool:
    if role == ADMIN:
        return True
    if role in SUBTREE_ROLES:
        return within(member_org_path, user_org_path)
    return role == MEMBER and is_self


def can_write_member(role: str, user_org_path: str, member_org_path: str) -> bool:
    if role == ADMIN:
        return True
    if role in SUBTREE_ROLES:
        return within(member_org_path, user_org_path)
    return False


def can_reveal_id_number(role: str, user_org_path: str, member_org_path: str) -> bool:
    """Seeing a full ID number (audited): Party staff of that member's scope only."""
    if role in SUBTREE_ROLES:
        return within(member_org_path, user_org_path)
    return False


def can_import(role: str) -> bool:
    """Bulk import of members (within scope); organizations need ORG_EDITOR_ROLES."""
    return role in SUBTREE_ROLES or role == ADMIN


def can_import_orgs(role: str) -> bool:
    return role in ORG_EDITOR_ROLES or role == ADMIN


def can_read_audit(role: str) -> bool:
    return role in (COUNTY, ADMIN)
