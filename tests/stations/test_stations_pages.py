from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from factories import make_user
from pingxing.stations import services
from pingxing.stations.models import Activity, Station
from pingxing.training.models import Attendance

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def login(client, user):
    client.force_login(user)


def test_the_street_sees_its_tree_and_a_community_its_own(client, world, station):
    other = services.station_save(organization=world.a2, kind="station", name="甲二党员服务站", address="甲二",
                                  by=world.street_user)
    login(client, world.street_user)
    page = client.get(reverse("stations:list")).content.decode()
    assert station.name in page and other.name in page
    login(client, world.secretary)
    page = client.get(reverse("stations:list")).content.decode()
    assert station.name in page and other.name not in page
    assert client.get(reverse("stations:station", args=[other.pk])).status_code == 404


def test_another_street_and_bad_ids_get_404(client, world, station, site):
    b_user = make_user(role="street", organization=world.street_b)
    login(client, b_user)
    for name, arg in (("stations:station", station.pk), ("stations:station_edit", station.pk),
                      ("stations:activity_new", station.pk), ("stations:remote_session_new", site.pk)):
        assert client.get(reverse(name, args=[arg])).status_code == 404
    login(client, world.secretary)
    for bad in ("99999999999999999999", "0"):
        assert client.get(f"/stations/{bad}/").status_code == 404
    assert client.get(reverse("stations:list")).status_code == 200


def test_the_member_has_no_staff_pages(client, world, station):
    login(client, world.member_user)
    assert client.get(reverse("stations:list")).status_code == 404
    assert client.get(reverse("stations:station", args=[station.pk])).status_code == 404


def test_the_public_page_needs_no_login_and_shows_staff_names_but_never_phones(client, world, station):
    page = client.get(reverse("stations:public")).content.decode()
    assert station.name in page and station.address in page and "王站长" in page and "党费收缴" in page
    assert "13912345678" not in page and "5678" not in page


def test_the_detail_shows_the_phone_masked(client, world, station):
    login(client, world.secretary)
    page = client.get(reverse("stations:station", args=[station.pk])).content.decode()
    assert "139****5678" in page and "13912345678" not in page


def test_a_secretary_creates_and_edits_a_station_from_the_form(client, world):
    login(client, world.secretary)
    answer = client.post(reverse("stations:station_new"), {
        "organization": world.a1.pk, "kind": "station", "name": "新服务站", "address": "甲一路1号",
        "weekdays": ["0", "2"], "opens": "09:00", "closes": "11:00", "services": ["dues"],
        "staff_name": "赵六", "staff_role": "站长", "staff_phone": "13800001111"})
    station = Station.objects.get(name="新服务站")
    assert answer.status_code == 302
    assert station.hours == [{"weekday": 0, "from": "09:00", "to": "11:00"}, {"weekday": 2, "from": "09:00", "to": "11:00"}]
    answer = client.post(reverse("stations:station_edit", args=[station.pk]), {
        "organization": world.a1.pk, "kind": "point", "name": "改名服务点", "address": "甲一路1号",
        "staff_name": "赵六"})
    station.refresh_from_db()
    assert station.name == "改名服务点"
    assert station.staff.get().phone == "13800001111"  # an empty phone keeps the old one


def test_the_form_names_the_field_in_error_and_refuses_another_organization(client, world):
    login(client, world.secretary)
    answer = client.post(reverse("stations:station_new"), {
        "organization": world.a2.pk, "kind": "station", "name": "x", "address": "y",
        "weekdays": ["0"], "opens": "10:00", "closes": "09:00"})
    assert answer.status_code == 200
    form = answer.context["form"]
    assert "organization" in form.errors and "closes" in form.errors
    assert not Station.objects.exists()


def test_recording_an_activity_with_photos_and_a_bad_file(client, world, station, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, world.clerk)
    url = reverse("stations:activity_new", args=[station.pk])
    data = {"date": "2026-05-01", "title": "义诊", "kind": "service", "participants": "12"}
    answer = client.post(url, {**data, "photos": [SimpleUploadedFile("x.xlsx", b"PK\x03\x04")]})
    assert answer.status_code == 200 and "类型不允许" in answer.content.decode()
    answer = client.post(url, {**data, "photos": [SimpleUploadedFile("a.png", PNG)]})
    assert answer.status_code == 302
    assert Activity.objects.get().photos.count() == 1


def test_a_member_attending_a_remote_session_sees_the_hours_on_their_training_page(client, world, site):
    login(client, world.secretary)
    answer = client.post(reverse("stations:remote_session_new", args=[site.pk]), {
        "title": "远程专题学习", "date": timezone.localdate().isoformat(), "hours": "3",
        "members": [world.m_a1.pk, world.m_a2.pk]})
    assert answer.status_code == 200 and "members" in answer.context["form"].errors  # not of this site
    answer = client.post(reverse("stations:remote_session_new", args=[site.pk]), {
        "title": "远程专题学习", "date": timezone.localdate().isoformat(), "hours": "3", "members": [world.m_a1.pk]})
    assert answer.status_code == 302
    assert Attendance.objects.get().trainee.member == world.m_a1
    login(client, world.member_user)
    page = client.get(reverse("training:mine")).content.decode()
    assert "远程专题学习" in page and "3.0" in page
