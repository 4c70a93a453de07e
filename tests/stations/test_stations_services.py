from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pingxing.audit.models import AuditEntry
from pingxing.stations import services
from pingxing.stations.models import Station, StationStaff
from pingxing.training.models import Attendance, Channel
from pingxing.training.queries import member_training

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def test_a_station_keeps_valid_hours_known_services_and_an_encrypted_phone(world, station):
    assert station.hours[0] == {"weekday": 0, "from": "08:30", "to": "17:00"}
    assert station.service_labels() == ["党费收缴", "政策咨询"]
    staff = StationStaff.objects.get(station=station)
    assert staff.phone == "13912345678"
    assert staff.phone_masked == "139****5678"
    assert AuditEntry.objects.filter(object_type="stations.station", object_id=str(station.pk)).exists()


def test_editing_a_station_replaces_its_fields_and_staff(world, station):
    services.station_save(organization=world.a1, kind="point", name="新名称", address="新地址", station=station,
                          hours=[{"weekday": 9, "from": "08:00", "to": "09:00"}], services=["nonsense"],
                          staff=[{"name": "李四"}], by=world.secretary)
    station.refresh_from_db()
    assert (station.name, station.kind, station.hours, station.services) == ("新名称", "point", [], [])
    assert [s.name for s in station.staff.all()] == ["李四"]


def test_a_station_needs_a_name_and_an_address(world):
    with pytest.raises(services.StationError, match="名称"):
        services.station_save(organization=world.a1, kind="station", name=" ", address="某地", by=world.secretary)
    with pytest.raises(services.StationError, match="地址"):
        services.station_save(organization=world.a1, kind="station", name="站", address="", by=world.secretary)
    assert not Station.objects.exists()


def test_an_activity_keeps_its_photos_and_refuses_a_non_photo(world, station, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    activity = services.activity_record(station=station, date=dt.date(2026, 5, 1), title="义诊", kind="service",
                                        participants=20, photos=[SimpleUploadedFile("a.png", PNG)], by=world.secretary)
    assert [p.original_name for p in activity.photos.all()] == ["a.png"]
    with pytest.raises(services.StationError, match="类型不允许"):
        services.activity_record(station=station, date=dt.date(2026, 5, 1), title="义诊", kind="service",
                                 photos=[SimpleUploadedFile("a.pdf", b"%PDF-1.4")], by=world.secretary)
    assert station.activities.count() == 1


def test_a_remote_session_is_a_training_session_whose_attendance_gives_hours(world, site):
    link = services.remote_session_record(site=site, title="远程专题学习", date=dt.date(2026, 5, 20), hours="2.5",
                                          members=[world.m_a1, world.m_a1_other], by=world.secretary)
    assert link.session.course.channel == Channel.REMOTE_EDUCATION
    assert link.session.course.organizer == world.a1
    assert link.session.place == site.name
    assert Attendance.objects.filter(session=link.session).count() == 2
    again = services.remote_session_record(site=site, title="远程专题学习", date=dt.date(2026, 6, 20), hours="2",
                                           members=[world.m_a1], by=world.secretary)
    assert again.session.course_id == link.session.course_id
    mine = member_training(world.m_a1.pk, year=2026)
    assert sum(a.hours for a in mine.attendances) == pytest.approx(4.5)


def test_a_remote_session_with_bad_hours_leaves_nothing_behind(world, site):
    with pytest.raises(services.StationError, match="学时"):
        services.remote_session_record(site=site, title="学习", date=dt.date(2026, 5, 20), hours="30",
                                       members=[world.m_a1], by=world.secretary)
    assert not Attendance.objects.exists()
    assert not site.sessions.exists()


def test_the_demo_loads_a_center_stations_activities_and_remote_sessions(world):
    from pingxing.stations.demo import load_stations

    load_stations(today=dt.date(2026, 11, 30))
    assert Station.objects.filter(kind="center", organization=world.street_a).count() == 1
    assert Station.objects.filter(kind="station").count() == 2
    assert Station.objects.get(kind="center").activities.count() == 6
    assert Attendance.objects.exists()
    load_stations(today=dt.date(2026, 11, 30))
    assert Station.objects.count() == 3
