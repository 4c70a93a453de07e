from __future__ import annotations

import datetime as dt

import pytest

from pingxing.cobuilding import queries
from pingxing.cobuilding.demo import load_cobuilding
from pingxing.cobuilding.models import Contract

pytestmark = pytest.mark.django_db


def test_demo_gives_every_community_a_contract_in_six_areas_some_kept_some_pending(world):
    today = dt.date(2010, 11, 1)
    load_cobuilding(today=today)
    load_cobuilding(today=today)  # a second run adds nothing
    contracts = Contract.objects.filter(organization__parent=world.street_a)
    assert {c.organization for c in contracts} == {world.a1, world.a2}
    assert all({i.area for i in c.items.all()} and len({i.area for i in c.items.all()}) == 6 for c in contracts)
    statuses = {queries.status_of(c, 2010) for c in contracts}
    assert statuses == {"kept", "pending"}
