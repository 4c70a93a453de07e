"""The meetings pages as their users see them: the periods, the agenda, recording a meeting and
a decision, the minutes in Word and PDF, the home-page flag of a missed meeting and the menu."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from grid_meetings_world import make_case, meetings_world

from pingxing.grid import cadence
from pingxing.grid.cadence import Level
from pingxing.grid.models_meetings import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(settings):
    settings.REQUIRE_STAFF_2FA = False
    w = meetings_world()
    w.today = timezone.localdate()
    w.week = cadence.period_of(Level.TEAM, w.today - dt.timedelta(days=7))
    w.overdue = make_case(grid=w.g1, received=w.week.start - dt.timedelta(days=10), state="handling",
                          deadline=w.week.start, title="楼道堆物未清理")
    return w


def _menu(client) -> list[str]:
    html = client.get(reverse("core:home")).content.decode()
    return re.findall(r">([^<]+)</a>", re.search(r'<nav class="nav">(.*?)</nav>', html, re.S).group(1))


def _record(client, w) -> Meeting:
    response = client.post(reverse("grid:meeting_new"), {
        "scope": f"g{w.g1.pk}", "start": w.week.start.isoformat(), "held_on": w.week.end.isoformat(),
        "place": "一网格服务站", "attendees": "网格长、网格员、民警", "conclusions": "楼道堆物由物业三日内清理。"})
    meeting = Meeting.objects.get(grid=w.g1, period_start=w.week.start)
    assert response.status_code == 302 and response["Location"] == reverse("grid:meeting", args=[meeting.pk])
    return meeting


def test_the_team_leader_opens_the_agenda_records_the_meeting_and_exports_the_minutes(client, w):
    client.force_login(w.leader)
    assert "网格研判" in _menu(client) and "网格看板" not in _menu(client)
    page = client.get(reverse("grid:meetings")).content.decode()
    assert f'data-start="{w.week.start:%Y-%m-%d}"' in page
    agenda = client.get(reverse("grid:meeting_agenda"), {"scope": f"g{w.g1.pk}", "start": w.week.start}).content.decode()
    assert f'data-case="{w.overdue.number}"' in agenda and 'id="record-meeting"' in agenda
    meeting = _record(client, w)
    detail = client.get(reverse("grid:meeting", args=[meeting.pk])).content.decode()
    assert "楼道堆物由物业三日内清理。" in detail and 'id="decision-form"' in detail
    response = client.post(reverse("grid:meeting_decision", args=[meeting.pk]),
                           {"kind": "note", "text": "下周复查", "cases": w.overdue.number})
    assert response.status_code == 302 and meeting.decisions.get().text == "下周复查"

    from docx import Document

    docx = client.get(reverse("grid:meeting_docx", args=[meeting.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "楼道堆物由物业三日内清理。" in text and "下周复查" in text and w.overdue.number in text
    pdf = client.get(reverse("grid:meeting_pdf", args=[meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "楼道堆物由物业三日内清理。" in out.replace(" ", "") and "会议纪要" in out


def test_others_read_but_only_the_convener_records(client, w):
    client.force_login(w.leader)
    meeting = _record(client, w)
    client.force_login(w.secretary)  # reads the team's meetings of the community, records none
    assert 'id="decision-form"' not in client.get(reverse("grid:meeting", args=[meeting.pk])).content.decode()
    assert client.get(reverse("grid:meeting_new"), {"scope": f"g{w.g1.pk}", "start": w.week.start}).status_code == 404
    assert client.post(reverse("grid:meeting_decision", args=[meeting.pk]), {"kind": "note", "text": "x"}).status_code == 404
    client.force_login(w.member_user)
    assert "网格研判" not in _menu(client)
    assert client.get(reverse("grid:meeting", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("grid:meetings")).status_code == 404
    client.force_login(w.street_user)
    assert client.get(reverse("grid:meeting_pdf", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("grid:meeting_agenda"), {"scope": f"g{w.g1.pk}", "start": "2026-13-01"}).status_code == 404
    assert client.get(reverse("grid:meeting_agenda"), {"scope": "x1", "start": w.week.start}).status_code == 404


def test_a_missed_meeting_is_flagged_on_the_home_page_of_the_level_that_should_hold_it(client, w):
    today = w.today
    make_case(grid=w.g1, received=today - dt.timedelta(days=20))
    make_case(grid=w.g3, received=today - dt.timedelta(days=70))  # the street's work began 70 days ago
    due = cadence.due_periods(Level.TEAM, start=today - dt.timedelta(days=20), today=today)
    gone = cadence.missed([], due, today)[0]
    for p in due:
        if p != gone:
            Meeting.objects.create(level="team", organization=w.a1, grid=w.g1, period_start=p.start, period_end=p.end,
                                   held_on=p.end, attendees="网格长", conclusions="无", recorded_by=w.leader)
    start = min(w.overdue.received_at.date(), today - dt.timedelta(days=20))
    for p in cadence.due_periods(Level.ORGANIZATION, start=start, today=today):
        Meeting.objects.create(level="organization", organization=w.a1, period_start=p.start, period_end=p.end,
                               held_on=p.end, attendees="支委", conclusions="无", recorded_by=w.secretary)
    flag = f"{w.g1.name}：{cadence.missed_text(Level.TEAM, gone)}"
    homes = {}
    for name in ("leader", "secretary", "clerk", "street_user", "member_user", "county_user"):
        client.force_login(getattr(w, name))
        homes[name] = client.get(reverse("core:home")).content.decode()
    assert flag in homes["leader"] and homes["leader"].count('class="missed-flag"') == 1
    assert "未召开" not in homes["secretary"] and "未召开" not in homes["clerk"]
    assert "街道研判未召开" in homes["street_user"] and "网格研判未召开" not in homes["street_user"]
    assert "未召开" not in homes["member_user"] and "未召开" not in homes["county_user"]
    client.force_login(w.leader)
    rows = client.get(reverse("grid:meetings")).content.decode()
    assert rows.count("未召开</span>") == 1
