"""Pure scope arithmetic: who acts, and how far their reach goes in the organization tree.

A user acts for one organization (its tree path, e.g. "/1/4/") in one role. The roles
themselves belong to the accounts app (`accounts.roles`); this module only knows paths.
Each app's `permissions.py` turns a role into a `Reach` (one condition per line), and both
its `can_*` predicates and its querysets (`core.access.reach_q`) follow from that one
answer, so a rule is never written twice. No Django import: tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


def within(path: str, ancestor_path: str) -> bool:
    """True when `path` is `ancestor_path` itself or below it ("/1/2/" does not cover "/1/23/")."""
    return bool(ancestor_path) and bool(path) and path.startswith(ancestor_path)


def depth(path: str) -> int:
    """"/1/" → 1, "/1/4/17/" → 3; "" → 0."""
    return max(0, path.count("/") - 1)


@dataclass(frozen=True, slots=True)
class Actor:
    """The plain facts of the person acting: role, organization (id, tree path), member record."""

    role: str
    org_path: str = ""
    org_id: int | None = None
    member_id: int | None = None
    user_id: int | None = None

    def has_role(self, *roles: str) -> bool:
        return self.role in roles


ReachKind = Literal["all", "subtree", "org", "self", "none"]


@dataclass(frozen=True, slots=True)
class Reach:
    """How far an actor's right goes: everything, a subtree, one organization, their own
    record, or nothing."""

    kind: ReachKind
    path: str = ""
    org_id: int | None = None
    member_id: int | None = None

    def covers(self, *, path: str = "", org_id: int | None = None, member_id: int | None = None) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "subtree":
            return within(path, self.path)
        if self.kind == "org":
            return self.org_id is not None and org_id == self.org_id
        if self.kind == "self":
            return self.member_id is not None and member_id == self.member_id
        return False


EVERYTHING = Reach("all")
NOTHING = Reach("none")


def subtree(actor: Actor) -> Reach:
    """The actor's organization and everything below it (nothing without an organization)."""
    return Reach("subtree", path=actor.org_path) if actor.org_path else NOTHING


def own_org(actor: Actor) -> Reach:
    """The actor's own organization only."""
    return Reach("org", org_id=actor.org_id) if actor.org_id is not None else NOTHING


def own_record(actor: Actor) -> Reach:
    """The actor's own member record only."""
    return Reach("self", member_id=actor.member_id) if actor.member_id is not None else NOTHING
