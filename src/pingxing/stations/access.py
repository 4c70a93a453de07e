"""Access to the service platforms: the one place a predicate becomes an object, a queryset or a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from pingxing.core.access import deny, parse_id, reach_q
from pingxing.core.http import actor_of
from pingxing.core.scope import Actor
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.stations import permissions
from pingxing.stations.models import RemoteEducationSite, Station
from pingxing.stations.permissions import StationFacts

Check = Callable[[Actor, StationFacts], bool]


def facts(org: Organization) -> StationFacts:
    return StationFacts(org_path=org.path, org_id=org.pk)


def get_station_for_user(user: Any, station_id: Any, *, check: Check = permissions.can_read_station,
                         request: Any = None) -> Station:
    """The station if `check` allows the user on its organization (reading by default); else 404."""
    station: Station | None = Station.objects.select_related("organization").filter(pk=parse_id(station_id)).first()
    if station is None or not check(actor_of(user), facts(station.organization)):
        deny(user, "stations.station", station_id, request)
    return station


def get_site_for_user(user: Any, site_id: Any, *, check: Check = permissions.can_read_station,
                      request: Any = None) -> RemoteEducationSite:
    """The remote-education site if `check` allows the user on its organization; else 404."""
    site: RemoteEducationSite | None = (RemoteEducationSite.objects.select_related("organization", "station")
                                        .filter(pk=parse_id(site_id)).first())
    if site is None or not check(actor_of(user), facts(site.organization)):
        deny(user, "stations.site", site_id, request)
    return site


def visible_stations(user: Any) -> QuerySet[Station]:
    reach = permissions.read_reach(actor_of(user))
    stations: QuerySet[Station] = Station.objects.filter(reach_q(reach, path="organization__path",
                                                                 org="organization_id"))
    return stations


def visible_sites(user: Any) -> QuerySet[RemoteEducationSite]:
    reach = permissions.read_reach(actor_of(user))
    sites: QuerySet[RemoteEducationSite] = RemoteEducationSite.objects.filter(
        reach_q(reach, path="organization__path", org="organization_id"))
    return sites


def manageable_orgs(user: Any) -> QuerySet[Organization]:
    reach = permissions.manage_reach(actor_of(user))
    orgs: QuerySet[Organization] = Organization.objects.filter(reach_q(reach, path="path", org="pk"))
    return orgs


def site_members(site: RemoteEducationSite) -> QuerySet[Member]:
    """The members who may be marked present at a site: those of its organization's subtree."""
    members: QuerySet[Member] = Member.objects.filter(organization__path__startswith=site.organization.path)
    return members
