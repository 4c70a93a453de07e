"""宣传与先进典型 (publicity): the writes. Each is atomic and audited; the review steps go through
the state machine (row lock, compare-and-set, a step record). Who may do what is decided by the
predicates of `rules.py` only; errors are in Chinese and name the field."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import ActingUser, actor_of
from pingxing.core.scope import within
from pingxing.core.statemachine import ConcurrentChange, StateMachine
from pingxing.core.uploads import PHOTOS, upload_problem
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.publicity import rules
from pingxing.publicity.models import Article, ArticlePhoto, ArticleStep
from pingxing.publicity.rules import Kind, State

MAX_PHOTOS = 9
MAX_PHOTO_BYTES = 10 * 1024 * 1024
TITLE_MAX = 100
CAPTION_MAX = 100


class PublicityError(Exception):
    """A refused write; the message is for the user."""


class ArticleChanged(ConcurrentChange, PublicityError):
    """Someone else moved the article first."""

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or gettext_lazy("该报道刚被其他人处理过，请刷新页面后再操作。"))


ARTICLES = StateMachine(model=Article, transition_model=ArticleStep, subject_field="article",
                        conflict=ArticleChanged)


def facts(article: Article) -> rules.ArticleFacts:
    return rules.ArticleFacts(org_path=article.organization.path, org_id=article.organization_id,
                              state=State(article.state), author_id=article.author_id)


def _clean(*, organization: Organization, kind: str, title: str, body: str, year: Any,
           subject_member: Member | None, subject_org: Organization | None) -> dict[str, Any]:
    title = (title or "").strip()
    body = (body or "").strip()
    if kind not in {k.value for k in Kind}:
        raise PublicityError(_("请选择“类别”。"))
    if not title:
        raise PublicityError(_("请填写“标题”。"))
    if len(title) > TITLE_MAX:
        raise PublicityError(_("“标题”不能超过%(n)d个字。") % {"n": TITLE_MAX})
    if not body:
        raise PublicityError(_("请填写“正文”。"))
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        raise PublicityError(_("“年度”无效。"))
    if kind != Kind.MODEL:
        subject_member = subject_org = None
    if subject_member is not None and not within(subject_member.organization.path, organization.path):
        raise PublicityError(_("“典型党员”不属于本组织。"))
    if subject_org is not None and not within(subject_org.path, organization.path):
        raise PublicityError(_("“典型组织”不属于本组织。"))
    return {"kind": kind, "title": title, "body": body, "year": year, "subject_member": subject_member,
            "subject_org": subject_org}


def article_create(*, organization: Organization, kind: str, title: str, body: str, year: Any,
                   subject_member: Member | None = None, subject_org: Organization | None = None,
                   by: ActingUser, request: Any = None) -> Article:
    """A draft written for `organization` by its own staff (or an office for itself)."""
    if not rules.can_write(actor_of(by), org_path=organization.path, org_id=organization.pk):
        raise PublicityError(_("您不能为该组织撰写报道。"))
    values = _clean(organization=organization, kind=kind, title=title, body=body, year=year,
                    subject_member=subject_member, subject_org=subject_org)
    with transaction.atomic():
        article: Article = Article.objects.create(organization=organization, author=by, **values)
        audit_record(action=AuditAction.CREATE, user=by, obj=article, organization=organization, request=request,
                     changes={"title": [None, article.title], "kind": [None, kind]})
    return article


def article_update(*, article: Article, kind: str, title: str, body: str, year: Any,
                   subject_member: Member | None = None, subject_org: Organization | None = None,
                   by: ActingUser, request: Any = None) -> Article:
    """Edit a draft or a returned article."""
    if not rules.can_edit(actor_of(by), facts(article)):
        raise PublicityError(_("该报道当前不能修改。"))
    values = _clean(organization=article.organization, kind=kind, title=title, body=body, year=year,
                    subject_member=subject_member, subject_org=subject_org)
    with transaction.atomic():
        ARTICLES.lock(article)
        changes = {k: [_plain(getattr(article, k)), _plain(v)] for k, v in values.items()
                   if getattr(article, k) != v}
        for name, value in values.items():
            setattr(article, name, value)
        article.save()
        audit_record(action=AuditAction.UPDATE, user=by, obj=article, organization=article.organization,
                     request=request, changes=changes)
    return article


def article_submit(*, article: Article, by: ActingUser, request: Any = None) -> Article:
    """Send a draft (or a returned article, once edited) to the office above for review."""
    if not rules.can_submit(actor_of(by), facts(article)):
        raise PublicityError(_("该报道当前不能提交审核。"))
    with transaction.atomic():
        ARTICLES.lock(article)
        ARTICLES.move(article, to_state=State.SUBMITTED, action="submit", by=by, request=request,
                      submitted_at=timezone.now())
    return article


def article_approve(*, article: Article, by: ActingUser, request: Any = None) -> Article:
    """The office above approves: the article is published on the public page."""
    if not rules.can_review(actor_of(by), facts(article)):
        raise PublicityError(_("您不能审核该报道（撰写人不能审核自己的报道）。"))
    now = timezone.now()
    with transaction.atomic():
        ARTICLES.lock(article)
        ARTICLES.move(article, to_state=State.PUBLISHED, action="approve", by=by, request=request,
                      reviewed_by=by, reviewed_at=now, published_at=now, return_reason="")
    return article


def article_return(*, article: Article, reason: str, by: ActingUser, request: Any = None) -> Article:
    """The office above sends the article back for changes, with the reason."""
    reason = (reason or "").strip()
    if not rules.can_review(actor_of(by), facts(article)):
        raise PublicityError(_("您不能审核该报道（撰写人不能审核自己的报道）。"))
    if not reason:
        raise PublicityError(_("请填写“退回理由”。"))
    with transaction.atomic():
        ARTICLES.lock(article)
        ARTICLES.move(article, to_state=State.RETURNED, action="return", by=by, reason=reason, request=request,
                      reviewed_by=by, reviewed_at=timezone.now(), return_reason=reason)
    return article


def article_withdraw(*, article: Article, reason: str, by: ActingUser, request: Any = None) -> Article:
    """The office above takes a published article off the public page, with the reason (it is kept)."""
    reason = (reason or "").strip()
    if not rules.can_withdraw(actor_of(by), facts(article)):
        raise PublicityError(_("您不能撤下该报道。"))
    if not reason:
        raise PublicityError(_("请填写“撤下理由”。"))
    with transaction.atomic():
        ARTICLES.lock(article)
        ARTICLES.move(article, to_state=State.WITHDRAWN, action="withdraw", by=by, reason=reason,
                      request=request, withdraw_reason=reason)
    return article


def photo_problem(upload: Any) -> str | None:
    """What is wrong with an uploaded photo, in the user's words (None: it may be stored)."""
    if upload is None:
        return str(_("请选择“照片”文件。"))
    if not getattr(upload, "size", 0):
        return str(_("文件“%(name)s”是空文件。") % {"name": getattr(upload, "name", "")})
    return upload_problem(upload, allowed=PHOTOS, max_bytes=MAX_PHOTO_BYTES)


def photo_add(*, article: Article, upload: Any, caption: str = "", by: ActingUser,
              request: Any = None) -> ArticlePhoto:
    """A JPG/PNG photo with its caption, added while the article can be edited."""
    if not rules.can_edit(actor_of(by), facts(article)):
        raise PublicityError(_("该报道当前不能修改照片。"))
    if problem := photo_problem(upload):
        raise PublicityError(problem)
    caption = (caption or "").strip()
    if len(caption) > CAPTION_MAX:
        raise PublicityError(_("“照片说明”不能超过%(n)d个字。") % {"n": CAPTION_MAX})
    with transaction.atomic():
        ARTICLES.lock(article)
        count = article.photos.count()
        if count >= MAX_PHOTOS:
            raise PublicityError(_("每篇报道最多%(n)d张照片。") % {"n": MAX_PHOTOS})
        photo = ArticlePhoto(article=article, original_name=shortened_name(upload.name, 200), caption=caption,
                             order=count + 1)
        photo.file.save(stored_name(upload.name), upload, save=True)
        audit_record(action=AuditAction.CREATE, user=by, obj=photo, organization=article.organization,
                     request=request, object_repr=f"{article.title} {photo.original_name}",
                     changes={"caption": [None, caption]})
    return photo


def photo_remove(*, photo: ArticlePhoto, by: ActingUser, request: Any = None) -> None:
    article = photo.article
    if not rules.can_edit(actor_of(by), facts(article)):
        raise PublicityError(_("该报道当前不能修改照片。"))
    with transaction.atomic():
        ARTICLES.lock(article)
        audit_record(action=AuditAction.DELETE, user=by, obj=photo, organization=article.organization,
                     request=request, object_repr=f"{article.title} {photo.original_name}")
        file = photo.file
        photo.delete()
        transaction.on_commit(lambda: file.delete(save=False))


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | str) else str(value)
