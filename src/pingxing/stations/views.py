"""服务阵地 pages (phone-first): the staff list of stations and remote-education sites, a
station with its activities, forms to keep stations and record activities with photos, the
recording of a remote-education session with its attendance, and the public list (no login)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pingxing.core.access import deny
from pingxing.core.http import AuthenticatedHttpRequest, actor_of
from pingxing.core.uploads import PHOTOS, upload_problem
from pingxing.stations import access, permissions, queries, services
from pingxing.stations.forms import ActivityForm, RemoteSessionForm, StationForm
from pingxing.stations.models import Station
from pingxing.stations.opening import is_open, next_opening, parse_slots


@login_required
def station_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    actor = actor_of(request.user)
    if not permissions.can_browse_stations(actor):
        deny(request.user, "stations.station", "list", request)
    return render(request, "stations/list.html", {
        "stations": queries.station_list(access.visible_stations(request.user)),
        "sites": access.visible_sites(request.user).select_related("organization"),
        "can_add": permissions.can_add_stations(actor)})


def public_list(request: HttpRequest) -> HttpResponse:
    now = timezone.localtime()
    rows = []
    for station in queries.public_stations():
        slots = parse_slots(station.hours)
        rows.append((station, is_open(slots, now), next_opening(slots, now)))
    return render(request, "stations/public.html", {"rows": rows})


@login_required
def station_detail(request: AuthenticatedHttpRequest, station_id: int) -> HttpResponse:
    station = access.get_station_for_user(request.user, station_id, request=request)
    can_manage = permissions.can_manage_station(actor_of(request.user), access.facts(station.organization))
    site = getattr(station, "remote_site", None)
    return render(request, "stations/station.html", {
        "station": station, "activities": queries.station_activities(station), "can_manage": can_manage,
        "site": site, "sessions": queries.site_sessions(site.pk) if site else [],
        "open_now": is_open(parse_slots(station.hours), timezone.localtime())})


def _organizations(request: AuthenticatedHttpRequest) -> list[tuple[int, str]]:
    return [(o.pk, o.name) for o in access.manageable_orgs(request.user).order_by("path")]


def _station_form(request: AuthenticatedHttpRequest, station: Station | None) -> HttpResponse:
    organizations = _organizations(request)
    if not organizations:
        deny(request.user, "stations.station", "new", request)
    initial = {}
    if station is not None:
        staff = station.staff.first()
        first = station.hours[0] if station.hours else {}
        initial = {"organization": station.organization_id, "kind": station.kind, "name": station.name,
                   "address": station.address, "weekdays": [str(h["weekday"]) for h in station.hours],
                   "opens": first.get("from"), "closes": first.get("to"), "hours_note": station.hours_note,
                   "services": station.services, "staff_name": staff.name if staff else "",
                   "staff_role": staff.role if staff else ""}
    form = StationForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        org = access.manageable_orgs(request.user).get(pk=d["organization"])
        staff_phone = d["staff_phone"] or (station.staff.first().phone if station and station.staff.exists() else "")
        try:
            saved = services.station_save(
                organization=org, kind=d["kind"], name=d["name"], address=d["address"], hours=form.hours(),
                hours_note=d["hours_note"], services=d["services"], station=station, by=request.user,
                staff=[{"name": d["staff_name"], "role": d["staff_role"], "phone": staff_phone}], request=request)
        except services.StationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("已保存。"))
            return redirect("stations:station", saved.pk)
    return render(request, "stations/station_form.html", {"form": form, "station": station})


@login_required
def station_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _station_form(request, None)


@login_required
def station_edit(request: AuthenticatedHttpRequest, station_id: int) -> HttpResponse:
    station = access.get_station_for_user(request.user, station_id, check=permissions.can_manage_station,
                                          request=request)
    return _station_form(request, station)


@login_required
def activity_new(request: AuthenticatedHttpRequest, station_id: int) -> HttpResponse:
    station = access.get_station_for_user(request.user, station_id, check=permissions.can_manage_station,
                                          request=request)
    form = ActivityForm(request.POST or None)
    photos = request.FILES.getlist("photos")
    problems = [p for p in (upload_problem(u, allowed=PHOTOS) for u in photos) if p]
    for problem in problems:
        form.add_error(None, problem)  # named even when another field is missing
    if request.method == "POST" and not problems and form.is_valid():
        d = form.cleaned_data
        try:
            services.activity_record(station=station, date=d["date"], title=d["title"], kind=d["kind"],
                                     participants=d["participants"], description=d["description"],
                                     photos=photos, by=request.user, request=request)
        except services.StationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("活动已记录。"))
            return redirect("stations:station", station.pk)
    return render(request, "stations/activity_form.html", {"form": form, "station": station})


@login_required
def remote_session_new(request: AuthenticatedHttpRequest, site_id: int) -> HttpResponse:
    site = access.get_site_for_user(request.user, site_id, check=permissions.can_manage_station, request=request)
    members = access.site_members(site)
    form = RemoteSessionForm(request.POST or None, members=[(m.pk, m.name) for m in members])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            link = services.remote_session_record(site=site, title=d["title"], date=d["date"], hours=d["hours"],
                                                  members=members.filter(pk__in=d["members"]), by=request.user,
                                                  request=request)
        except services.StationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("远程教育场次已记录，学时已计入教育培训。"))
            return redirect("training:session", link.session_id)
    return render(request, "stations/remote_session_form.html", {"form": form, "site": site})
