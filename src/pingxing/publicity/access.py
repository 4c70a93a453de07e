"""宣传与先进典型 (publicity): the one place ids become articles and photos, or an audited 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pingxing.core.access import deny, parse_id
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.publicity import permissions
from pingxing.publicity.models import Article, ArticlePhoto
from pingxing.publicity.rules import ArticleFacts, State
from pingxing.publicity.services import facts

Check = Callable[[Actor, ArticleFacts], bool]


def get_article_for_user(user: Any, article_id: Any, *, check: Check = permissions.can_read,
                         request: Any = None) -> Article:
    """The article when `check` allows it to the user; otherwise 404 (missing or out of reach alike)."""
    article: Article | None = (Article.objects.select_related("organization", "author", "subject_member",
                                                              "subject_org", "reviewed_by")
                               .filter(pk=parse_id(article_id)).first())
    if article is None or not check(actor_of(user), facts(article)):
        deny(user, "publicity.article", article_id, request)
    return article


def get_photo_for_user(user: Any, photo_id: Any, *, check: Check = permissions.can_read,
                       request: Any = None) -> ArticlePhoto:
    photo: ArticlePhoto | None = (ArticlePhoto.objects.select_related("article__organization")
                                  .filter(pk=parse_id(photo_id)).first())
    if photo is None or not check(actor_of(user), facts(photo.article)):
        deny(user, "publicity.photo", photo_id, request)
    return photo


def get_photo_to_show(user: Any, photo_id: Any, *, request: Any = None) -> ArticlePhoto:
    """A photo of a published article for anyone; of another article for the staff who read it."""
    photo: ArticlePhoto | None = (ArticlePhoto.objects.select_related("article__organization")
                                  .filter(pk=parse_id(photo_id)).first())
    if photo is not None and photo.article.state == State.PUBLISHED:
        return photo
    if not getattr(user, "is_authenticated", False):
        raise Http404  # a visitor probing unpublished photos leaves nothing to audit but noise
    if photo is None or not permissions.can_read(actor_of(user), facts(photo.article)):
        deny(user, "publicity.photo", photo_id, request)
    return photo


def visible_articles(user: Any) -> QuerySet[Article]:
    """Staff: the articles of their organization and everything below it."""
    actor = actor_of(user)
    if not permissions.can_browse(actor):
        return Article.objects.none()
    return Article.objects.within(actor.org_path)


def subject_members(organization: Organization) -> QuerySet[Member]:
    """The members an article of `organization` may feature (its subtree)."""
    return Member.objects.filter(organization__path__startswith=organization.path).order_by("name", "pk")


def subject_orgs(organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=organization.path).order_by("path")
