"""The role × organization-level matrix every app's permission tests walk (pure: no Django).

county /1/ → street A /1/2/ → communities /1/2/3/ (the user's) and /1/2/4/ (sibling);
street B /1/5/ → community /1/5/6/. Each role acts for the organization of its level
(the administrator for none); targets are named relative to the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import ALL_ROLES
from pingxing.core.scope import Actor

USER_PATH = {
    "county": "/1/", "street": "/1/2/", "secretary": "/1/2/3/", "clerk": "/1/2/3/",
    "member": "/1/2/3/", "admin": "",
}
TARGETS = ("own", "child", "sibling", "other_street", "county")
T, F = True, False


def org_id_of(path: str) -> int | None:
    parts = [p for p in path.split("/") if p]
    return int(parts[-1]) if parts else None


def actor(role: str, *, member_id: int | None = None) -> Actor:
    path = USER_PATH[role]
    return Actor(role=role, org_path=path, org_id=org_id_of(path),
                 member_id=member_id if member_id is not None else (77 if role == "member" else None))


@dataclass(frozen=True)
class Target:
    path: str
    org_id: int


def target(role: str, name: str) -> Target:
    own = USER_PATH[role] or "/1/2/3/"
    path = {
        "own": own,
        "child": own + "9/",
        "sibling": "/1/2/4/",
        "other_street": "/1/5/6/",
        "county": "/1/",
    }[name]
    return Target(path, org_id_of(path) or 0)


CASES = [(role, i, name) for role in ALL_ROLES for i, name in enumerate(TARGETS)]
