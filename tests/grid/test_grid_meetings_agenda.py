"""Acceptance: the weekly agenda of a team lists exactly the hand-picked fixture's overdue and
repeated cases (read through the query from the database)."""

from __future__ import annotations

from datetime import date

import pytest
from grid_meetings_world import follow_up, make_case, meetings_world

from pingxing.grid.agenda import build_agenda
from pingxing.grid.cadence import Level, Period
from pingxing.grid.queries_meetings import Scope, agenda_facts

pytestmark = pytest.mark.django_db
WEEK = Period(date(2026, 11, 23), date(2026, 11, 29))  # 2026年第48周


@pytest.fixture
def fixture():
    w = meetings_world()
    g1, g1s, g2 = w.g1, w.g1s, w.g2
    c = {}
    # overdue at the week's end: not done, deadline before 11-29 — in the grid or its small grid
    c["over1"] = make_case(grid=g1, received=date(2026, 11, 10), state="handling", deadline=date(2026, 11, 20))
    c["over2"] = make_case(grid=g1s, received=date(2026, 11, 18), state="dispatched", deadline=date(2026, 11, 26))
    # not overdue: due on the last day, done, in another grid, merged into another case
    c["due_end"] = make_case(grid=g1, received=date(2026, 11, 20), state="handling", deadline=date(2026, 11, 29))
    c["closed_late"] = make_case(grid=g1, received=date(2026, 11, 2), state="closed", deadline=date(2026, 11, 20),
                                 closed=date(2026, 11, 25))
    c["other_grid"] = make_case(grid=g2, received=date(2026, 11, 2), state="handling", deadline=date(2026, 11, 20))
    c["merged"] = make_case(grid=g1, received=date(2026, 11, 11), state="handling", deadline=date(2026, 11, 20),
                            merged_into=c["over1"])
    # the same reporter twice in the 90 days (from 09-01); once long before; once in another grid
    c["r1a"] = make_case(grid=g1, received=date(2026, 9, 1), state="followed_up", reporter_digest="r1",
                         satisfaction="satisfied")
    c["r1b"] = make_case(grid=g1s, received=date(2026, 11, 25), reporter_digest="r1")
    c["r1_old"] = make_case(grid=g1, received=date(2026, 8, 31), reporter_digest="r1")
    c["r1_elsewhere"] = make_case(grid=g2, received=date(2026, 11, 24), reporter_digest="r1")
    c["r2"] = make_case(grid=g1, received=date(2026, 11, 24), reporter_digest="r2")
    c["r2_elsewhere"] = make_case(grid=g2, received=date(2026, 11, 24), reporter_digest="r2")
    # the same place written two ways; another place once; the same place after the week
    c["addr_a"] = make_case(grid=g1, received=date(2026, 10, 12), address="柯桥路 １号")
    c["addr_b"] = make_case(grid=g1, received=date(2026, 11, 27), address="柯桥路1号", category="noise")
    c["addr_other"] = make_case(grid=g1, received=date(2026, 11, 27), address="柯桥路2号")
    c["addr_after"] = make_case(grid=g1, received=date(2026, 11, 30), address="柯桥路2号")
    # an unsatisfied follow-up in the week, one the week before, a satisfied one in the week
    follow_up(c["closed_late"], on=date(2026, 11, 26), dissatisfied=True)
    follow_up(c["r1a"], on=date(2026, 11, 16), dissatisfied=True)
    follow_up(c["r1a"], on=date(2026, 11, 24), dissatisfied=False)
    w.c = c
    return w


def _numbers(cases) -> set[str]:
    return {x.number for x in cases}


def test_the_weekly_agenda_of_a_team_lists_exactly_its_overdue_and_repeated_cases(fixture, django_assert_max_num_queries):
    c = fixture.c
    with django_assert_max_num_queries(8):
        agenda = build_agenda(agenda_facts(Scope(Level.TEAM, fixture.a1, fixture.g1), WEEK))
    assert _numbers(agenda.overdue) == {c["over1"].number, c["over2"].number}
    assert [_numbers(r.cases) for r in agenda.repeated_reporters] == [{c["r1a"].number, c["r1b"].number}]
    assert [_numbers(r.cases) for r in agenda.repeated_addresses] == [{c["addr_a"].number, c["addr_b"].number}]
    assert _numbers(agenda.unsatisfied) == {c["closed_late"].number}
    # received in the week in the team's grids: r1b, r2, addr_b, addr_other
    assert agenda.total == 4
    assert {(t.key, t.count) for t in agenda.by_category} == {("clutter", 3), ("noise", 1)}


def test_the_community_agenda_takes_in_all_its_grids(fixture):
    c = fixture.c
    agenda = build_agenda(agenda_facts(Scope(Level.ORGANIZATION, fixture.a1), WEEK))
    assert _numbers(agenda.overdue) == {c["over1"].number, c["over2"].number, c["other_grid"].number}
    assert {len(r.cases) for r in agenda.repeated_reporters} == {3, 2}  # r1 in three, r2 in two cases
