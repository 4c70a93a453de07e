"""Who may administer which accounts (pure: plain values in, no Django).

The county office and the system administrator manage accounts county-wide, a street
committee those of its own street (the street itself and the Party organizations below
it). Nobody grants a role above their own: only an administrator touches administrator
accounts, and a street never sees or creates a county-office account. `access.py` turns
the same answers into querysets and 404s, so the list and the pages never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import OFFICE_ROLES, ROLE_ORG_LEVELS, Role, as_role
from pingxing.core.scope import EVERYTHING, NOTHING, Actor, Reach, subtree

# The roles each managing role may give (and so the accounts it may manage at all).
_GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset(Role),
    Role.COUNTY: frozenset(Role) - {Role.ADMIN},
    Role.STREET: frozenset({Role.STREET, Role.SECRETARY, Role.CLERK, Role.MEMBER}),
}
# Roles the bulk sheet creates (the staff of Party organizations and of the streets).
BULK_ROLES = (Role.SECRETARY, Role.CLERK, Role.STREET)


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """The plain facts of an account being managed."""

    role: str
    org_path: str = ""
    user_id: int | None = None


def account_manage_reach(actor: Actor) -> Reach:
    """The organizations whose accounts the actor administers."""
    if actor.role == Role.ADMIN:
        return EVERYTHING
    if actor.role in OFFICE_ROLES:
        return subtree(actor)  # the county office: the whole county; a street: its street
    return NOTHING


def grantable_roles(actor: Actor) -> frozenset[Role]:
    """The roles the actor may give to an account."""
    role = as_role(actor.role)
    if role is None:
        return frozenset()
    if account_manage_reach(actor).kind == "none":
        return frozenset()  # an office user acting for no organization manages nothing
    return _GRANTABLE.get(role, frozenset())


def role_fits_level(role: str, org_level: str) -> bool:
    """Whether an account in `role` may act for an organization of `org_level` ("" for none)."""
    known = as_role(role)
    if known is None:
        return False
    return org_level in ROLE_ORG_LEVELS[known]


def can_manage_accounts(actor: Actor) -> bool:
    """The 账号管理 pages at all."""
    return bool(grantable_roles(actor))


def can_manage_account(actor: Actor, target: AccountFacts) -> bool:
    """Seeing an account and resetting its password, lockout or authenticator."""
    if target.role not in grantable_roles(actor):  # administrators only by administrators
        return False
    return account_manage_reach(actor).covers(path=target.org_path)


def can_grant_role(actor: Actor, role: str, org_path: str) -> bool:
    """Giving `role` to an account acting for the organization at `org_path`."""
    if role not in grantable_roles(actor):
        return False
    return account_manage_reach(actor).covers(path=org_path)


def can_change_account(actor: Actor, target: AccountFacts) -> bool:
    """Deactivating, reactivating, or changing role or organization: not one's own account."""
    if target.user_id is not None and target.user_id == actor.user_id:
        return False  # nobody locks themselves out or changes their own rights
    return can_manage_account(actor, target)


def can_change_role(actor: Actor, target: AccountFacts, role: str, org_path: str) -> bool:
    """Moving an account from what it is now to `role` at `org_path`."""
    if not can_change_account(actor, target):
        return False
    return can_grant_role(actor, role, org_path)


def can_bulk_create_accounts(actor: Actor) -> bool:
    """The bulk sheet of the secretaries and clerks of a street's communities."""
    if not can_manage_accounts(actor):
        return False
    return any(role in grantable_roles(actor) for role in BULK_ROLES)
