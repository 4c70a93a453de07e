"""Demo data of education and training (教育培训), through the real services (each write audited),
for last year and this year:

- 街道党校 — the 柯桥 street's training of community committee members (两委成员) of 笛扬, 柯亭
  and 瓜渚, and a course for member and resident representatives (党员代表, 居民代表);
- 远程教育 — the street's remote-education lessons for committee members, member
  representatives and the members of an enterprise (柯桥纺织印染有限公司党支部);
- some absences and partial attendance, so some people stay below their category's target.

The demo member (member_diyang) is a member representative, so 我的培训 shows their hours.
Resident representatives are not Party members: their (fictional) ID numbers use another
region code than the members'. Nothing is loaded when courses exist already."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pingxing.training import services
from pingxing.training.models import Channel, Course, TraineeCategory

COMMUNITIES = ("笛扬社区党总支", "柯亭社区党支部", "瓜渚社区党总支")
ENTERPRISE = "柯桥纺织印染有限公司党支部"
STREET = "柯桥街道党工委"
_RESIDENTS = ("沈国庆", "陆桂英", "钱志远", "金秀霞", "俞建华", "孔德福", "邵丽娟", "章海燕", "祝明", "屠春兰")
C = TraineeCategory

# (title, channel, audience, sessions, hours each, places)
COURSES: tuple[tuple[str, str, tuple[str, ...], int, str, str], ...] = (
    ("社区两委成员履职能力培训班", Channel.PARTY_SCHOOL, (C.COMMITTEE_MEMBER,), 6, "3", "柯桥街道党校"),
    ("党员远程教育专题学习", Channel.REMOTE_EDUCATION,
     (C.COMMITTEE_MEMBER, C.MEMBER_REPRESENTATIVE, C.MEMBER), 3, "2", "社区远程教育站点"),
    ("党员代表、居民代表培训", Channel.PARTY_SCHOOL,
     (C.MEMBER_REPRESENTATIVE, C.RESIDENT_REPRESENTATIVE), 4, "2.5", "柯桥街道党校"),
)


def _fictional_id(n: int) -> str:
    from pingxing.members.validators import id_check_char

    first17 = f"330682{dt.date(1960, 1, 1) + dt.timedelta(days=97 * n):%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def load_training(*, today: dt.date | None = None) -> None:
    """Two years of courses, sessions and attendance; nothing when courses exist already."""
    from pingxing.accounts.models import User
    from pingxing.members.models import Member
    from pingxing.orgs.models import Organization

    today = today or timezone.localdate()
    if Course.objects.exists():
        return
    street = Organization.objects.filter(name=STREET).first()
    orgs = {o.name: o for o in Organization.objects.filter(name__in=[*COMMUNITIES, ENTERPRISE])}
    if street is None or not orgs:
        return
    by = User.objects.filter(username="street_keqiao").first()
    trainees: dict[str, list[Any]] = {c: [] for c in TraineeCategory.values}
    residents = iter(range(1, 1000))
    for name in COMMUNITIES:
        org = orgs.get(name)
        if org is None:
            continue
        people = list(Member.objects.filter(organization=org).order_by("id")[:8])
        for k, member in enumerate(people):
            category = C.MEMBER_REPRESENTATIVE if k == 0 or k >= 6 else C.COMMITTEE_MEMBER
            trainees[category].append(services.trainee_register(
                name=member.name, category=category, organization=org, id_number=member.id_number,
                member=member, by=by))
        for _ in range(3):
            n = next(residents)
            trainees[C.RESIDENT_REPRESENTATIVE].append(services.trainee_register(
                name=_RESIDENTS[n % len(_RESIDENTS)], category=C.RESIDENT_REPRESENTATIVE, organization=org,
                id_number=_fictional_id(n), by=by))
    if ENTERPRISE in orgs:
        for member in Member.objects.filter(organization=orgs[ENTERPRISE]).order_by("id")[:3]:
            trainees[C.MEMBER].append(services.trainee_register(
                name=member.name, category=C.MEMBER, organization=orgs[ENTERPRISE], id_number=member.id_number,
                member=member, by=by))
    for year in (today.year - 1, today.year):
        _year(year=year, today=today, street=street, trainees=trainees, by=by)


def _year(*, year: int, today: dt.date, street: Any, trainees: dict[str, list[Any]], by: Any) -> None:
    rng = random.Random(2010 + year)
    start = dt.date(year, 3, 1) if year < today.year else dt.date(year, 1, 1)
    end = dt.date(year, 11, 30) if year < today.year else max(start, today)
    for title, channel, audience, count, hours, place in COURSES:
        course = services.course_create(title=title, channel=channel, audience=audience, organizer=street,
                                        year=year, description="", by=by)
        for k in range(count):
            day = start + (end - start) * (k + 1) // (count + 1)
            session = services.session_create(course=course, date=day, hours=hours, place=place,
                                              note=f"第{k + 1}讲", by=by)
            for category in audience:
                for trainee in trainees[category]:
                    draw = rng.random()
                    if draw < 0.15:
                        continue  # absent
                    part = session.hours - Decimal("1") if draw < 0.25 else None  # left early
                    services.attendance_record(session=session, trainee=trainee, hours=part, by=by)
