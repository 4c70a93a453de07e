"""The training pages as users meet them: courses and sessions, the hours table with its Excel
export, the targets form, the member's 我的培训, the API; who sees what; bad input; query bounds."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from training_world import YEAR, bulk_trainees, street_course

from factories import fictional_id_number
from pingxing.audit.models import AuditEntry
from pingxing.training import queries, services
from pingxing.training.models import Course, HoursTarget, Session


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def attended(world):
    """A street session of 3 h: the member of A1 attended 2 h, a committee member of A2 all of it."""
    session = street_course(world)
    me = services.trainee_register(name=world.m_a1.name, category="member_representative", organization=world.a1,
                                   id_number=world.m_a1.id_number, member=world.m_a1, by=None)
    other = services.trainee_register(name="甲二委员", category="committee_member", organization=world.a2,
                                      id_number=fictional_id_number(n=701), by=None)
    services.attendance_record(session=session, trainee=me, hours="2", by=None)
    services.attendance_record(session=session, trainee=other, by=None)
    return session


def test_the_street_adds_a_course_and_a_session(client, world):
    login(client, world.street_user)
    page = client.get(reverse("training:courses") + f"?year={YEAR}").content.decode()
    assert "新增课程" in page
    response = client.post(reverse("training:course_new"), {
        "title": "社区两委成员培训班", "channel": "party_school", "audience": ["committee_member"],
        "organizer": world.street_a.pk, "year": YEAR, "description": "履职能力"})
    course = Course.objects.get(title="社区两委成员培训班")
    assert response.status_code == 302 and course.organizer == world.street_a
    response = client.post(reverse("training:session_new", args=[course.pk]),
                           {"date": f"{YEAR}-04-02", "hours": "1.5", "place": "党校二楼"})
    session = Session.objects.get(course=course)
    assert response["Location"] == reverse("training:session", args=[session.pk])
    assert session.hours == Decimal("1.5")
    response = client.post(reverse("training:session_new", args=[course.pk]),
                           {"date": f"{YEAR + 1}-01-02", "hours": "2"})
    assert response.status_code == 400 and "课程年度" in response.content.decode()
    page = client.get(reverse("training:courses") + f"?year={YEAR}").content.decode()
    assert "社区两委成员培训班" in page and "街道党校" in page


def test_a_secretary_reads_the_street_course_but_does_not_manage_it(client, world, attended):
    login(client, world.secretary)
    page = client.get(reverse("training:course", args=[attended.course_id])).content.decode()
    assert attended.course.title in page and "新增场次" not in page
    page = client.get(reverse("training:session", args=[attended.pk])).content.decode()
    assert world.m_a1.name in page and "甲二委员" not in page  # only the people of their own subtree
    assert "导入参训记录" not in page
    assert client.post(reverse("training:session_new", args=[attended.course_id]),
                       {"date": f"{YEAR}-04-02", "hours": "2"}).status_code == 404
    # their own organization's course they do manage
    response = client.post(reverse("training:course_new"), {
        "title": "支部书记讲党课", "channel": "other", "audience": ["member"], "organizer": world.a1.pk,
        "year": YEAR})
    assert response.status_code == 302
    response = client.post(reverse("training:course_new"), {
        "title": "越权", "channel": "other", "audience": ["member"], "organizer": world.a2.pk, "year": YEAR})
    assert response.status_code == 400 and not Course.objects.filter(title="越权").exists()


def test_the_other_street_and_the_member_cannot_open_staff_pages(client, world, attended):
    from factories import make_user

    other = make_user(role="street", organization=world.street_b)
    login(client, other)
    assert client.get(reverse("training:session", args=[attended.pk])).status_code == 404
    assert client.get(reverse("training:hours", args=[world.a1.pk])).status_code == 404
    login(client, world.member_user)
    for url in (reverse("training:courses"), reverse("training:course", args=[attended.course_id]),
                reverse("training:hours", args=[world.a1.pk]), reverse("training:import", args=[attended.pk])):
        assert client.get(url).status_code == 404, url


def test_the_hours_table_shows_hours_target_and_shortfall_and_exports(client, world, attended):
    login(client, world.street_user)
    page = client.get(reverse("training:hours", args=[world.street_a.pk]) + f"?year={YEAR}").content.decode()
    assert world.m_a1.name in page and "甲二委员" in page
    assert "共 2 人，2 人未达到年度学时目标" in page
    response = client.get(reverse("training:hours_export", args=[world.street_a.pk]) + f"?year={YEAR}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[world.m_a1.name][1:] == ("甲一社区党支部", "党员代表", 1, 2, 12, 10, "未达标")
    assert rows["甲二委员"][1:] == ("甲二社区党支部", "两委成员", 1, 3, 24, 21, "未达标")
    assert AuditEntry.objects.filter(action="export", object_type="training.hours").count() == 1


def test_the_street_sets_a_target_and_the_table_follows(client, world, attended):
    login(client, world.street_user)
    url = reverse("training:targets", args=[world.street_a.pk])
    assert "示例" in client.get(url + f"?year={YEAR}").content.decode()
    response = client.post(url, {"year": YEAR, "member_representative": "2", "committee_member": ""})
    assert response.status_code == 302
    assert HoursTarget.objects.get(organization=world.street_a, year=YEAR).hours == Decimal("2")
    table = queries.hours_table(world.a1, year=YEAR)
    assert [(r.name, r.target, r.below_target) for r in table.rows] == [(world.m_a1.name, Decimal("2"), False)]
    login(client, world.secretary)
    assert client.post(url, {"year": YEAR, "member": "1"}).status_code == 404


def test_the_member_sees_their_sessions_and_hours_on_their_phone(client, world, attended):
    login(client, world.member_user)
    assert client.get(reverse("training:index"))["Location"] == reverse("training:mine")
    page = client.get(reverse("training:mine") + f"?year={YEAR}").content.decode()
    assert "两委成员履职培训" in page and 'id="my-hours"><div class="num">2.0<' in page
    assert "年度目标（党员代表）" in page and '<div class="num">10.0</div><p>尚差学时' in page
    assert "甲二委员" not in page
    empty = client.get(reverse("training:mine") + f"?year={YEAR - 1}").content.decode()
    assert "本年度还没有参训记录" in empty


def test_the_api_gives_hours_and_a_session_in_scope_only(client, world, attended):
    login(client, world.secretary)
    rows = client.get(f"/api/training/hours?org={world.a1.pk}&year={YEAR}").json()
    assert [(r["name"], r["hours"], r["target"], r["below_target"]) for r in rows] == [
        (world.m_a1.name, "2.0", "12", True)]
    assert client.get(f"/api/training/hours?org={world.a2.pk}&year={YEAR}").status_code == 404
    body = client.get(f"/api/training/sessions/{attended.pk}").json()
    assert body["hours"] == "3.0" and [a["name"] for a in body["attendances"]] == [world.m_a1.name]
    login(client, world.member_user)
    assert client.get(f"/api/training/sessions/{attended.pk}").status_code == 404


@pytest.mark.parametrize("bad", ["0", "99999999999999999999999"])
def test_bad_ids_answer_404(client, world, bad):
    login(client, world.street_user)
    for name in ("training:course", "training:session", "training:import", "training:hours", "training:targets"):
        url = reverse(name, args=[1]).replace("/1/", f"/{bad}/")
        assert client.get(url).status_code == 404, name


def test_the_hours_table_of_many_people_takes_a_bounded_number_of_queries(client, world,
                                                                         django_assert_max_num_queries):
    communities = bulk_trainees(street=world.street_a, orgs=10, per_org=30, sessions=10, year=YEAR)
    login(client, world.street_user)
    url = reverse("training:hours", args=[world.street_a.pk]) + f"?year={YEAR}"
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count("<tr") == 301
    with django_assert_max_num_queries(20):  # the page's queries and the audited export's writes
        assert client.get(reverse("training:hours_export", args=[world.street_a.pk]) + f"?year={YEAR}").status_code == 200
    with django_assert_max_num_queries(3):
        overview = queries.overview_by_org(org_ids=[o.pk for o in communities], year=YEAR)
    # 10 sessions of 2 h, one hour short on every third: 16 or 17 hours each, above the 12 h of 党员
    assert sum(o.people for o in overview.values()) == 300
    assert all(o.below_target == 0 for o in overview.values())
    assert sum(o.hours for o in overview.values()) == sum(
        r.hours for r in queries.hours_table(world.street_a, year=YEAR).rows)


def test_the_date_of_a_session_decides_its_year(world):
    session = street_course(world, year=YEAR)
    late = services.session_create(course=session.course, date=dt.date(YEAR, 12, 31), hours="1", by=None)
    trainee = services.trainee_register(name="跨年", category="member", organization=world.a1,
                                        id_number=fictional_id_number(n=702), by=None)
    services.attendance_record(session=late, trainee=trainee, by=None)
    assert queries.hours_table(world.a1, year=YEAR).rows[0].hours == Decimal("1.0")
    assert queries.hours_table(world.a1, year=YEAR + 1).rows[0].hours == Decimal("0")
    with pytest.raises(services.TrainingError):
        services.attendance_record(session=late, trainee=trainee, by=None)
    with pytest.raises(services.TrainingError):
        services.attendance_record(session=session, trainee=trainee, hours="3.5", by=None)
