"""Access to pioneer posts and drives: the one place a predicate becomes an object, a queryset
or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from pingxing.accounts.roles import Role
from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.orgs.models import Organization
from pingxing.posts import permissions
from pingxing.posts.models import Drive, PioneerPost
from pingxing.posts.permissions import DriveFacts, PostFacts

Check = Callable[[Actor, PostFacts], bool]
DriveCheck = Callable[[Actor, DriveFacts], bool]
MAX_TOKEN = 32


def facts_of(post: PioneerPost) -> PostFacts:
    return PostFacts(org_id=post.organization_id, org_path=post.organization.path, holder_id=post.holder_id,
                     state=post.state)


def drive_facts(drive: Drive) -> DriveFacts:
    return DriveFacts(org_id=drive.organization_id, org_path=drive.organization.path)


def ancestor_paths(path: str) -> list[str]:
    """"/1/2/3/" → ["/1/", "/1/2/", "/1/2/3/"]: the organizations whose drives cover this one."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def visible_posts(user: Any) -> QuerySet[PioneerPost]:
    """The posts the user manages (own organization), oversees (street, county subtree) or, as a
    member, reads (own organization, own posts)."""
    actor = actor_of(user)
    base = PioneerPost.objects.select_related("organization", "holder")
    own = Q(holder_id=actor.member_id) if actor.member_id is not None else Q(pk__in=[])
    if actor.role in permissions.OVERSEEING_ROLES and actor.org_path:
        return base.filter(Q(organization__path__startswith=actor.org_path) | own)
    if actor.role in permissions.MANAGING_ROLES | {Role.MEMBER} and actor.org_id:
        return base.filter(Q(organization_id=actor.org_id) | own)
    return base.filter(own)


def get_post_for_user(user: Any, post_id: Any, *, check: Check = permissions.can_read_post,
                      request: Any = None) -> PioneerPost:
    """The post if `check` allows the user (reading by default); else an audited 404."""
    post: PioneerPost | None = (PioneerPost.objects.select_related("organization", "holder")
                                .filter(pk=parse_id(post_id)).first())
    if post is None or not check(actor_of(user), facts_of(post)):
        deny(user, "posts.post", post_id, request)
    return post


def get_post_by_token(token: Any) -> PioneerPost:
    """The public card's post (no login): only its token finds it; unknown tokens are 404."""
    text = str(token or "")
    if not text or len(text) > MAX_TOKEN:
        raise Http404
    post: PioneerPost | None = (PioneerPost.objects.select_related("organization", "holder")
                                .filter(token=text).first())
    if post is None:
        raise Http404
    return post


def visible_drives(user: Any) -> QuerySet[Drive]:
    """The drives of the user's subtree (street, county), of their organization and of the
    organizations above it (they take part in those)."""
    actor = actor_of(user)
    base = Drive.objects.select_related("organization")
    if not actor.org_path:
        return base.none()
    above = Q(organization__path__in=ancestor_paths(actor.org_path))
    if actor.role in permissions.OVERSEEING_ROLES:
        return base.filter(Q(organization__path__startswith=actor.org_path) | above)
    if actor.role in permissions.MANAGING_ROLES | {Role.MEMBER}:
        return base.filter(above)
    return base.none()


def get_drive_for_user(user: Any, drive_id: Any, *, check: DriveCheck = permissions.can_read_drive,
                       request: Any = None) -> Drive:
    drive: Drive | None = Drive.objects.select_related("organization").filter(pk=parse_id(drive_id)).first()
    if drive is None or not check(actor_of(user), drive_facts(drive)):
        deny(user, "posts.drive", drive_id, request)
    return drive


def drives_to_tag(user: Any, post: PioneerPost) -> list[Drive]:
    """The drives the user may tag this post with (covering the post's organization)."""
    actor = actor_of(user)
    facts = facts_of(post)
    drives = Drive.objects.select_related("organization").filter(
        organization__path__in=ancestor_paths(post.organization.path))
    return [d for d in drives if permissions.can_tag(actor, drive_facts(d), facts)]


def own_organization(user: Any) -> Organization | None:
    """The Party organization whose posts the user sets up (secretary, clerk); else None."""
    actor = actor_of(user)
    if actor.org_id is None or not permissions.can_create_post_in(actor, org_id=actor.org_id):
        return None
    org: Organization | None = Organization.objects.filter(pk=actor.org_id, level="organization").first()
    return org
