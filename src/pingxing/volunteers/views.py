"""Volunteer pages (phone-first): activities with sign-up buttons, 我的志愿服务, the organizer's
confirm-hours page, teams with their yearly hours."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pingxing.core.access import deny
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.steps import run_write
from pingxing.members.models import Member
from pingxing.volunteers import access, permissions, queries, services
from pingxing.volunteers.forms import ActivityForm, TeamForm, TeamMemberForm


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
            made = services.hours_confirm(activity=activity, hours=hours, by=request.user,
                                          feed_points=request.POST.get("feed_points") == "1", request=request)
            messages.success(request, _("已确认%(n)d人的服务时长。") % {"n": len(made)})
            for entry in made:
                if entry.points_skipped:
                    messages.warning(request, _("%(name)s未记积分：%(why)s") % {"name": entry.member.name,
                                                                             "why": entry.points_skipped})
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
    manage = permissions.can_manage(actor_of(request.user), access.org_facts(found.organization))
    add_form = TeamMemberForm(members=access.team_candidates(found), initial={"joined_on": timezone.localdate()}) \
        if manage else None
    return render(request, "volunteers/team.html",
                  {"team": found, "year": year, "hours": queries.team_hours(found, year=year), "add_form": add_form,
                   "members": found.memberships.filter(active=True).select_related("member").order_by("member__name")})


def _org_choices(request: AuthenticatedHttpRequest) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.manageable_orgs(request.user).order_by("path")]


@login_required
def team_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = _org_choices(request)
    if not orgs:
        deny(request.user, "volunteers.team", "new", request)
    form = TeamForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        org = access.manageable_orgs(request.user).get(pk=d["organization"])
        try:
            created = services.team_create(organization=org, name=d["name"], specialty=d["specialty"],
                                           by=request.user, request=request)
        except services.VolunteersError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("服务队已建立。"))
            return redirect("volunteers:team", created.pk)
    return render(request, "volunteers/form.html", {"form": form, "heading": _("新建志愿服务队"),
                                                    "back": "volunteers:teams"})


@login_required
def activity_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = _org_choices(request)
    if not orgs:
        deny(request.user, "volunteers.activity", "new", request)
    teams = [(t.pk, f"{t.name}（{t.organization.name}）")
             for t in access.visible_teams(request.user).filter(organization__in=[pk for pk, _n in orgs])
             .select_related("organization")]
    form = ActivityForm(request.POST or None, orgs=orgs, teams=teams)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        org = access.manageable_orgs(request.user).get(pk=d["organization"])
        team = None
        if d["team"] is not None:
            team = access.visible_teams(request.user).filter(pk=d["team"], organization=org).first()
            if team is None:
                form.add_error("team", _("所选服务队不属于该组织单位。"))
        if not form.errors:
            try:
                created = services.activity_create(organization=org, team=team, title=d["title"], date=d["date"],
                                                   planned_hours=d["planned_hours"], capacity=d["capacity"],
                                                   place=d["place"], by=request.user, request=request)
            except services.VolunteersError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("活动“%(title)s”已发布，党员可以报名。") % {"title": created.title})
                return redirect(f"{reverse('volunteers:activities')}?year={created.date.year}")
    return render(request, "volunteers/form.html", {"form": form, "heading": _("发布志愿服务活动"),
                                                    "back": "volunteers:activities"})


@login_required
@require_POST
def team_member_add(request: AuthenticatedHttpRequest, team_id: int) -> HttpResponse:
    found = access.get_team_for_user(request.user, team_id, check=permissions.can_manage, request=request)
    form = TeamMemberForm(request.POST, members=access.team_candidates(found))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("volunteers:team", found.pk)
    member = Member.objects.get(pk=form.cleaned_data["member"])
    return run_write(request, lambda: _added(found, member, form.cleaned_data["joined_on"], request),
                     reverse("volunteers:team", args=[found.pk]), refusals=(services.VolunteersError,))


def _added(team: Any, member: Member, joined_on: Any, request: AuthenticatedHttpRequest) -> str:
    services.team_member_add(team=team, member=member, joined_on=joined_on, by=request.user, request=request)
    return str(_("%(name)s已加入服务队。") % {"name": member.name})
