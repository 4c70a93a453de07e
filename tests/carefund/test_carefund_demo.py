"""The care fund's demo: applications at every step, one reversed payout, books that reconcile."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pingxing.carefund import demo, statement
from pingxing.carefund.models import Account, Application, Fund, HardshipRecord, Posting


@pytest.fixture
def loaded(db):
    from pingxing.demo import load_demo_if_empty

    load_demo_if_empty()
    return Fund.objects.get(name="柯桥街道党内关爱基金")


def test_the_demo_has_every_state_and_a_reversed_payout(loaded):
    states = list(Application.objects.filter(fund=loaded).values_list("purpose", "state"))
    assert ("hardship", "paid") in states and ("hardship", "notice") in states
    assert ("hardship", "reviewed") in states and ("hardship", "rejected") in states
    assert ("startup", "paid") in states
    assert Posting.objects.filter(fund=loaded, kind="reversal").count() == 1
    assert 4 <= HardshipRecord.objects.filter(closed_on=None).count() <= 6
    s = statement.build(loaded, timezone.localdate().year)
    if not Posting.objects.filter(fund=loaded, booked_on__year=timezone.localdate().year - 1).exists():
        assert s.opening == 0
    assert s.closing == Account.objects.get(fund=loaded, code="1002").balance
    demo.load_carefund(today=timezone.localdate())  # a second run adds nothing
    assert Fund.objects.count() == 1
    # the order tests/test_demo.py deletes the care fund's rows in (children first, reversals first)
    from pingxing.carefund import models as cf

    cf.Application.objects.all().delete()
    cf.Entry.objects.all().delete()
    cf.Posting.objects.filter(reverses__isnull=False).delete()
    cf.Posting.objects.all().delete()
    cf.Account.objects.all().delete()
    cf.HardshipRecord.objects.all().delete()
    cf.Fund.objects.all().delete()
    assert not Fund.objects.exists()
