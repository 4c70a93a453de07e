"""The ledger's basic bookkeeping: a donation in, a payout out, a refused overdraft, a reversal."""

from __future__ import annotations

import datetime as dt

import pytest

from factories import make_county, make_street, make_user
from pingxing.carefund import ledger
from pingxing.carefund.models import Account, Entry, Posting
from pingxing.carefund.rules import PostingRefused

DAY = dt.date(2026, 3, 1)


@pytest.mark.django_db
def test_donation_payout_overdraft_and_reversal() -> None:
    street = make_street(parent=make_county())
    clerk = make_user(role="street", organization=street)
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=clerk)
    ledger.donate(fund=fund, key="d1", amount=50_000, donor="某企业", booked_on=DAY, by=clerk)
    again = ledger.donate(fund=fund, key="d1", amount=50_000, donor="某企业", booked_on=DAY, by=clerk)
    assert Posting.objects.count() == 1 and again.idempotency_key == "d1"
    payout = ledger.disburse(fund=fund, key="p1", amount=30_000, purpose="hardship", payee="张某",
                             booked_on=DAY, by=clerk)
    with pytest.raises(PostingRefused, match="余额不足"):
        ledger.disburse(fund=fund, key="p2", amount=30_000, purpose="hardship", payee="李某",
                        booked_on=DAY, by=clerk)
    ledger.reverse(posting=payout, key="r1", reason="重复发放", booked_on=DAY, by=clerk)
    with pytest.raises(PostingRefused, match="已冲正"):
        ledger.reverse(posting=payout, key="r2", reason="再次", booked_on=DAY, by=clerk)
    balances = dict(Account.objects.filter(fund=fund).values_list("code", "balance"))
    assert balances == {"1002": 50_000, "4101": 50_000, "5101": 0, "5102": 0}
    debits = sum(Entry.objects.values_list("debit", flat=True))
    credits = sum(Entry.objects.values_list("credit", flat=True))
    assert debits == credits == 50_000 + 30_000 + 30_000
