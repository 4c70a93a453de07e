"""宣传与先进典型 (publicity): who may do what (pure). The workflow's own predicates live in
`rules.py`; this module adds who sees the pages at all and whose articles they read."""

from __future__ import annotations

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES
from pingxing.core.scope import Actor, within
from pingxing.publicity.rules import (
    ArticleFacts,
    can_edit,
    can_review,
    can_submit,
    can_withdraw,
    can_write,
)

STAFF_ROLES = ORG_STAFF_ROLES | OFFICE_ROLES

__all__ = ["ArticleFacts", "can_browse", "can_edit", "can_read", "can_review", "can_review_any",
           "can_submit", "can_withdraw", "can_write", "can_write_own"]


def can_browse(actor: Actor) -> bool:
    """The menu entry and the list: staff who can write (their organization) or review (offices)."""
    return actor.role in STAFF_ROLES and bool(actor.org_path) and actor.org_id is not None


def can_read(actor: Actor, article: ArticleFacts) -> bool:
    """An article's page: staff of its organization or of an office above it."""
    if not can_browse(actor):
        return False
    return within(article.org_path, actor.org_path)


def can_write_own(actor: Actor) -> bool:
    """Whether the actor writes articles for the organization they act for."""
    if actor.org_id is None:
        return False
    return can_write(actor, org_path=actor.org_path, org_id=actor.org_id)


def can_review_any(actor: Actor) -> bool:
    """The review queue: the street and county offices."""
    return actor.role in OFFICE_ROLES and bool(actor.org_path)
