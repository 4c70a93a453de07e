"""The demo's cases: a year of them in every state over the network demo's grids, made through
the services (so each has a timeline); nothing without grids, nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from grid_cases_world import cases_world, make_grid

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)


def test_no_grids_no_cases(db):
    from pingxing.grid.demo_cases import load_service_cases
    from pingxing.grid.models_cases import ServiceCase

    load_service_cases(today=TODAY)
    assert not ServiceCase.objects.exists()


def test_the_demo_has_cases_in_every_state_with_timelines(db):
    from pingxing.grid.demo_cases import load_service_cases
    from pingxing.grid.models import TeamMember, Visit
    from pingxing.grid.models_cases import CASE_STATE_CHOICES, ApiKey, CaseStep, ServiceCase

    w = cases_world()
    for i in range(2, 40):
        grid = make_grid(community=w.a1 if i % 2 else w.a2, code=f"G{i:02d}", name=f"第{i}网格")
        if i % 3 == 0:
            TeamMember.objects.create(grid=grid, role=w.worker_role, name=f"网格员{i}", user=w.worker)
    Visit.objects.create(grid=w.grid_a1, recorded_by=w.worker, occurred_on=TODAY - dt.timedelta(days=30),
                         heard="反映路灯问题")
    load_service_cases(today=TODAY)
    cases = ServiceCase.objects.all()
    assert cases.count() >= 200
    assert {s for s, _label in CASE_STATE_CHOICES} == set(cases.values_list("state", flat=True))
    assert {"visit", "staff", "resident", "open311", "hotline"} <= set(cases.values_list("source", flat=True))
    assert cases.filter(supervised_count__gt=0).exists() and cases.filter(extension_days__gt=0).exists()
    assert cases.filter(reopen_count__gt=0, satisfaction="dissatisfied").exists()
    assert cases.filter(source="resident").exclude(follow_code_hash="").exists()
    assert all(c.received_at.date() <= TODAY for c in cases)
    assert CaseStep.objects.filter(at__gt=dt.datetime.combine(TODAY, dt.time(23), tzinfo=dt.UTC)).count() == 0
    assert not cases.exclude(steps__action="receive").exists()  # every case has its timeline
    assert ApiKey.objects.filter(street=w.street_a).count() == 1
    load_service_cases(today=TODAY)
    assert ServiceCase.objects.count() == cases.count()
