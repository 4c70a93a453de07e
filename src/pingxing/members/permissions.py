"""Who may read and change Party members' records (pure: plain values in)."""

from __future__ import annotations

from pingxing.accounts.roles import SUBTREE_ROLES, Role, staff_reach
from pingxing.core.scope import NOTHING, Actor, Reach, own_record, subtree


def member_read_reach(actor: Actor) -> Reach:
    if actor.role == Role.MEMBER:
        return own_record(actor)  # a member reads their own record only
    return staff_reach(actor)


def member_write_reach(actor: Actor) -> Reach:
    """Adding, editing, moving and removing members: Party staff of the scope, administrators."""
    return staff_reach(actor)


def id_reveal_reach(actor: Actor) -> Reach:
    """Seeing a full ID number (audited): Party staff of that member's scope only — not the
    administrator, whose work never needs it."""
    if actor.role in SUBTREE_ROLES:
        return subtree(actor)
    return NOTHING


def can_read_member(actor: Actor, member_org_path: str, member_id: int | None = None) -> bool:
    return member_read_reach(actor).covers(path=member_org_path, member_id=member_id)


def can_write_member(actor: Actor, member_org_path: str) -> bool:
    return member_write_reach(actor).covers(path=member_org_path)


def can_reveal_id_number(actor: Actor, member_org_path: str) -> bool:
    return id_reveal_reach(actor).covers(path=member_org_path)


def can_add_members(actor: Actor) -> bool:
    """Whether the actor registers members anywhere (the 新增 button, the import page)."""
    return member_write_reach(actor).kind != "none"


def can_import_members(actor: Actor) -> bool:
    return can_add_members(actor)


def can_export_in_full(actor: Actor) -> bool:
    """Exports with full ID numbers, phones and addresses: Party staff, never the administrator."""
    return id_reveal_reach(actor).kind != "none"


def can_browse_members(actor: Actor) -> bool:
    """The member list (党员管理)."""
    return can_add_members(actor)


def has_own_record(actor: Actor) -> bool:
    """The 我的档案 menu entry: a member with a linked record."""
    return actor.role == Role.MEMBER and actor.member_id is not None


def can_read_drawn_member(actor: Actor, regional_paths: list[str]) -> bool:
    """A member drawn into regional organizations: that organization's staff (and those above) read them."""
    reach = staff_reach(actor)
    return any(reach.covers(path=path) for path in regional_paths)


def can_manage_drawn_members(actor: Actor, regional_path: str) -> bool:
    """Drawing members into (or out of) a regional organization: its secretary and clerk, the street above."""
    return staff_reach(actor).covers(path=regional_path)
