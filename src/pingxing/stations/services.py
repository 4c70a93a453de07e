"""Every write of the service platforms: atomic, audited in the same transaction, errors in
Chinese. A remote-education session is a training session (training.services), so its
attendance counts in the members' 我的培训 and in the training overview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.files import shortened_name, stored_name
from pingxing.core.http import ActingUser
from pingxing.core.uploads import PHOTOS, upload_problem
from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.stations.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    RemoteEducationSite,
    RemoteSession,
    Service,
    Station,
    StationKind,
    StationStaff,
)
from pingxing.stations.opening import parse_slots, slots_as_data
from pingxing.training import services as training
from pingxing.training.models import Course

MAX_PHOTOS = 9
REMOTE, MEMBER = "remote_education", "member"  # training Channel and TraineeCategory values


class StationError(Exception):
    """A refused write; the message is for the user."""


def _by(by: ActingUser | None) -> Any:
    return by if by is not None and by.pk else None


def station_save(*, organization: Organization, kind: str, name: str, address: str,
                 hours: Iterable[Mapping[str, Any]] = (), hours_note: str = "", services: Iterable[str] = (),
                 staff: Sequence[Mapping[str, Any]] = (), active: bool = True, station: Station | None = None,
                 by: ActingUser | None, request: Any = None) -> Station:
    """Create a station (station=None) or replace the fields and staff of `station`."""
    name, address = (name or "").strip(), (address or "").strip()
    if kind not in StationKind.values:
        raise StationError(_("请选择阵地类型。"))
    if not name:
        raise StationError(_("请填写阵地名称。"))
    if not address:
        raise StationError(_("请填写地址。"))
    chosen = set(services)
    offered = [s for s in Service.values if s in chosen]
    week = slots_as_data(parse_slots(hours))
    values = {"organization": organization, "kind": kind, "name": name[:100], "address": address[:200],
              "hours": week, "hours_note": hours_note.strip()[:200], "services": offered, "active": active}
    with transaction.atomic():
        if station is None:
            station = Station.objects.create(**values)
            action = AuditAction.CREATE
        else:
            for field, value in values.items():
                setattr(station, field, value)
            station.save()
            station.staff.all().delete()
            action = AuditAction.UPDATE
        for person in staff:
            if (person.get("name") or "").strip():
                StationStaff.objects.create(station=station, name=person["name"].strip()[:50],
                                            role=(person.get("role") or "").strip()[:50],
                                            phone=(person.get("phone") or "").strip()[:20] or None,
                                            member=person.get("member"))
        audit_record(action=action, user=by, obj=station, organization=organization, request=request,
                     changes={"name": [None, station.name], "kind": [None, kind], "services": [None, offered]})
    return station


def activity_record(*, station: Station, date: dt.date, title: str, kind: str, participants: int = 0,
                    description: str = "", photos: Sequence[Any] = (), by: ActingUser | None,
                    request: Any = None) -> Activity:
    """An activity held at `station`, with up to MAX_PHOTOS photos (JPG/PNG)."""
    title = (title or "").strip()
    if not title:
        raise StationError(_("请填写活动名称。"))
    if kind not in ActivityKind.values:
        raise StationError(_("请选择活动类型。"))
    if participants < 0:
        raise StationError(_("参加人数不能为负数。"))
    if len(photos) > MAX_PHOTOS:
        raise StationError(_("照片最多%(n)d张。") % {"n": MAX_PHOTOS})
    for upload in photos:
        if problem := upload_problem(upload, allowed=PHOTOS):
            raise StationError(problem)
    with transaction.atomic():
        activity: Activity = Activity.objects.create(station=station, date=date, title=title[:100], kind=kind,
                                                     participants=participants, description=description.strip(),
                                                     recorded_by=_by(by))
        for upload in photos:
            photo = ActivityPhoto(activity=activity, original_name=shortened_name(upload.name, 200))
            photo.file.save(stored_name(upload.name), upload, save=True)
        audit_record(action=AuditAction.CREATE, user=by, obj=activity, organization=station.organization,
                     request=request, changes={"title": [None, activity.title], "photos": [None, len(photos)]})
    return activity


def site_create(*, organization: Organization, name: str, station: Station | None = None, equipment: str = "",
                by: ActingUser | None, request: Any = None) -> RemoteEducationSite:
    name = (name or "").strip()
    if not name:
        raise StationError(_("请填写站点名称。"))
    with transaction.atomic():
        site: RemoteEducationSite = RemoteEducationSite.objects.create(
            organization=organization, station=station, name=name[:100], equipment=equipment.strip()[:200])
        audit_record(action=AuditAction.CREATE, user=by, obj=site, organization=organization, request=request,
                     changes={"name": [None, site.name]})
    return site


def remote_session_record(*, site: RemoteEducationSite, title: str, date: dt.date, hours: Any,
                          members: Iterable[Member], by: ActingUser | None, request: Any = None) -> RemoteSession:
    """A remote-education session at `site`: a training course (远程教育, of the site's
    organization and year, reused by title) and session, every member's attendance."""
    title = (title or "").strip()
    if not title:
        raise StationError(_("请填写课程名称。"))
    try:
        with transaction.atomic():
            course = Course.objects.filter(title=title[:100], channel=REMOTE,
                                           organizer=site.organization, year=date.year).first()
            if course is None:
                course = training.course_create(title=title, channel=REMOTE,
                                                audience=[MEMBER], organizer=site.organization,
                                                year=date.year, by=by, request=request)
            session = training.session_create(course=course, date=date, hours=hours, place=site.name, by=by,
                                              request=request)
            link: RemoteSession = RemoteSession.objects.create(site=site, session=session)
            for member in members:
                trainee = training.trainee_for_member(member=member, by=by, request=request)
                training.attendance_record(session=session, trainee=trainee, by=by, request=request)
            audit_record(action=AuditAction.CREATE, user=by, obj=link, organization=site.organization,
                         request=request, object_repr=str(session), changes={"site": [None, site.name]})
    except training.TrainingError as error:
        raise StationError(str(error)) from None
    return link
