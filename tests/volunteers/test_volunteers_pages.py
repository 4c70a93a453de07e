from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from pingxing.volunteers import services
from pingxing.volunteers.models import HoursEntry, Specialty


@pytest.fixture
def activity(world):
    team = services.team_create(organization=world.a1, name="甲一关爱队", specialty=Specialty.CARE, by=world.secretary)
    return services.activity_create(organization=world.a1, team=team, title="看望独居老人",
                                    date=timezone.localdate() + dt.timedelta(days=3), planned_hours="3.5",
                                    capacity=2, by=world.secretary)


def _login(client, user):
    client.force_login(user)


def test_a_member_signs_up_and_sees_it_on_my_volunteer_service(client, world, activity):
    _login(client, world.member_user)
    assert client.post(f"/volunteers/activities/{activity.pk}/signup/").status_code == 302
    page = client.get("/volunteers/mine/")
    assert activity.title in page.content.decode()


def test_a_second_sign_up_of_the_same_member_is_refused(world, activity):
    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    with pytest.raises(services.VolunteersError):
        services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)


def test_a_member_of_another_street_cannot_sign_up(client, world, activity):
    from factories import make_user

    other = make_user(role="member", organization=world.b1, member=world.m_b1)
    _login(client, other)
    assert client.post(f"/volunteers/activities/{activity.pk}/signup/").status_code == 404


def test_hours_confirm_is_all_or_nothing_and_names_the_member(world, activity):
    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    services.signup_create(activity=activity, member=world.m_a1_other, by=world.member_user)
    with pytest.raises(services.VolunteersError, match="甲一另一党员.*时长"):
        services.hours_confirm(activity=activity, hours={world.m_a1.pk: "3", world.m_a1_other.pk: "13"},
                               by=world.secretary)
    assert not HoursEntry.objects.exists()
    services.hours_confirm(activity=activity, hours={world.m_a1.pk: "3", world.m_a1_other.pk: ""},
                           by=world.secretary)
    assert HoursEntry.objects.get().hours == Decimal("3")


def test_a_correction_is_a_new_entry_and_the_total_follows(world, activity):
    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    [entry] = services.hours_confirm(activity=activity, hours={world.m_a1.pk: "3"}, by=world.secretary)
    fix = services.hours_correct(entry=entry, hours="2", reason="提前离开", by=world.secretary)
    assert fix.hours == Decimal("-1")
    entry.refresh_from_db()
    assert entry.hours == Decimal("3")
    with pytest.raises(ValueError):
        entry.save()


def test_the_secretary_confirms_hours_on_the_page(client, world, activity):
    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    _login(client, world.secretary)
    response = client.post(f"/volunteers/activities/{activity.pk}/confirm/", {f"hours-{world.m_a1.pk}": "2.5"})
    assert response.status_code == 302
    assert HoursEntry.objects.get().hours == Decimal("2.5")


def test_a_clerk_of_another_community_cannot_open_the_confirm_page(client, world, activity):
    from factories import make_user

    _login(client, make_user(role="clerk", organization=world.a2))
    assert client.get(f"/volunteers/activities/{activity.pk}/confirm/").status_code == 404


@pytest.mark.parametrize("url", ["/volunteers/activities/99999999999999999999/confirm/",
                                 "/volunteers/teams/0/", "/api/volunteers/activities/1999",
                                 "/api/volunteers/my-hours/2101", "/api/volunteers/activities/99999999999999999999"])
def test_bad_ids_and_years_are_404(client, world, url):
    _login(client, world.member_user)
    assert client.get(url).status_code == 404


def test_the_team_page_shows_yearly_hours_per_member_and_team(client, world, activity):
    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    services.hours_confirm(activity=activity, hours={world.m_a1.pk: "3.5"}, by=world.secretary)
    _login(client, world.street_user)
    body = client.get(f"/volunteers/teams/{activity.team_id}/?year={activity.date.year}").content.decode()
    assert "甲一党员" in body and "3.5" in body
    assert client.get(f"/api/volunteers/activities/{activity.date.year}").status_code == 200


def test_load_volunteers_on_a_small_world(world):
    from pingxing.volunteers.demo import load_volunteers

    load_volunteers(today=timezone.localdate())
    assert HoursEntry.objects.exists()


def test_confirmed_hours_feed_the_points_ledger_once_with_the_hours_as_evidence(client, world, activity):
    from pingxing.points.models import PointEntry

    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    client.force_login(world.secretary)
    page = client.get(f"/volunteers/activities/{activity.pk}/confirm/").content.decode()
    assert "同时记入党员积分" in page
    client.post(f"/volunteers/activities/{activity.pk}/confirm/",
                {f"hours-{world.m_a1.pk}": "3", "feed_points": "1"})
    entry = HoursEntry.objects.get()
    fed = PointEntry.objects.get(member=world.m_a1)
    assert (fed.item_code, fed.points, fed.source) == ("B01", 2, f"volunteers.hours:{entry.pk}")
    assert "看望独居老人" in fed.note and not fed.evidence  # the hours are the evidence, no upload
    # a retry of the same feed records nothing more
    from pingxing.points.services import entry_record

    entry_record(member=world.m_a1, occurred_on=activity.date, item_code="B01", by=world.secretary,
                 source=f"volunteers.hours:{entry.pk}")
    assert PointEntry.objects.filter(member=world.m_a1).count() == 1
    # hours corrected to none: the points are reversed by an appended entry
    services.hours_correct(entry=entry, hours="0", reason="实际未到场", by=world.secretary)
    assert sum(PointEntry.objects.filter(member=world.m_a1).values_list("points", flat=True)) == 0


def test_without_the_box_ticked_the_hours_stand_alone(client, world, activity):
    from pingxing.points.models import PointEntry

    services.signup_create(activity=activity, member=world.m_a1, by=world.member_user)
    client.force_login(world.secretary)
    client.post(f"/volunteers/activities/{activity.pk}/confirm/", {f"hours-{world.m_a1.pk}": "3"})
    assert HoursEntry.objects.count() == 1 and not PointEntry.objects.exists()


def test_a_secretary_creates_a_team_adds_a_member_and_publishes_an_activity(client, world):
    from pingxing.volunteers.models import Activity, Team

    client.force_login(world.secretary)
    response = client.post("/volunteers/teams/new/", {"organization": world.a1.pk, "name": "甲一环境队",
                                                      "specialty": Specialty.ENVIRONMENT})
    team = Team.objects.get(name="甲一环境队")
    assert response.status_code == 302 and team.organization == world.a1
    client.post(f"/volunteers/teams/{team.pk}/members/", {"member": world.m_a1.pk, "joined_on": "2026-01-05"})
    assert world.m_a1.name in client.get(f"/volunteers/teams/{team.pk}/").content.decode()
    day = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    client.post("/volunteers/activities/new/", {"organization": world.a1.pk, "team": team.pk, "title": "楼道清理",
                                                "date": day, "planned_hours": "2", "capacity": 8, "place": "3幢"})
    activity = Activity.objects.get(title="楼道清理")
    assert activity.team == team and activity.capacity == 8


def test_bad_hours_on_a_new_activity_are_named_and_nothing_is_saved(client, world):
    from pingxing.volunteers.models import Activity

    client.force_login(world.secretary)
    page = client.post("/volunteers/activities/new/", {"organization": world.a1.pk, "title": "楼道清理",
                                                       "date": "2026-12-20", "planned_hours": "30", "capacity": 8})
    assert page.status_code == 200 and "计划时长" in page.content.decode()
    assert not Activity.objects.exists()


def test_a_secretary_cannot_create_a_team_for_another_organization(client, world):
    from pingxing.volunteers.models import Team

    client.force_login(world.secretary)
    page = client.post("/volunteers/teams/new/", {"organization": world.b1.pk, "name": "乙队",
                                                  "specialty": Specialty.CARE})
    assert page.status_code == 200 and not Team.objects.exists()
