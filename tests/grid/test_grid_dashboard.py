"""The grid dashboards against a hand-computed fixture: counts, on-time rate, satisfaction rate
against the target, coverage of member–household links, ages; bounded queries; who sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from grid_meetings_world import make_case, make_grid, meetings_world

from pingxing.grid import dashboard
from pingxing.grid.cadence import Period
from pingxing.grid.models import Household, HouseholdLink

pytestmark = pytest.mark.django_db
D = dt.date
YEAR = Period(D(2025, 1, 1), D(2025, 12, 31))


def household(grid, n):
    return Household.objects.create(grid=grid, address=f"柯桥路{n}号", address_digest=f"h{grid.pk}-{n}", building=f"{n}幢")


@pytest.fixture
def w(settings):
    from django.core.cache import cache

    cache.clear()  # the page keeps the figures for a minute
    settings.REQUIRE_STAFF_2FA = False
    w = meetings_world()
    k1 = make_case(grid=w.g1, received=D(2025, 3, 3), closed=D(2025, 3, 4), deadline=D(2025, 3, 5),
                   state="followed_up", satisfaction="satisfied")
    make_case(grid=w.g1, received=D(2025, 3, 10), closed=D(2025, 3, 20), deadline=D(2025, 3, 12), state="followed_up",
              satisfaction="basically")
    make_case(grid=w.g2, received=D(2025, 4, 1), closed=D(2025, 4, 2), state="closed", category="noise")
    make_case(grid=w.g2, received=D(2025, 12, 1), deadline=D(2025, 12, 5), state="handling", category="noise",
              satisfaction="dissatisfied")
    make_case(grid=w.g1s, received=D(2025, 12, 29), deadline=D(2026, 1, 5), state="registered")
    make_case(grid=w.g1, received=D(2024, 12, 20), closed=D(2025, 1, 3), deadline=D(2025, 1, 2), state="closed")
    make_case(grid=w.g1, received=D(2025, 3, 3), state="handling", merged_into=k1)  # a merged duplicate
    make_case(grid=w.g3, received=D(2025, 3, 3), state="registered")  # the other community
    h = [household(w.g1, n) for n in (1, 2, 3)] + [household(w.g2, 4)]
    for member, home in ((w.m_a1, h[0]), (w.m_a1_other, h[0]), (w.m_a1, h[1])):
        HouseholdLink.objects.create(member=member, household=home, since=D(2025, 1, 1), created_by=w.secretary)
    return w


def test_the_community_board_matches_the_hand_computed_figures(w):
    b = dashboard.board(w.a1, period=YEAR, today=D(2025, 12, 31))
    assert b.total == 5
    assert [(code, n) for code, _name, n in b.by_category] == [("clutter", 3), ("noise", 2)]
    assert {v: n for v, _l, n in b.by_state} == {"followed_up": 2, "closed": 1, "handling": 1, "registered": 1}
    assert (b.closed, b.on_time, b.on_time_rate) == (4, 2, 50.0)  # no deadline counts as on time
    assert (b.answered, b.satisfied, b.satisfaction_rate, b.target, b.target_met) == (3, 2, 66.7, 85, False)
    assert [n for _l, n in b.age_bands] == [1, 0, 1]  # 2 and 22 working days old on 2025-12-31
    assert (b.households, b.linked, b.coverage) == (4, 2, 50.0)
    rows = {g.name: (g.cases, g.households, g.coverage) for g in b.grids}
    assert rows == {"一网格": (2, 3, 66.7), "一网格一小格": (1, 0, None), "二网格": (2, 1, 0.0)}
    street = dashboard.board(w.street_a, period=YEAR, today=D(2025, 12, 31))
    assert street.total == 6 and len(street.grids) == 4


def test_the_satisfaction_target_is_a_setting(w, settings):
    settings.GRID_SATISFACTION_TARGET = 60
    b = dashboard.board(w.a1, period=YEAR, today=D(2025, 12, 31))
    assert (b.target, b.target_met) == (60, True)


def test_the_dashboard_takes_a_bounded_number_of_queries(w, django_assert_max_num_queries):
    from pingxing.grid.models_cases import ServiceCase

    grids = [make_grid(community=w.a2, code=f"B{n:03d}") for n in range(40)]
    ServiceCase.objects.bulk_create([make_case(grid=grids[n % 40], received=D(2025, 1 + n % 12, 1 + n % 27),
                                               state=("handling", "closed", "registered")[n % 3],
                                               deadline=D(2025, 12, 1), closed=D(2025, 6, 1) if n % 3 == 1 else None,
                                               category=("clutter", "noise", "sanitation")[n % 3], save=False)
                                     for n in range(600)])
    Household.objects.bulk_create([Household(grid=grids[n % 40], address="x", address_digest=f"b{n}") for n in range(200)])
    with django_assert_max_num_queries(8):
        b = dashboard.board(w.street_a, period=YEAR, today=D(2025, 12, 31))
    assert b.total == 606 and len(b.grids) == 44


def test_the_page_shows_the_figures_to_the_community_and_the_street_only(client, w, django_assert_max_num_queries):
    client.force_login(w.secretary)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("grid:dashboard"), {"year": 2025}).content.decode()
    assert 'id="fig-on-time">50.0%' in page and 'id="fig-satisfaction">66.7%' in page and "目标 85%" in page
    assert 'id="fig-coverage">50.0%' in page and 'id="grid-dashboard-data"' in page and "<script>" not in page
    assert client.get(reverse("grid:dashboard"), {"org": w.a2.pk}).status_code == 404
    client.force_login(w.street_user)
    street = client.get(reverse("grid:dashboard"), {"year": 2025}).content.decode()
    assert 'id="fig-total">6<' in street
    assert 'id="fig-total">5<' in client.get(reverse("grid:dashboard"), {"year": 2025, "org": w.a1.pk}).content.decode()
    assert client.get(reverse("grid:dashboard"), {"org": w.b1.pk}).status_code == 404
    for name in ("member_user", "leader", "admin"):
        client.force_login(getattr(w, name))
        assert client.get(reverse("grid:dashboard")).status_code == 404


def test_age_bands_count_working_days_as_the_case_clock_does():
    from pingxing.grid.clock import working_days_between

    today = D(2025, 10, 15)  # after 国庆 (10-01 to 10-08) and the 调休 Saturday 10-11
    band = dashboard._working_ages(today)
    for back in range(60):
        day = today - dt.timedelta(days=back)
        days = working_days_between(day, today)
        assert band(day) == (0 if days <= 5 else 1 if days <= 10 else 2), day


def test_the_page_keeps_its_figures_for_a_minute(client, w):
    from django.core.cache import cache

    client.force_login(w.secretary)
    assert 'id="fig-total">5<' in client.get(reverse("grid:dashboard"), {"year": 2025}).content.decode()
    make_case(grid=w.g1, received=D(2025, 6, 1))
    assert 'id="fig-total">5<' in client.get(reverse("grid:dashboard"), {"year": 2025}).content.decode()
    cache.clear()
    assert 'id="fig-total">6<' in client.get(reverse("grid:dashboard"), {"year": 2025}).content.decode()
