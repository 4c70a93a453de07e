"""宣传与先进典型 (publicity) pages (phone-first): the staff list with state filters, the article
form, the article with its photos and the review actions each role may take, the street's review
queue, and the public page (no login) with the published articles and the year's commendations."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny, parse_id
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.orgs.models import Organization
from pingxing.publicity import access, permissions, queries, services
from pingxing.publicity.forms import ArticleForm, PhotoForm, ReasonForm
from pingxing.publicity.models import KIND_CHOICES, STATE_CHOICES, Article


def _year(request: HttpRequest, default: int | None = None) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return default or timezone.localdate().year


def _done(request: AuthenticatedHttpRequest, write: Callable[[], str], article: Article) -> HttpResponse:
    try:
        messages.success(request, write())
    except services.PublicityError as exc:
        messages.error(request, str(exc))
    return redirect("publicity:article", article.pk)


@login_required
def article_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_browse(actor):
        deny(request.user, "publicity.article", "list", request)
    state = request.GET.get("state", "")
    return render(request, "publicity/list.html", {
        "articles": queries.article_list(access.visible_articles(request.user), state=state),
        "state": state, "states": STATE_CHOICES, "can_write": permissions.can_write_own(actor),
        "can_review": permissions.can_review_any(actor)})


def _article_form(request: AuthenticatedHttpRequest, organization: Organization,
                  article: Article | None) -> HttpResponse:
    initial = {"year": timezone.localdate().year, "kind": "progress"}
    if article is not None:
        initial = {"kind": article.kind, "title": article.title, "body": article.body, "year": article.year,
                   "subject_member": article.subject_member_id, "subject_org": article.subject_org_id}
    members = access.subject_members(organization)
    orgs = access.subject_orgs(organization)
    form = ArticleForm(request.POST or None, initial=initial, members=[(m.pk, m.name) for m in members],
                       orgs=[(o.pk, o.name) for o in orgs])
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            values = {"kind": d["kind"], "title": d["title"], "body": d["body"], "year": d["year"],
                      "subject_member": members.filter(pk=d["subject_member"]).select_related("organization")
                      .first() if d["subject_member"] else None,
                      "subject_org": orgs.filter(pk=d["subject_org"]).first() if d["subject_org"] else None}
            try:
                if article is None:
                    article = services.article_create(organization=organization, by=request.user,
                                                      request=request, **values)
                else:
                    services.article_update(article=article, by=request.user, request=request, **values)
            except services.PublicityError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("已保存。可添加照片后提交审核。"))
                return redirect("publicity:article", article.pk)
        status = 400
    return render(request, "publicity/form.html", {"form": form, "article": article}, status=status)


@login_required
def article_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_write_own(actor_of(request.user)) or request.user.organization is None:
        deny(request.user, "publicity.article", "new", request)
    return _article_form(request, request.user.organization, None)


@login_required
def article_edit(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, check=permissions.can_edit, request=request)
    return _article_form(request, article.organization, article)


@login_required
def article_detail(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)
    actor, facts = actor_of(request.user), services.facts(article)
    return render(request, "publicity/article.html", {
        "article": article, "photos": article.photos.all(), "steps": article.steps.select_related("by"),
        "can_edit": permissions.can_edit(actor, facts), "can_submit": permissions.can_submit(actor, facts),
        "can_review": permissions.can_review(actor, facts), "can_withdraw": permissions.can_withdraw(actor, facts),
        "photo_form": PhotoForm(), "reason_form": ReasonForm()})


@login_required
@require_POST
def article_submit(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)

    def write() -> str:
        services.article_submit(article=article, by=request.user, request=request)
        return _("已提交审核。")
    return _done(request, write, article)


@login_required
@require_POST
def article_approve(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)

    def write() -> str:
        services.article_approve(article=article, by=request.user, request=request)
        return _("审核通过，已在公开页面发布。")
    return _done(request, write, article)


@login_required
@require_POST
def article_return(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)

    def write() -> str:
        services.article_return(article=article, reason=request.POST.get("reason", ""), by=request.user,
                                request=request)
        return _("已退回修改。")
    return _done(request, write, article)


@login_required
@require_POST
def article_withdraw(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)

    def write() -> str:
        services.article_withdraw(article=article, reason=request.POST.get("reason", ""), by=request.user,
                                  request=request)
        return _("已从公开页面撤下。")
    return _done(request, write, article)


@login_required
@require_POST
def photo_add(request: AuthenticatedHttpRequest, article_id: int) -> HttpResponse:
    article = access.get_article_for_user(request.user, article_id, request=request)
    upload = request.FILES.get("photo")

    def write() -> str:
        services.photo_add(article=article, upload=upload, caption=request.POST.get("caption", ""),
                           by=request.user, request=request)
        return _("照片已添加。")
    return _done(request, write, article)


@login_required
@require_POST
def photo_remove(request: AuthenticatedHttpRequest, photo_id: int) -> HttpResponse:
    photo = access.get_photo_for_user(request.user, photo_id, request=request)

    def write() -> str:
        services.photo_remove(photo=photo, by=request.user, request=request)
        return _("照片已删除。")
    return _done(request, write, photo.article)


def photo_file(request: HttpRequest, photo_id: int) -> FileResponse:
    """A photo: anyone's for a published article, otherwise only the staff who read the article."""
    photo = access.get_photo_to_show(request.user, photo_id, request=request)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, filename=photo.original_name or None)


@login_required
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_review_any(actor):
        deny(request.user, "publicity.queue", "", request)
    return render(request, "publicity/queue.html", {
        "articles": queries.review_queue(access.visible_articles(request.user), reviewer_path=actor.org_path),
        "me": request.user.pk})


def public(request: HttpRequest) -> HttpResponse:
    """No login: the published articles with their photos, and 年度表彰 for a year."""
    years = queries.honour_years()
    year = _year(request, years[0] if years else None)
    kind = request.GET.get("kind", "")
    return render(request, "publicity/public.html", {
        "articles": queries.public_articles(kind=kind)[:50], "kind": kind, "kinds": KIND_CHOICES,
        "year": year, "years": years, "five_star": queries.five_star_orgs(year),
        "excellent": queries.excellent_members(year)})


def public_article(request: HttpRequest, article_id: int) -> HttpResponse:
    article = queries.public_article(parse_id(article_id))
    if article is None:
        raise Http404
    return render(request, "publicity/public_article.html", {"article": article})
