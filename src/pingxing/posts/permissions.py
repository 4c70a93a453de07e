"""Who manages, reviews, reads and tags pioneer posts (pure: plain values in).

- The secretary and clerk of an organization manage its posts (create, edit, end, review).
- The street and the county read the posts of their subtree; the street also starts street-wide
  drives and tags the posts of its subtree with them.
- A member reads the posts of their organization and their own posts.
- A post's public card (by its token) needs no login; it is not judged here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pingxing.accounts.roles import Role
from pingxing.core.scope import Actor, within

MANAGING_ROLES = frozenset({Role.SECRETARY, Role.CLERK})
OVERSEEING_ROLES = frozenset({Role.STREET, Role.COUNTY})
# Who starts a drive for the organization they act for: its staff, and a street committee.
DRIVE_ROLES = frozenset({Role.SECRETARY, Role.CLERK, Role.STREET})
ACTIVE = "active"  # = models.PostState.ACTIVE (pure copy checked in tests)


@dataclass(frozen=True)
class PostFacts:
    org_id: int
    org_path: str
    holder_id: int
    state: str


@dataclass(frozen=True)
class DriveFacts:
    org_id: int
    org_path: str


def can_manage_posts(actor: Actor, post: PostFacts) -> bool:
    if actor.role not in MANAGING_ROLES:
        return False
    return actor.org_id == post.org_id


def can_edit_post(actor: Actor, post: PostFacts) -> bool:
    if not can_manage_posts(actor, post):
        return False
    return post.state == ACTIVE


def can_review_post(actor: Actor, post: PostFacts) -> bool:
    return can_manage_posts(actor, post)


def can_oversee_posts(actor: Actor, post: PostFacts) -> bool:
    if actor.role not in OVERSEEING_ROLES:
        return False
    return within(post.org_path, actor.org_path)


def is_holder(actor: Actor, post: PostFacts) -> bool:
    if actor.member_id is None:
        return False
    return actor.member_id == post.holder_id


def can_read_post(actor: Actor, post: PostFacts) -> bool:
    if is_holder(actor, post):
        return True
    if actor.role == Role.MEMBER and actor.org_id is not None:
        return actor.org_id == post.org_id
    return can_manage_posts(actor, post) or can_oversee_posts(actor, post)


def can_create_post_in(actor: Actor, *, org_id: int) -> bool:
    """Posts are set up by the organization's own staff."""
    if actor.role not in MANAGING_ROLES:
        return False
    return actor.org_id == org_id


def can_start_drive(actor: Actor, *, org_id: int) -> bool:
    """A drive belongs to the organization (or street) the actor acts for."""
    if actor.role not in DRIVE_ROLES:
        return False
    return actor.org_id == org_id


def can_manage_drive(actor: Actor, drive: DriveFacts) -> bool:
    return can_start_drive(actor, org_id=drive.org_id)


def can_read_drive(actor: Actor, drive: DriveFacts) -> bool:
    """The drive's own staff, the offices above it, and the organizations and members below it
    (they take part in it)."""
    if can_manage_drive(actor, drive):
        return True
    if actor.role in OVERSEEING_ROLES and within(drive.org_path, actor.org_path):
        return True
    if actor.role in MANAGING_ROLES | {Role.MEMBER}:
        return within(actor.org_path, drive.org_path)
    return False


def can_tag(actor: Actor, drive: DriveFacts, post: PostFacts) -> bool:
    """Tag a post with a drive (or untag it): the post lies in the drive's subtree, and the actor
    keeps either the drive (a street tags its subtree's posts) or the post (an organization joins
    a street-wide drive)."""
    if not within(post.org_path, drive.org_path):
        return False
    return can_manage_drive(actor, drive) or can_manage_posts(actor, post)


def can_browse_posts(actor: Actor) -> bool:
    """The staff menu entry 党员先锋岗: the organization's staff and the offices above it."""
    if actor.role not in MANAGING_ROLES | OVERSEEING_ROLES:
        return False
    return actor.org_id is not None


def can_see_overview(actor: Actor) -> bool:
    """The counts across a subtree: the street and the county."""
    if actor.role not in OVERSEEING_ROLES:
        return False
    return bool(actor.org_path)


def has_member_record(actor: Actor) -> bool:
    """The member menu entry 我的岗位: always shown to a user with a member record (a stable menu;
    the page says when they hold no post)."""
    return actor.member_id is not None
