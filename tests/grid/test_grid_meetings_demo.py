"""The meetings demo: held most periods, one organization and one street meeting missed (so
the home pages flag them), a merge and an escalation decided; loaded once, quickly."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from grid_meetings_world import make_case, meetings_world

from pingxing.grid.demo_meetings import ORG_FORTNIGHTS, STREET_MONTHS, TEAM_WEEKS, load_meetings
from pingxing.grid.models_cases import ServiceCase
from pingxing.grid.models_meetings import Meeting
from pingxing.grid.queries_meetings import home_flags

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)


def test_nothing_without_grids():
    load_meetings(today=TODAY)
    assert not Meeting.objects.exists()


def test_the_demo_holds_most_meetings_and_leaves_the_flags_for_the_community_and_the_street():
    w = meetings_world()
    for n in range(40):
        make_case(grid=(w.g1, w.g1s, w.g2)[n % 3], received=TODAY - dt.timedelta(days=3 * n + 1),
                  state=("handling", "closed", "registered")[n % 3], deadline=TODAY - dt.timedelta(days=3 * n - 4),
                  address="笛扬路8号" if n in (3, 6) else "")
    started = time.perf_counter()
    load_meetings(today=TODAY)
    assert time.perf_counter() - started < 3
    team = Meeting.objects.filter(level="team", grid=w.g1)
    assert TEAM_WEEKS - 2 <= team.count() < TEAM_WEEKS + 1 and team.first().agenda["total"] >= 0
    assert Meeting.objects.filter(level="organization", organization=w.a1).count() == ORG_FORTNIGHTS - 1
    assert Meeting.objects.filter(level="street", organization=w.street_a).count() == STREET_MONTHS - 1
    assert not Meeting.objects.filter(grid__in=[w.g1s, w.g2]).exists()  # no leader: no team meetings
    assert any("社区党组织研判未召开" in f for f in home_flags(w.secretary, today=TODAY))
    assert any("街道研判未召开" in f for f in home_flags(w.street_user, today=TODAY))
    assert home_flags(w.leader, today=TODAY) == []
    assert ServiceCase.objects.filter(merged_into__isnull=False).count() == 1
    assert set(Meeting.objects.filter(decisions__isnull=False).values_list("decisions__kind", flat=True)) >= {"merge"}
    count = Meeting.objects.count()
    load_meetings(today=TODAY)
    assert Meeting.objects.count() == count
