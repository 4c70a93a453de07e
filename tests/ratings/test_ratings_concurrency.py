"""Two people approving one case at the same moment: exactly one transition."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from factories import make_community, make_county, make_street, make_user
from pingxing.ratings import samples, services
from pingxing.ratings.models import CaseState, RatingCase, Transition

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL (CI runs it)"
)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_approvals_give_exactly_one_transition():
    county = make_county()
    street = make_street(parent=county)
    community = make_community(parent=street)
    county_users = [make_user(role="county", organization=county) for _ in range(2)]
    secretary = make_user(role="secretary", organization=community)
    street_user = make_user(role="street", organization=street)
    campaign = services.campaign_open(
        year=2010, by=county_users[0], declaration_deadline=dt.date(2010, 9, 30),
        assessment_deadline=dt.date(2010, 10, 31), county_deadline=dt.date(2010, 11, 30),
    )
    case = campaign.cases.get()
    services.declaration_submit(case=case, facts=samples.facts_for_star(3, community.code, 2010),
                                declared_star=3, by=secretary)
    services.assessment_submit(case=case, corrections={}, by=street_user)

    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user) -> None:
        stale_copy = RatingCase.objects.select_related("campaign", "organization").get(pk=case.pk)
        barrier.wait()
        try:
            services.case_approve(case=stale_copy, by=user)
            outcomes.append("ok")
        except services.CaseChanged:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in county_users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["ok", "refused"]
    assert Transition.objects.filter(case=case, action="approve").count() == 1
    assert RatingCase.objects.get(pk=case.pk).state == CaseState.APPROVED
