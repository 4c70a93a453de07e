"""Pure access predicates: who may read or write what, on plain values.

A user acts for one organization (its tree path, e.g. "/1/4/") in one role.
These functions have no Django import, so the whole role × level matrix is
tested without a database; `core.access` applies them to model objects.
"""

from __future__ import annotations

COUNTY = "county"
STREET = "street"
SECRETARY = "secretary"
CLERK = "clerk"
MEMBER = "member"
ADMIN = "admin"

# Roles that see their organization's whole subtree.
SUBTREE_ROLES = frozenset({COUNTY, STREET, SECRETARY, CLERK})


def within(path: str, ancestor_path: str) -> bool:
    """True when `path` is `ancestor_path` itself or below it."""
    return bool(ancestor_path) and path.startswith(ancestor_path)


def can_read_org(role: str, user_org_path: str, org_path: str) -> bool:
    if role == ADMIN:
        return True
    if role in SUBTREE_ROLES:
        return within(org_path, user_org_path)
    if role == MEMBER:
        # A member sees their own organization's name and page, nothing else.
        return org_path == user_org_path
    return False


def can_write_org(role: str, user_org_path: str, org_path: str) -> bool:
    """Changing an organization's record: county and street staff, within their scope.
    A secretary or clerk edits only what is below their own organization (its groups)."""
    if role == ADMIN:
        return True
    if role in (COUNTY, STREET):
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


def can_read_audit(role: str) -> bool:
    return role in (COUNTY, ADMIN)
