"""The publicity workflow (pure, no Django): kinds, states, who submits, who reviews.

草稿 → 待审核 → 已发布 / 退回修改 (with a reason); a returned article is edited and resubmitted;
a published article may be withdrawn by the office above with a reason (kept, off the public page).
Only the office above the author's organization (its street, or the county) reviews, and never
the author of the article (maker/checker).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pingxing.accounts.roles import OFFICE_ROLES, ORG_STAFF_ROLES
from pingxing.core.scope import Actor, within


class Kind(StrEnum):
    PROGRESS = "progress"  # 工作动态
    PRACTICE = "practice"  # 经验做法
    MODEL = "model"  # 先进典型


class State(StrEnum):
    DRAFT = "draft"  # 草稿
    SUBMITTED = "submitted"  # 待审核
    PUBLISHED = "published"  # 已发布
    RETURNED = "returned"  # 退回修改
    WITHDRAWN = "withdrawn"  # 已撤下


EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})
PUBLIC_STATES = frozenset({State.PUBLISHED})


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    org_path: str
    org_id: int
    state: State
    author_id: int | None = None


def can_write(actor: Actor, *, org_path: str, org_id: int) -> bool:
    """Secretary/clerk for their own organization; street/county staff for their own office."""
    if actor.role in ORG_STAFF_ROLES:
        return actor.org_id is not None and actor.org_id == org_id
    if actor.role in OFFICE_ROLES:
        return actor.org_id is not None and actor.org_id == org_id
    return False


def can_edit(actor: Actor, article: ArticleFacts) -> bool:
    if article.state not in EDITABLE_STATES:
        return False
    return can_write(actor, org_path=article.org_path, org_id=article.org_id)


def can_submit(actor: Actor, article: ArticleFacts) -> bool:
    return can_edit(actor, article)


def _above(actor: Actor, article: ArticleFacts) -> bool:
    """An office strictly above the article's organization (or the county over its own street)."""
    if actor.role not in OFFICE_ROLES or not actor.org_path:
        return False
    return within(article.org_path, actor.org_path) and article.org_path != actor.org_path


def can_review(actor: Actor, article: ArticleFacts) -> bool:
    if article.state is not State.SUBMITTED:
        return False
    if actor.user_id is not None and actor.user_id == article.author_id:  # maker/checker
        return False
    return _above(actor, article)


def can_withdraw(actor: Actor, article: ArticleFacts) -> bool:
    if article.state is not State.PUBLISHED:
        return False
    return _above(actor, article)
