"""Staff pages of pioneer posts (phone first): the organization's list with filters and Excel
export, a post's page (reviews, review form, drives, QR code of its public card), the forms, and
the street/county overview. Drives, the member's page and the public card: views_drives.py,
views_public.py."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import Column, build_workbook, workbook_response
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.steps import run_write, year_of
from pingxing.posts import permissions, queries, services
from pingxing.posts.access import (
    drive_facts,
    drives_to_tag,
    facts_of,
    get_drive_for_user,
    get_post_for_user,
    own_organization,
    visible_drives,
    visible_posts,
)
from pingxing.posts.forms import FilterForm, PostForm, ReviewForm
from pingxing.posts.models import PioneerPost, PostKind, PostState
from pingxing.posts.services import PostError
from pingxing.posts.views_public import card_url

PAGE_SIZE = 50


done = partial(run_write, refusals=(PostError,))  # one write: message, then back


def _filtered(request: AuthenticatedHttpRequest) -> tuple[FilterForm, Any]:
    drives = list(visible_drives(request.user))
    form = FilterForm(request.GET, drives=drives)
    values = form.cleaned_data if form.is_valid() else {}
    posts = queries.staff_list(visible_posts(request.user), kind=values.get("kind") or "",
                               state=values.get("state") or "", drive_id=values.get("drive"))
    return form, posts


@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The posts the user manages or oversees, filtered by kind, drive and state."""
    actor = actor_of(request.user)
    if not permissions.can_browse_posts(actor):
        return redirect("posts:mine")
    form, posts = _filtered(request)
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "posts/index.html", {
        "form": form, "page": page, "posts": page.object_list, "query": query.urlencode(),
        "can_create": own_organization(request.user) is not None,
        "can_overview": permissions.can_see_overview(actor)})


@login_required
def post_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The filtered list as an Excel table; audited."""
    if not permissions.can_browse_posts(actor_of(request.user)):
        deny(request.user, "posts.export", "", request)
    _form, posts = _filtered(request)
    rows = queries.export_rows(posts)
    audit_record(action=AuditAction.EXPORT, user=request.user, object_type="posts.post",
                 changes={"rows": [None, len(rows)]}, request=request)
    wb = build_workbook(_("党员先锋岗"), [Column(h, width=18) for h in queries.EXPORT_HEADERS], rows)
    return workbook_response(wb, f"党员先锋岗-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def post_detail(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = queries.post_with_details(get_post_for_user(request.user, post_id, request=request))
    actor = actor_of(request.user)
    facts = facts_of(post)
    tagged = {d.pk for d in post.drives.all()}
    taggable = drives_to_tag(request.user, post)
    can_review = permissions.can_review_post(actor, facts) and post.state != PostState.WITHDRAWN
    return render(request, "posts/detail.html", {
        "post": post, "reviews": list(post.reviews.all()), "card_url": card_url(request, post),
        "can_edit": permissions.can_edit_post(actor, facts), "can_review": can_review,
        "review_form": ReviewForm(initial={"year": timezone.localdate().year}),
        "to_tag": [d for d in taggable if d.pk not in tagged and post.is_active],
        "untaggable": {d.pk for d in taggable if d.pk in tagged}})


def _save_form(request: AuthenticatedHttpRequest, form: PostForm, write: Callable[[dict[str, Any]], PioneerPost],
               template_context: dict[str, Any]) -> HttpResponse:
    if form.is_valid():
        try:
            post = write(form.cleaned_data)
        except PostError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("岗位已保存。"))
            return redirect("posts:detail", post.pk)
    return render(request, "posts/form.html", {"form": form, **template_context})


@login_required
def post_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up a post of the user's own organization (secretary, clerk)."""
    org = own_organization(request.user)
    if org is None:
        deny(request.user, "posts.create", "", request)
    context = {"org": org, "title": _("设立党员先锋岗")}
    if request.method != "POST":
        form = PostForm(organization=org, initial={"starts_on": timezone.localdate(), "kind": PostKind.PIONEER_POST})
        return render(request, "posts/form.html", {"form": form, **context})
    return _save_form(request, PostForm(request.POST, organization=org), lambda values: services.post_create(
        organization=org, by=request.user, request=request, **values), context)


@login_required
def post_edit(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_for_user(request.user, post_id, check=permissions.can_edit_post, request=request)
    context = {"org": post.organization, "title": _("修改岗位"), "post": post}
    if request.method != "POST":
        initial = {name: getattr(post, name) for name in services.EDITABLE_FIELDS}
        return render(request, "posts/form.html", {"form": PostForm(organization=post.organization, initial=initial),
                                                   **context})
    return _save_form(request, PostForm(request.POST, organization=post.organization),
                      lambda values: services.post_update(post=post, by=request.user, request=request, **values),
                      context)


@login_required
@require_POST
def post_end(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_for_user(request.user, post_id, check=permissions.can_edit_post, request=request)

    def write() -> str:
        services.post_end(post=post, by=request.user, request=request)
        return _("岗位已结束。")
    return done(request, write, reverse("posts:detail", args=[post.pk]))


@login_required
@require_POST
def post_review(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_for_user(request.user, post_id, check=permissions.can_review_post, request=request)

    def write() -> str:
        form = ReviewForm(request.POST)
        if not form.is_valid():
            raise PostError(_("请填写年度和评议结果。"))
        review = services.post_review(post=post, by=request.user, request=request, **form.cleaned_data)
        return _("已记录 %(year)s 年度评议：%(outcome)s。") % {"year": review.year,
                                                          "outcome": review.get_outcome_display()}
    return done(request, write, reverse("posts:detail", args=[post.pk]))


@login_required
@require_POST
def post_tag(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    """Tag the post with a drive, or take it off (field `action`: tag / untag)."""
    post = get_post_for_user(request.user, post_id, request=request)
    drive = get_drive_for_user(request.user, request.POST.get("drive"), request=request)
    if not permissions.can_tag(actor_of(request.user), drive_facts(drive), facts_of(post)):
        deny(request.user, "posts.tag", post_id, request)
    untag = request.POST.get("action") == "untag"

    def write() -> str:
        if untag:
            services.drive_untag(drive=drive, posts=[post], by=request.user, request=request)
            return _("已退出“%(drive)s”。") % {"drive": drive.name}
        services.drive_tag(drive=drive, posts=[post], by=request.user, request=request)
        return _("已参加“%(drive)s”。") % {"drive": drive.name}
    back = "posts:drive" if request.POST.get("back") == "drive" else "posts:detail"
    return done(request, write, reverse(back, args=[drive.pk if back == "posts:drive" else post.pk]))


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Street and county: the subtree's active posts by organization and kind, and the year's
    commendations and withdrawals (a fixed number of queries)."""
    actor = actor_of(request.user)
    if not permissions.can_see_overview(actor):
        deny(request.user, "posts.overview", "", request)
    year = year_of(request)
    rows, total = queries.subtree_overview(path=actor.org_path, year=year)
    return render(request, "posts/overview.html", {"rows": rows, "total": total, "year": year,
                                                   "kinds": PostKind.choices})
