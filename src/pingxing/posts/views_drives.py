"""Pages of themed drives (主题创建活动): the list with the form to start one, and a drive's page
listing exactly its tagged posts (those the viewer may see)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.posts import permissions, queries, services
from pingxing.posts.access import drive_facts, get_drive_for_user, visible_drives, visible_posts
from pingxing.posts.forms import DriveForm
from pingxing.posts.services import PostError


@login_required
def drive_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The drives the user takes part in or oversees; the form to start one of their own."""
    actor = actor_of(request.user)
    org = request.user.organization
    can_start = org is not None and permissions.can_start_drive(actor, org_id=org.pk)
    form = DriveForm(initial={"year": timezone.localdate().year})
    if request.method == "POST" and can_start:
        form = DriveForm(request.POST)
        if form.is_valid():
            try:
                drive = services.drive_create(organization=org, by=request.user, request=request, **form.cleaned_data)
            except PostError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(request, _("活动已发起。"))
                return redirect("posts:drive", drive.pk)
    return render(request, "posts/drives.html", {
        "drives": queries.drive_list(visible_drives(request.user)), "form": form, "can_start": can_start, "org": org})


@login_required
def drive_detail(request: AuthenticatedHttpRequest, drive_id: int) -> HttpResponse:
    drive = get_drive_for_user(request.user, drive_id, request=request)
    actor = actor_of(request.user)
    posts = list(queries.drive_posts(drive, visible_posts(request.user)))
    return render(request, "posts/drive.html", {
        "drive": drive, "posts": posts,
        "can_manage": permissions.can_manage_drive(actor, drive_facts(drive))})
