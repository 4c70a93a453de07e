"""Reads of the account pages: lists with their lock and 2FA state, organizations within reach.

The accounts app sits at the bottom of the app graph (every app imports `accounts.roles`),
so organizations and members are reached through Django's app registry, never imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from pingxing.accounts import permissions
from pingxing.accounts.models import EnrolmentCode, User
from pingxing.accounts.roles import TWO_FACTOR_ROLES, Role
from pingxing.core.access import reach_q
from pingxing.core.http import actor_of


def organization_model() -> Any:
    # orgs imports accounts (roles), so accounts must not import orgs: use the registry.
    return apps.get_model("orgs", "Organization")


def member_model() -> Any:
    # members imports accounts (roles), so accounts must not import members: use the registry.
    return apps.get_model("members", "Member")


def manageable_orgs(user: Any) -> QuerySet[Any]:
    """Organizations whose accounts the user administers, in tree order."""
    reach = permissions.account_manage_reach(actor_of(user))
    return organization_model().objects.filter(reach_q(reach, path="path")).order_by("path")


def streets_for_bulk(user: Any) -> QuerySet[Any]:
    """The streets whose communities the user may create accounts for."""
    return manageable_orgs(user).filter(level="street")


def communities_of(street: Any) -> QuerySet[Any]:
    """The community Party organizations (kind "community") of a street, in tree order."""
    return organization_model().objects.filter(
        path__startswith=street.path, level="organization", kind="community"
    ).order_by("path")


def orgs_by_code(codes: Iterable[str]) -> dict[str, Any]:
    return {o.code: o for o in organization_model().objects.filter(code__in=set(codes))}


def org_by_code(code: str) -> Any:
    return organization_model().objects.filter(code=code).first()


def member_by_id(member_id: int) -> Any:
    return member_model().objects.select_related("organization").filter(pk=member_id).first()


def member_in_reach(user: Any, member_id: int) -> Any:
    """A member record of an organization whose accounts the user administers, or None (the
    same answer for one outside the reach, so no name leaks)."""
    reach = permissions.account_manage_reach(actor_of(user))
    members = member_model().objects.select_related("organization")
    return members.filter(reach_q(reach, path="organization__path"), pk=member_id).first()


def existing_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these usernames are taken (compared case-insensitively, lower-cased)."""
    wanted = {u.lower() for u in usernames if u}
    if not wanted:
        return set()
    query = Q()
    for name in wanted:
        query |= Q(username__iexact=name)
    return {u.lower() for u in User.objects.filter(query).values_list("username", flat=True)}


def with_state(accounts: QuerySet[User]) -> QuerySet[User]:
    """Accounts with their organization and whether a device is bound or a code waits."""
    return accounts.select_related("organization").annotate(
        has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        has_code=Exists(EnrolmentCode.objects.usable().filter(user=OuterRef("pk"))),
    )


def _cool_off() -> timedelta:
    hours = settings.AXES_COOLOFF_TIME
    return hours if isinstance(hours, timedelta) else timedelta(hours=float(hours or 0))


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these usernames django-axes refuses now (too many failures within the cool-off)."""
    names = set(usernames)
    if not names:
        return set()
    attempts = AccessAttempt.objects.filter(
        username__in=names, failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - _cool_off(),
    )
    return set(attempts.values_list("username", flat=True))


def two_factor_state(account: Any) -> str:
    """"bound", "code" (an enrolment code waits), "none", or "" when none is needed (the role
    does not use TOTP, or the demo waives it)."""
    if getattr(account, "has_device", False):
        return "bound"
    if getattr(account, "has_code", False):
        return "code"
    return "none" if settings.REQUIRE_STAFF_2FA and account.role in TWO_FACTOR_ROLES else ""


def decorate(accounts: Iterable[User]) -> list[User]:
    """The accounts of a page with `locked` and `two_factor` set (one query for the locks)."""
    rows = list(accounts)
    locked = locked_usernames(a.username for a in rows)
    for account in rows:
        account.locked = account.username in locked
        account.two_factor = two_factor_state(account)
    return rows


@dataclass(frozen=True)
class AccountFilter:
    role: str = ""
    organization: Any = None  # this organization and below
    q: str = ""
    active: str = ""  # "", "yes", "no"


def filter_accounts(accounts: QuerySet[User], flt: AccountFilter) -> QuerySet[User]:
    if flt.role:
        accounts = accounts.filter(role=flt.role)
    if flt.organization is not None:
        accounts = accounts.filter(organization__path__startswith=flt.organization.path)
    if flt.q:
        accounts = accounts.filter(Q(username__icontains=flt.q) | Q(display_name__icontains=flt.q))
    if flt.active:
        accounts = accounts.filter(is_active=flt.active == "yes")
    return with_state(accounts).order_by("organization__path", "role", "username")


def active_admins() -> QuerySet[User]:
    return User.objects.filter(role=Role.ADMIN, is_active=True)
