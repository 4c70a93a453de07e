"""Demo data of 党员志愿者 (volunteers): a team in each community, activities through the year,
sign-ups of its members and the organizer's confirmed hours for the activities already held."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from pingxing.members.models import Member
from pingxing.orgs.models import Organization
from pingxing.volunteers import services
from pingxing.volunteers.models import Specialty

TEAMS = [("关爱帮扶志愿服务队", Specialty.CARE, "看望慰问独居老人", "3"),
         ("环境整治志愿服务队", Specialty.ENVIRONMENT, "小区楼道清理", "2"),
         ("文明劝导志愿服务队", Specialty.CIVILITY, "路口文明劝导", "2.5")]
MONTHS = (3, 6, 9, 12)


def load_volunteers(*, today: dt.date) -> None:
    User = get_user_model()
    for n, org in enumerate(Organization.objects.communities().order_by("path")[:30]):
        organizer = (User.objects.filter(organization=org, role__in=("secretary", "clerk")).order_by("pk").first()
                     or User.objects.filter(role__in=("street", "county")).order_by("pk").first())
        members = list(Member.objects.filter(organization=org).order_by("pk")[:6])
        if organizer is None or not members:
            continue
        name, specialty, title, hours = TEAMS[n % len(TEAMS)]
        team = services.team_create(organization=org, name=name, specialty=specialty, by=organizer)
        for member in members:
            services.team_member_add(team=team, member=member, joined_on=dt.date(today.year, 1, 1), by=organizer)
        for month in MONTHS:
            date = dt.date(today.year, month, 15)
            activity = services.activity_create(organization=org, team=team, title=title, date=date,
                                                planned_hours=hours, capacity=len(members) + 2,
                                                place=f"{org.name}辖区", by=organizer)
            signed = members[: max(1, len(members) - month // 4)]
            for member in signed:
                services.signup_create(activity=activity, member=member, by=organizer,
                                       today=min(today, date - dt.timedelta(days=1)))
            if date < today:
                services.hours_confirm(activity=activity, hours={m.pk: hours for m in signed}, by=organizer,
                                       feed_points=n % 2 == 0)  # half the teams feed the points ledger
