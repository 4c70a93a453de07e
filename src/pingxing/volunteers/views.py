"""Volunteer pages (phone-first): activities with sign-up buttons, 我的志愿服务, the organizer's
confirm-hours page, teams with their yearly hours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.volunteers import access, permissions, queries, services


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


@login_required
def activities(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not (permissions.can_browse(actor) or permissions.has_own(actor)):
        deny(request.user, "volunteers.activity", "list", request)
    year = _year(request)
    mine = set()
    if actor.member_id is not None:
        mine = set(queries.member_signups(actor.member_id, year=year).values_list("activity_id", flat=True))
    rows = queries.activity_list(access.visible_activities(request.user), year=year)
    return render(request, "volunteers/activities.html", {
        "year": year, "rows": rows, "mine": mine, "is_member": permissions.has_own(actor),
        "today": timezone.localdate(), "is_staff": permissions.can_browse(actor)})


@login_required
@require_POST
def signup(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, activity_id, check=permissions.can_sign_up,
                                            request=request)
    try:
        services.signup_create(activity=activity, member=request.user.member, by=request.user, request=request)
        messages.success(request, _("已报名“%(title)s”。") % {"title": activity.title})
    except services.VolunteersError as exc:
        messages.error(request, str(exc))
    return redirect("volunteers:activities")


@login_required
@require_POST
def signup_cancel(request: AuthenticatedHttpRequest, signup_id: int) -> HttpResponse:
    found = access.get_signup_for_user(request.user, signup_id, request=request)
    try:
        services.signup_cancel(signup=found, by=request.user, request=request)
        messages.success(request, _("已取消报名。"))
    except services.VolunteersError as exc:
        messages.error(request, str(exc))
    return redirect("volunteers:mine")


@login_required
def confirm(request: AuthenticatedHttpRequest, activity_id: int) -> HttpResponse:
    activity = access.get_activity_for_user(request.user, activity_id, check=permissions.can_manage,
                                            request=request)
    status = 200
    if request.method == "POST":
        hours = {s.member_id: request.POST.get(f"hours-{s.member_id}", "").strip()
                 for s in activity.signups.all()}
        try:
            made = services.hours_confirm(activity=activity, hours=hours, by=request.user, request=request)
            messages.success(request, _("已确认%(n)d人的服务时长。") % {"n": len(made)})
            return redirect("volunteers:confirm", activity.pk)
        except services.VolunteersError as exc:
            messages.error(request, str(exc))
            status = 400
    return render(request, "volunteers/confirm.html",
                  {"activity": activity, "lines": queries.confirm_lines(activity)}, status=status)


@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.has_own(actor) or actor.member_id is None:
        deny(request.user, "volunteers.mine", "", request)
    year = _year(request)
    return render(request, "volunteers/mine.html", {
        "year": year, "signups": queries.member_signups(actor.member_id, year=year),
        "hours": queries.member_hours(actor.member_id, year=year), "today": timezone.localdate()})


@login_required
def teams(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_browse(actor_of(request.user)):
        deny(request.user, "volunteers.team", "list", request)
    year = _year(request)
    return render(request, "volunteers/teams.html",
                  {"year": year, "teams": access.visible_teams(request.user).select_related("organization")})


@login_required
def team(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    found = access.get_team_for_user(request.user, team_id, request=request)
    year = _year(request)
    return render(request, "volunteers/team.html",
                  {"team": found, "year": year, "hours": queries.team_hours(found, year=year)})
