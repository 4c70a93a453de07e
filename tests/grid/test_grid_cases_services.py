"""Service cases through the services as staff and residents use them: every step records
who, when and why; a refused step changes nothing; 不满意 reopens; deadlines follow the
county's days off; numbers stay unique under concurrency."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from grid_cases_world import CLUTTER, LAMP, at, cases_world, closed_case, open_case, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(db):
    return cases_world()


def test_a_case_is_received_with_a_street_year_number_and_a_first_step(w):
    from pingxing.grid.facts import facts_from_json

    first = open_case(w)
    second = open_case(w, when=at("2026-03-03"))
    assert first.number.endswith("-2026-000001") and second.number.endswith("-2026-000002")
    assert first.number.startswith("KQ")
    assert first.state == "received" and facts_from_json(first.facts).category == LAMP
    (receive,) = first.steps.all()
    assert (receive.action, receive.to_state, receive.by, receive.at) == ("receive", "received", w.secretary,
                                                                         at("2026-03-02"))


def test_the_whole_loop_records_who_when_and_why_and_a_dissatisfied_answer_reopens(w):
    case = closed_case(w)
    assert case.state == "closed" and case.assigned_grid == w.grid_a2 and case.closed_at is not None
    case = step(case, "follow_up", None, at("2026-03-03"), "灯又不亮了", satisfaction="dissatisfied")
    assert case.state == "handling" and case.reopen_count == 1 and case.satisfaction == "dissatisfied"
    steps = list(case.steps.order_by("at", "pk"))
    assert [s.action for s in steps] == ["receive", "register", "dispatch", "acknowledge", "feed_back", "check_pass",
                                         "close", "follow_up"]
    assert [s.by for s in steps] == [w.secretary, w.secretary, w.street_user, w.handler, w.handler, w.clerk,
                                     w.secretary, None]
    assert steps[-1].actor_role == "resident" and steps[-1].reason == "灯又不亮了"
    assert steps[4].reason == "已更换灯泡" and steps[4].actor_role == "handler"
    assert case.deadline == dt.date(2026, 3, 6)  # a fresh period of 3 working days from the reopening


def test_a_forbidden_step_is_refused_with_the_message_and_changes_nothing(w):
    from pingxing.grid.services_cases import CaseError

    case = open_case(w)
    before = (case.state, dict(case.facts), case.steps.count())
    with pytest.raises(CaseError, match="当前状态为“已受理”，不能“结案”"):
        step(case, "close", w.secretary, at("2026-03-02", 12))
    with pytest.raises(CaseError, match="不是该案件的办理人员"):
        step(case, "register", w.outsider, at("2026-03-02", 12))
    with pytest.raises(CaseError, match="须填写"):
        step(case, "decline", w.secretary, at("2026-03-02", 12))
    case.refresh_from_db()
    assert (case.state, dict(case.facts), case.steps.count()) == before


def test_the_deadline_skips_a_county_day_off(w):
    from pingxing.ratings.models import DayOff

    plain = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    assert plain.deadline == dt.date(2026, 3, 5)  # Tue, Wed, Thu
    DayOff.objects.create(date=dt.date(2026, 3, 4), name="县定休息日")
    later = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    assert later.deadline == dt.date(2026, 3, 6)
    assert later.yellow_on == dt.date(2026, 3, 6)  # 2 of 3 days used is 67 %: yellow on the last day
    from pingxing.grid.services_cases import work_calendar

    calendar = work_calendar()
    for day in (dt.date(2026, 3, 5), dt.date(2026, 3, 6)):
        expected = calendar.warning_light(day, later.deadline, later.started_on)
        assert expected == ("yellow" if day >= later.yellow_on else "green")


def test_a_dispatch_outside_the_street_is_refused(w):
    from pingxing.grid.services_cases import CaseError

    case = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    for kind, to in (("team", w.grid_b1.pk), ("department", w.other_department.pk), ("team", 999999)):
        with pytest.raises(CaseError, match="不在本街道范围内"):
            step(case, "dispatch", w.secretary, at("2026-03-02"), to_kind=kind, to=str(to))
    case = step(case, "dispatch", w.secretary, at("2026-03-02"), to_kind="department", to=str(w.department.pk))
    assert case.assigned_department == w.department
    # The department has no accounts here: the dispatcher signs for it.
    assert step(case, "acknowledge", w.secretary, at("2026-03-02", 11)).state == "handling"


def test_an_extension_asked_before_the_deadline_moves_it_when_granted(w):
    case = closed_case(w)
    case = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    case = step(case, "dispatch", w.secretary, at("2026-03-02"), to_kind="person", to=str(w.handler.pk))
    case = step(case, "acknowledge", w.handler, at("2026-03-02", 11))
    case = step(case, "ask_extension", w.handler, at("2026-03-03"), "需等待配件", days=2)
    assert case.extension_requested
    case = step(case, "grant_extension", w.street_user, at("2026-03-03", 14))
    assert case.deadline == dt.date(2026, 3, 9) and case.extension_days == 2 and not case.extension_requested


def test_an_overdue_case_is_supervised_and_counted(w):
    case = step(open_case(w), "register", w.secretary, at("2026-03-02"))
    case = step(case, "supervise", w.leader, at("2026-03-10"), "请尽快派遣")
    assert case.supervised_count == 1
    assert case.steps.last().actor_role == "team_leader"


def test_a_grid_worker_handles_a_simple_case_alone_and_closes_it_unchecked(w):
    case = open_case(w, category=CLUTTER, by=w.worker)
    case = step(case, "self_handle", w.worker, at("2026-03-02", 11))
    assert case.assigned_user == w.worker and case.self_handled
    case = step(case, "feed_back", w.worker, at("2026-03-02", 12), "已清理")
    case = step(case, "close", w.worker, at("2026-03-02", 13))
    assert case.state == "closed"
    assert [s.actor_role for s in case.steps.order_by("pk")][1:] == ["grid_worker", "handler", "grid_worker"]


def test_a_concern_heard_on_a_visit_opens_a_case_of_its_grid(w):
    from pingxing.grid.models import Visit
    from pingxing.grid.services_cases import case_open_from_visit

    visit = Visit.objects.create(grid=w.grid_a1, recorded_by=w.worker, occurred_on=dt.date(2026, 3, 1),
                                 heard="楼道堆满杂物")
    case = case_open_from_visit(visit=visit, category=CLUTTER, title="楼道堆物", description="3楼楼道堆满杂物",
                                household=w.household, by=w.worker)
    assert (case.source, case.visit, case.grid, case.community, case.household) == (
        "visit", visit, w.grid_a1, w.a1, w.household)
    assert case.steps.get().actor_role == "grid_worker"


def test_staff_outside_the_community_cannot_open_a_case_for_it(w):
    from pingxing.grid.services_cases import CaseError

    with pytest.raises(CaseError):
        open_case(w, by=w.outsider)
    with pytest.raises(CaseError, match="不属于该社区"):
        open_case(w, grid=w.grid_a2)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cases_never_share_a_number(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    w = cases_world()
    numbers, errors = [], []

    def open_one(i: int) -> None:
        from django.db import connection as thread_connection

        try:
            numbers.append(open_case(w, when=at("2026-03-02", 9 + i % 8)).number)
        except Exception as error:
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(numbers)) == 8


def test_a_duplicate_is_merged_into_the_case_that_carries_the_work(w):
    from pingxing.grid.services_cases import CaseError, case_merge

    main, duplicate = open_case(w), open_case(w, when=at("2026-03-03"))
    merged = case_merge(case=duplicate, into=main, by=w.street_user, reason="同一路灯重复反映")
    assert merged.merged_into == main and merged.state == "received"
    last = merged.steps.order_by("-pk").first()
    assert (last.action, last.by, last.reason, last.data) == ("merge", w.street_user, "同一路灯重复反映",
                                                              {"into": main.number})
    with pytest.raises(CaseError):
        case_merge(case=duplicate, into=main, by=w.street_user)
    with pytest.raises(CaseError):
        case_merge(case=main, into=main, by=w.street_user)
