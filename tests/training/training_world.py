"""Training fixtures of the tests: a street course with a session, attendance sheets as bytes,
and a street of many trainees built with bulk_create."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from factories import fictional_id_number, make_community
from pingxing.members.models import id_number_digest
from pingxing.training import services
from pingxing.training.importing import COLUMNS
from pingxing.training.models import Attendance, Course, Session, Trainee

YEAR = 2023


def street_course(world: Any, *, year: int = YEAR, hours: str = "3", title: str = "两委成员履职培训") -> Session:
    course = services.course_create(title=title, channel="party_school", audience=["committee_member"],
                                    organizer=world.street_a, year=year, by=world.street_user)
    return services.session_create(course=course, date=dt.date(year, 5, 10), hours=hours, place="街道党校",
                                   by=world.street_user)


def sheet(*rows: dict[str, Any], name: str = "参训.xlsx") -> io.BytesIO:
    """An attendance workbook: the template's header and one line per row ({header: value})."""
    wb = Workbook()
    ws = wb.active
    ws.append([c.header + ("*" if c.required else "") for c in COLUMNS])
    for row in rows:
        ws.append([row.get(c.header) for c in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def bulk_trainees(*, street: Any, orgs: int, per_org: int, sessions: int, year: int) -> list[Any]:
    """Communities below `street` with `per_org` trainees each, every one attending `sessions`
    sessions of one street course (one hour short on every third)."""
    communities = [make_community(parent=street, name=f"培训测试社区{n:02d}党支部") for n in range(orgs)]
    course = Course.objects.create(title="批量课程", channel="remote_education", audience=["member"],
                                   organizer=street, year=year)
    made = Session.objects.bulk_create([Session(course=course, date=dt.date(year, 1 + k % 12, 5), hours=Decimal("2"))
                                        for k in range(sessions)])
    trainees = Trainee.objects.bulk_create([
        Trainee(name=f"学员{o}-{i}", category="member", organization=org,
                id_number_digest=id_number_digest(fictional_id_number(n=i, birth=dt.date(1960, 1, 1) + dt.timedelta(days=o))))
        for o, org in enumerate(communities) for i in range(per_org)])
    Attendance.objects.bulk_create([
        Attendance(session=s, trainee=t, hours=Decimal("1") if (t.pk + k) % 3 == 0 else Decimal("2"))
        for t in trainees for k, s in enumerate(made)])
    return communities
