"""Access to accounts: the one place a predicate becomes an account, an organization or a 404.

An account outside the manager's reach answers exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pingxing.accounts import permissions, queries
from pingxing.accounts.models import User
from pingxing.accounts.permissions import AccountFacts
from pingxing.accounts.roles import as_role
from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of, user_path


def facts_of(account: Any) -> AccountFacts:
    """The plain facts the permissions judge of an account."""
    return AccountFacts(role=str(account.role), org_path=user_path(account), user_id=account.pk)


def visible_accounts(user: Any) -> QuerySet[User]:
    """Accounts the user administers: within their reach, in a role they may give."""
    actor = actor_of(user)
    reach = permissions.account_manage_reach(actor)
    roles = [str(role) for role in permissions.grantable_roles(actor)]
    return User.objects.filter(reach_q(reach, path="organization__path"), role__in=roles)


def get_account_for_user(user: Any, account_id: Any, *, change: bool = False, request: Any = None) -> User:
    """The account `account_id` if the user administers it (with change=True: may also
    deactivate it or change its role, which nobody does to their own account); else 404."""
    account: User | None = User.objects.select_related("organization", "member").filter(
        pk=parse_id(account_id)
    ).first()
    actor = actor_of(user)
    allowed = account is not None and (
        permissions.can_change_account(actor, facts_of(account)) if change
        else permissions.can_manage_account(actor, facts_of(account))
    )
    if account is None or not allowed:
        deny(user, "accounts.user", account_id, request)
    return account


def get_grant_target_for_user(user: Any, *, role: Any, org_id: Any, request: Any = None) -> Any:
    """The organization an account is to act for, if the user may give `role` there; else 404.

    A blank organization is None (only administrators act for none: the service checks the
    level). A blank or unknown role is left to the form; a known role the user may not give,
    or an organization outside their reach, is refused like a missing one."""
    actor = actor_of(user)
    known_role = as_role(str(role or ""))
    if known_role is not None and known_role not in permissions.grantable_roles(actor):
        deny(user, "accounts.user", f"role:{known_role}", request)
    if org_id in (None, ""):
        return None
    org = queries.manageable_orgs(user).filter(pk=parse_id(org_id)).first()
    if org is None:
        deny(user, "orgs.organization", org_id, request)
    if known_role is not None and not permissions.can_grant_role(actor, known_role, org.path):
        deny(user, "accounts.user", f"role:{known_role}@{org_id}", request)
    return org


def get_street_for_bulk(user: Any, street_id: Any, *, request: Any = None) -> Any:
    """A street whose community accounts the user may create; else 404."""
    street = queries.streets_for_bulk(user).filter(pk=parse_id(street_id)).first()
    if street is None or not permissions.can_bulk_create_accounts(actor_of(user)):
        deny(user, "orgs.organization", street_id, request)
    return street


def require_account_manager(user: Any, what: str, *, request: Any = None) -> None:
    """404 unless the user administers accounts at all (`what` names the page in the trail)."""
    if not permissions.can_manage_accounts(actor_of(user)):
        deny(user, "accounts.user", what, request)


def require_bulk_creator(user: Any, *, request: Any = None) -> None:
    if not permissions.can_bulk_create_accounts(actor_of(user)):
        deny(user, "accounts.user", "import", request)
