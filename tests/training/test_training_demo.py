"""The training demo: two years of the 柯桥 street's Party school and remote education, people
of three communities and an enterprise, some below target, the demo member's 我的培训; loading
twice keeps one copy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pingxing.accounts.models import User
from pingxing.demo import load_demo_if_empty
from pingxing.orgs.models import Organization
from pingxing.training import queries
from pingxing.training.demo import load_training
from pingxing.training.models import Attendance, Channel, Course, Trainee

TODAY = dt.date(2026, 10, 15)


@pytest.fixture
def demo(db):
    load_demo_if_empty(today=TODAY)


def test_the_demo_has_two_years_of_both_channels_and_people_below_target(demo, client):
    assert set(Course.objects.values_list("year", flat=True)) == {TODAY.year - 1, TODAY.year}
    assert {Channel.PARTY_SCHOOL, Channel.REMOTE_EDUCATION} <= set(Course.objects.values_list("channel", flat=True))
    # the street's own courses (the stations demo adds communities' remote-education sessions)
    own = Course.objects.filter(sessions__remote_site_link__isnull=True)
    assert set(own.values_list("organizer__name", flat=True)) == {"柯桥街道党工委"}
    school = next(c for c in Course.objects.all() if c.audience == ["committee_member"])
    assert school.channel == Channel.PARTY_SCHOOL
    assert {"笛扬社区党总支", "柯亭社区党支部", "瓜渚社区党总支", "柯桥纺织印染有限公司党支部"} <= set(
        Trainee.objects.values_list("organization__name", flat=True))
    assert set(Trainee.objects.values_list("category", flat=True)) == {
        "committee_member", "member_representative", "resident_representative", "member"}
    assert not Attendance.objects.filter(session__date__gt=TODAY).exists()
    street = Organization.objects.get(name="柯桥街道党工委")
    table = queries.hours_table(street, year=TODAY.year - 1)
    assert 0 < table.below_target < len(table.rows)

    client.force_login(User.objects.get(username="member_diyang"))
    page = client.get(reverse("training:mine") + f"?year={TODAY.year - 1}").content.decode()
    assert "党员远程教育专题学习" in page and "年度目标（党员代表）" in page
    count = Attendance.objects.count()
    load_training(today=TODAY)
    assert Attendance.objects.count() == count
