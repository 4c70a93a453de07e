"""Recording analysis meetings and their decisions: who may, what is kept, merges audited."""

from __future__ import annotations

from datetime import date

import pytest
from grid_meetings_world import make_case, meetings_world

from pingxing.audit.models import AuditEntry
from pingxing.grid import services_meetings
from pingxing.grid.cadence import Level
from pingxing.grid.models_cases import ServiceCase
from pingxing.grid.queries_meetings import Scope
from pingxing.grid.services_meetings import MeetingError

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 2)
MONDAY = date(2026, 11, 23)


@pytest.fixture
def w():
    w = meetings_world()
    w.team = Scope(Level.TEAM, w.a1, w.g1)
    w.org = Scope(Level.ORGANIZATION, w.a1)
    w.street = Scope(Level.STREET, w.street_a)
    w.overdue = make_case(grid=w.g1, received=date(2026, 11, 2), state="handling", deadline=date(2026, 11, 10))
    return w


def record(scope, by, start=MONDAY, **kw):
    values = {"held_on": date(2026, 11, 27), "place": "社区会议室", "attendees": "网格长、网格员",
              "conclusions": "超期案件逐件督办。"} | kw
    return services_meetings.meeting_record(scope=scope, period_start=start, by=by, today=TODAY, **values)


def test_the_team_leader_records_the_weekly_meeting_with_its_agenda_kept(w):
    meeting = record(w.team, w.leader)
    assert (meeting.level, meeting.grid, meeting.period_end) == ("team", w.g1, date(2026, 11, 29))
    assert [c["number"] for c in meeting.agenda["overdue"]] == [w.overdue.number]
    assert AuditEntry.objects.filter(action="grid_meeting", object_id=str(meeting.pk)).exists()
    with pytest.raises(MeetingError, match="已经记录"):
        record(w.team, w.leader)


def test_each_level_is_recorded_only_by_its_convener(w):
    for scope, wrong in ((w.team, w.secretary), (w.team, w.member_user), (w.org, w.street_user),
                         (w.street, w.county_user), (w.street, w.secretary)):
        with pytest.raises(MeetingError, match="召集人"):
            record(scope, wrong, start=MONDAY if scope.level is Level.TEAM else
                   {Level.ORGANIZATION: date(2026, 11, 16), Level.STREET: date(2026, 11, 1)}[scope.level])
    assert record(w.org, w.clerk, start=date(2026, 11, 16)).level == "organization"
    assert record(w.street, w.street_user, start=date(2026, 11, 1)).period_end == date(2026, 11, 30)


def test_a_meeting_needs_a_real_period_a_date_and_conclusions(w):
    with pytest.raises(MeetingError, match="研判期不正确"):
        record(w.team, w.leader, start=date(2026, 11, 24))
    with pytest.raises(MeetingError, match="召开日期"):
        record(w.team, w.leader, held_on=date(2026, 11, 20))
    with pytest.raises(MeetingError, match="研判结论"):
        record(w.team, w.leader, conclusions="  ")


def test_a_merge_decision_joins_the_duplicates_to_the_first_case_audited(w):
    meeting = record(w.team, w.leader)
    main = make_case(grid=w.g1, received=date(2026, 11, 24), address="柯桥路1号")
    dup = make_case(grid=w.g1s, received=date(2026, 11, 25), address="柯桥路 1号")
    decision, notes = services_meetings.decision_add(meeting=meeting, scope=w.team, kind="merge", text="同一地点，合并办理",
                                                     case_ids=[main.pk, dup.pk], by=w.leader)
    assert notes == [] and set(decision.cases.all()) == {main, dup}
    assert ServiceCase.objects.get(pk=dup.pk).merged_into == main
    entry = AuditEntry.objects.get(action="grid_case_merge", object_id=str(dup.pk))
    assert entry.changes["merged_into"] == [None, main.number]
    with pytest.raises(MeetingError, match="已并入"):
        services_meetings.decision_add(meeting=meeting, scope=w.team, kind="merge", text="再合并",
                                       case_ids=[dup.pk, main.pk], by=w.leader)


def test_decisions_concern_only_cases_of_the_meeting_scope(w):
    meeting = record(w.team, w.leader)
    elsewhere = make_case(grid=w.g2, received=date(2026, 11, 24))
    with pytest.raises(MeetingError, match="范围"):
        services_meetings.decision_add(meeting=meeting, scope=w.team, kind="escalate", text="督办",
                                       case_ids=[elsewhere.pk], by=w.leader)


def test_escalation_and_assignment_take_the_cases_own_steps_and_a_refusal_is_noted():
    from grid_cases_world import at, cases_world, open_case, step

    cw = cases_world()
    scope = Scope(Level.ORGANIZATION, cw.a1)
    overdue = open_case(cw, when=at("2026-11-02"))
    overdue = step(overdue, "register", cw.secretary, at("2026-11-02"))
    overdue = step(overdue, "dispatch", cw.street_user, at("2026-11-02", 11), to_kind="team", to=str(cw.grid_a2.pk))
    overdue = step(overdue, "acknowledge", cw.handler, at("2026-11-02", 12))
    fresh = step(open_case(cw, when=at("2026-12-01")), "register", cw.secretary, at("2026-12-01"))
    meeting = services_meetings.meeting_record(scope=scope, period_start=date(2026, 11, 16), by=cw.secretary,
                                               today=TODAY, held_on=date(2026, 11, 27), place="社区会议室",
                                               attendees="书记、网格长", conclusions="超期案件逐件督办。")
    _d, notes = services_meetings.decision_add(meeting=meeting, scope=scope, kind="escalate", text="超期督办",
                                               case_ids=[overdue.pk, fresh.pk], by=cw.secretary)
    overdue.refresh_from_db()
    assert overdue.supervised_count == 1 and overdue.steps.filter(action="supervise").exists()
    assert len(notes) == 1 and notes[0].startswith(f"{fresh.number}：")  # not overdue: the loop refuses
    _d, notes = services_meetings.decision_add(meeting=meeting, scope=scope, kind="assign", text="交本网格办理",
                                               case_ids=[fresh.pk, overdue.pk], grid=cw.grid_a1, by=cw.secretary)
    fresh.refresh_from_db()
    assert fresh.state == "dispatched" and fresh.assigned_grid_id == cw.grid_a1.pk
    assert notes == [f"{overdue.number}：案件不在待派遣状态"]