"""Thirty simultaneous objections from one address: the hourly limit holds exactly."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from pingxing.ratings import samples, services
from pingxing.ratings.models import Objection

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="simultaneous writers from several connections need PostgreSQL (CI runs it)"),
]

POSTS = 30


def _on_notice(county, org):
    case = county.case(org)
    services.declaration_submit(case=case, facts=samples.facts_for_star(5, org.code, 2010, seed=5),
                                declared_star=5, by=county.secretary)
    services.assessment_submit(case=case, corrections={}, by=county.street_user)
    services.acceptance_record(case=case, corrections={}, by=county.county_user,
                               inspection_date=dt.date(2010, 11, 2), inspectors="验收组", findings="属实")
    services.notice_start(case=case, by=county.county_user, starts_on=dt.date(2010, 11, 8))
    case.refresh_from_db()
    return case


def test_thirty_simultaneous_objections_from_one_client_file_exactly_the_limit(transactional_db, county):
    case = _on_notice(county, county.community)
    barrier = threading.Barrier(POSTS)
    outcomes: list[str] = []

    def post(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.objection_file(case=case, contact="13900000000", text=f"第{n}条异议",
                                    ip_address="10.0.0.9")
            outcomes.append("filed")
        except services.ObjectionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(POSTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    limit = services.OBJECTIONS_PER_CLIENT_PER_HOUR
    assert outcomes.count("filed") == limit and outcomes.count("refused") == POSTS - limit
    assert Objection.objects.filter(case=case).count() == limit
    # Another address is not held back by the first one's limit.
    services.objection_file(case=case, contact="13800000000", text="另一位居民", ip_address="10.0.0.10")
    assert Objection.objects.filter(case=case).count() == limit + 1
