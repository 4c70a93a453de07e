"""The demo's pledges: several organizations of different kinds, at different steps."""

from __future__ import annotations

import datetime as dt

import pytest

from pingxing.demo import load_demo_if_empty
from pingxing.pledges import queries
from pingxing.pledges.demo import load_pledges
from pingxing.pledges.models import Fulfilment, PledgeSheet


@pytest.mark.django_db
def test_the_demo_pledges_cover_three_kinds_of_organization_and_every_step():
    today = dt.date(2026, 9, 1)
    load_demo_if_empty(today)
    load_pledges(today=today)
    sheets = PledgeSheet.objects.filter(year=2026)
    assert set(sheets.values_list("organization__kind", flat=True)) == {"community", "institution", "enterprise"}
    assert {"published", "submitted", "returned"} <= set(sheets.values_list("state", flat=True))
    assert Fulfilment.objects.filter(state="pending").count() == 1
    demo_member = sheets.get(member__user__username="member_diyang")
    assert demo_member.state == "published" and demo_member.peer_count == 4
    clinic = sheets.filter(organization__kind="institution")
    assert all(queries.score_of(s).total is not None for s in clinic)
    count = sheets.count()
    load_pledges(today=today)
    assert PledgeSheet.objects.filter(year=2026).count() == count
