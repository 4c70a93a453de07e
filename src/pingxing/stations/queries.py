"""服务阵地 (stations): the reads."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from pingxing.stations.models import Activity, RemoteSession, Station


def station_list(stations: QuerySet[Station]) -> QuerySet[Station]:
    return (stations.select_related("organization").prefetch_related("staff")
            .annotate(activity_count=Count("activities")))


def public_stations() -> QuerySet[Station]:
    return Station.objects.active().select_related("organization").prefetch_related("staff")


def station_activities(station: Station) -> QuerySet[Activity]:
    return station.activities.prefetch_related("photos")


def site_sessions(site_id: int) -> QuerySet[RemoteSession]:
    return (RemoteSession.objects.filter(site_id=site_id).select_related("session__course")
            .annotate(attendance_count=Count("session__attendances")))
