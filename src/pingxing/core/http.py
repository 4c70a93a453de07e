"""Typed request and user at view and service boundaries.

Core imports no app, so the user is described by what every app reads of it (a Protocol);
`accounts.User` satisfies it.
"""

from __future__ import annotations

from typing import Any, Protocol

from django.http import HttpRequest

from pingxing.core.scope import Actor


class OrgRef(Protocol):
    """What the base needs of an organization: its id, tree path and name."""

    pk: int
    path: str
    name: str


class ActingUser(Protocol):
    """The user a request acts as (`accounts.User`)."""

    pk: int
    username: str
    role: str
    organization_id: int | None
    member_id: int | None
    is_authenticated: bool
    is_active: bool

    @property
    def organization(self) -> Any: ...


class AuthenticatedHttpRequest(HttpRequest):  # type: ignore[misc]  # Django has no stubs here
    """A request behind `login_required`: `user` is a real account, never AnonymousUser."""

    user: ActingUser
    htmx: Any


def user_path(user: Any) -> str:
    """The tree path of the organization the user acts for ("" when none)."""
    org = getattr(user, "organization", None)
    return str(org.path) if org is not None else ""


def actor_of(user: Any) -> Actor:
    """The plain facts permissions judge; an anonymous visitor acts in no role."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Actor(role="")
    return Actor(
        role=str(user.role), org_path=user_path(user), org_id=user.organization_id,
        member_id=user.member_id, user_id=user.pk,
    )
