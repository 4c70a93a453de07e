from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from factories import make_community, make_star_result
from pingxing.plans import services
from pingxing.plans.models import GroupMember, ProgressNote, StarTarget, TargetState

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


@pytest.fixture
def fixture(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    year = timezone.localdate().year
    a3 = make_community(parent=world.street_a, name="甲三社区党支部")
    for org, star in ((world.a1, 4), (world.a2, 5), (a3, 3)):
        services.target_set(organization=org, year=year, star=star, by=world.secretary)
    make_star_result(organization=world.a1, year=year, star=4)
    make_star_result(organization=world.a2, year=year, star=3)
    late = services.item_add(organization=world.a1, year=year, content="逾期的走访工作", owner_name="张三",
                             due_on=timezone.localdate() - dt.timedelta(days=3), by=world.secretary)
    services.item_add(organization=world.a1, year=year, content="年底的总结", owner_name="李四",
                      due_on=dt.date(year, 12, 31) if timezone.localdate().month < 12 else timezone.localdate()
                      + dt.timedelta(days=60), by=world.secretary)
    world.a3, world.year, world.late = a3, year, late
    return world


def _row(page: str, org) -> str:
    return re.search(rf'<tr data-org="{org.pk}">(.*?)</tr>', page, re.S).group(1)


def test_the_overview_shows_target_against_achieved_and_items_behind(client, fixture):
    w = fixture
    client.force_login(w.street_user)
    page = client.get(reverse("plans:overview")).content.decode()
    assert "达成" in _row(page, w.a1) and "未达成" not in _row(page, w.a1)
    assert "未达成" in _row(page, w.a2)
    assert "待评定" in _row(page, w.a3)
    assert "逾期的走访工作" in _row(page, w.a1)
    assert "年底的总结" not in _row(page, w.a1)
    assert str(w.b1.pk) not in re.findall(r'data-org="(\d+)"', page)


def test_the_county_sees_every_street_in_the_overview(client, fixture):
    client.force_login(fixture.county_user)
    page = client.get(reverse("plans:overview")).content.decode()
    assert f'data-org="{fixture.b1.pk}"' in page


def test_members_and_secretaries_have_no_overview(client, fixture):
    for user in (fixture.member_user, fixture.secretary):
        client.force_login(user)
        assert client.get(reverse("plans:overview")).status_code == 404


def test_the_street_confirms_a_declared_target(client, fixture):
    target = StarTarget.objects.get(organization=fixture.a2, year=fixture.year)
    client.force_login(fixture.secretary)
    assert client.post(reverse("plans:target_confirm", args=[target.pk])).status_code == 404
    client.force_login(fixture.street_user)
    client.post(reverse("plans:target_confirm", args=[target.pk]))
    target.refresh_from_db()
    assert target.state == TargetState.CONFIRMED and target.confirmed_by == fixture.street_user


def test_the_secretary_keeps_the_working_group_and_notes_progress_with_evidence(client, fixture):
    w = fixture
    client.force_login(w.secretary)
    client.post(reverse("plans:group_create", args=[w.a1.pk]) + f"?year={w.year}", {"name": ""})
    group = w.a1.plan_groups.get(year=w.year)
    client.post(reverse("plans:member_add", args=[group.pk]), {"name": "王五", "post": "leader",
                                                               "phone": "13812345678"})
    gm = GroupMember.objects.get(group=group)
    page = client.get(reverse("plans:org", args=[w.a1.pk])).content.decode()
    assert "王五" in page and "138****5678" in page and "13812345678" not in page
    upload = SimpleUploadedFile("现场.png", PNG)
    client.post(reverse("plans:note_add", args=[w.late.pk]),
                {"noted_on": str(timezone.localdate()), "text": "已走访十户", "evidence": upload})
    note = ProgressNote.objects.get(item=w.late)
    assert note.evidence_name == "现场.png"
    response = client.get(reverse("plans:note_file", args=[note.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)  # read through the client, which keeps the connection open
    client.post(reverse("plans:member_remove", args=[gm.pk]))
    assert not GroupMember.objects.filter(pk=gm.pk).exists()


def test_a_wrong_evidence_file_is_refused_with_its_reason(client, fixture):
    client.force_login(fixture.secretary)
    response = client.post(reverse("plans:note_add", args=[fixture.late.pk]),
                           {"noted_on": str(timezone.localdate()), "text": "进展",
                            "evidence": SimpleUploadedFile("a.xlsx", b"PK\x03\x04")}, follow=True)
    assert response.status_code == 200
    assert "类型不允许" in response.content.decode()
    assert not ProgressNote.objects.exists()


def test_another_organization_and_members_get_404(client, fixture):
    w = fixture
    client.force_login(w.secretary)
    assert client.get(reverse("plans:org", args=[w.a2.pk])).status_code == 404
    assert client.post(reverse("plans:item_add", args=[w.a2.pk]), {}).status_code == 404
    client.force_login(w.member_user)
    assert client.get(reverse("plans:org", args=[w.a1.pk])).status_code == 404
    assert client.post(reverse("plans:note_add", args=[w.late.pk]), {}).status_code == 404
    client.force_login(w.street_user)
    assert client.get(reverse("plans:org", args=[w.b1.pk])).status_code == 404
    assert client.post(reverse("plans:item_update", args=[w.late.pk]), {"state": "done"}).status_code == 404


@pytest.mark.parametrize("bad", ["0", "99999999999999999999", "999999"])
def test_bad_ids_answer_404(client, fixture, bad):
    client.force_login(fixture.county_user)
    for path in (f"/plans/org/{bad}/", f"/plans/item/{bad}/note/", f"/plans/note/{bad}/file/",
                 f"/plans/target/{bad}/confirm/"):
        method = client.get if path.endswith("/") and "note/" not in path and "confirm" not in path else client.post
        assert method(path).status_code == 404, path


def test_the_dashboard_panel_lists_targets_of_the_street(rf, fixture):
    from pingxing.core import nav

    request = rf.get("/")
    request.user = fixture.street_user
    panels = dict(nav.panels_for("ratings.dashboard", request, year=fixture.year, street=fixture.street_a))
    context = panels["plans/_dashboard_targets.html"]
    assert {r.org.pk for r in context["plan_rows"]} == {fixture.a1.pk, fixture.a2.pk, fixture.a3.pk}
    request.user = fixture.secretary
    assert "plans/_dashboard_targets.html" not in dict(nav.panels_for("ratings.dashboard", request))


def test_the_dashboard_panel_hides_when_nothing_declared(rf, world):
    from pingxing.plans.apps import _dashboard_context

    request = rf.get("/")
    request.user = world.street_user
    assert _dashboard_context(request) is None
    assert _dashboard_context(request, street="junk", year="x") is None


def test_the_menu_entry_is_for_party_staff(client, world):
    from pingxing.core.nav import menu_for

    labels = {u: [str(label) for label, _url in menu_for(u)] for u in
              (world.county_user, world.street_user, world.secretary, world.clerk, world.member_user)}
    for user in (world.county_user, world.street_user, world.secretary, world.clerk):
        assert "目标与计划" in labels[user]
    assert "目标与计划" not in labels[world.member_user]


def test_the_dashboard_shows_each_organizations_target_against_its_achieved_star(client, fixture):
    w = fixture
    client.force_login(w.street_user)
    page = client.get(reverse("ratings:dashboard")).content.decode()
    panel = re.search(r'<section class="card" id="plans-targets">(.*?)</section>', page, re.S).group(1)
    rows = dict(re.findall(r"<tr><td>([^<]+)</td>(.*?)</tr>", panel, re.S))
    assert "<td>4★</td><td>4★</td><td>达成</td>" in rows["甲一社区党支部"]
    assert "<td>5★</td><td>3★</td><td>未达成</td>" in rows["甲二社区党支部"]
    assert "<td>3★</td><td>—</td><td>待评定</td>" in rows["甲三社区党支部"]
    client.force_login(w.secretary)
    assert client.get(reverse("ratings:dashboard")).status_code in (302, 403, 404)  # not the secretary's page
