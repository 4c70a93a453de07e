"""What the database itself refuses, whoever writes: a negative balance, a two-sided or empty entry,
a second posting under one key or a second reversal of one posting; and the ledger offers no way
to edit or delete a posting."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError

from factories import make_county, make_street, make_user
from pingxing.carefund import ledger
from pingxing.carefund.models import Account, Entry, Posting
from pingxing.carefund.rules import PostingRefused

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def books():
    street = make_street(parent=make_county())
    clerk = make_user(role="street", organization=street)
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=clerk)
    gift = ledger.donate(fund=fund, key="gift", amount=10_000, donor="某企业", booked_on=DAY, by=clerk)
    return fund, clerk, gift


def refused_by_the_database(**update) -> bool:
    try:
        with transaction.atomic():
            update.pop("queryset").update(**update)
    except IntegrityError:
        return True
    return False


@pytest.mark.django_db
def test_the_database_refuses_a_balance_below_zero(books):
    fund, _clerk, _gift = books
    bank = Account.objects.filter(fund=fund, code=ledger.BANK)
    assert refused_by_the_database(queryset=bank, balance=-1)
    assert refused_by_the_database(queryset=bank, balance=F("balance") - 10_001)
    assert bank.get().balance == 10_000


@pytest.mark.django_db
def test_the_database_refuses_an_entry_with_both_sides_or_none(books):
    _fund, _clerk, gift = books
    entries = Entry.objects.filter(posting=gift)
    debit = entries.filter(debit__gt=0)
    assert refused_by_the_database(queryset=debit, credit=1)  # both sides
    assert refused_by_the_database(queryset=debit, debit=0)  # neither
    assert refused_by_the_database(queryset=debit, debit=-5)
    account = debit.get().account
    for sides in ({"debit": 5, "credit": 5}, {"debit": 0, "credit": 0}, {"debit": -5, "credit": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Entry.objects.create(posting=gift, account=account, **sides)
    assert sorted(entries.values_list("debit", "credit")) == [(0, 10_000), (10_000, 0)]


@pytest.mark.django_db
def test_the_database_refuses_a_second_posting_under_a_key_or_a_second_reversal(books):
    fund, clerk, gift = books
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(fund=fund, kind="donation", idempotency_key="gift", booked_on=DAY, memo="x",
                               created_by=clerk)
    ledger.reverse(posting=gift, key="undo", reason="录入错误", booked_on=DAY, by=clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(fund=fund, kind="reversal", idempotency_key="undo-2", booked_on=DAY, memo="x",
                               reverses=gift, created_by=clerk)


@pytest.mark.django_db
def test_a_posting_with_entries_cannot_be_deleted_and_the_ledger_has_no_edit(books):
    fund, _clerk, gift = books
    with pytest.raises(ProtectedError), transaction.atomic():
        gift.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Account.objects.get(fund=fund, code=ledger.BANK).delete()
    public = {name for name, obj in inspect.getmembers(ledger, inspect.isfunction)
              if obj.__module__ == ledger.__name__ and not name.startswith("_")}
    # writes only add postings: a correction is a reversal, never an update or a delete
    assert public == {"open_fund", "account", "post", "donate", "disburse", "reverse"}


@pytest.mark.django_db
def test_a_reversals_key_does_not_pass_for_the_reversal_of_another_posting(books):
    # Two donations with the same lines: reversing the second under the first one's reversal key
    # must be refused, not answered with the first reversal (the second would look reversed).
    fund, clerk, gift = books
    twin = ledger.donate(fund=fund, key="twin", amount=10_000, donor="某企业", booked_on=DAY, by=clerk)
    undo = ledger.reverse(posting=gift, key="undo", reason="录入错误", booked_on=DAY, by=clerk)
    with pytest.raises(ledger.DuplicateKey):
        ledger.reverse(posting=twin, key="undo", reason="录入错误", booked_on=DAY, by=clerk)
    assert not Posting.objects.filter(reverses=twin).exists()
    assert ledger.reverse(posting=gift, key="undo", reason="录入错误", booked_on=DAY, by=clerk) == undo


@pytest.mark.django_db
def test_a_key_reused_for_another_amount_kind_or_purpose_is_refused(books):
    fund, clerk, gift = books
    pay = ledger.disburse(fund=fund, key="pay", amount=1_000, purpose="hardship", payee="张某", booked_on=DAY, by=clerk)
    attempts = [
        lambda: ledger.donate(fund=fund, key="gift", amount=10_001, donor="某企业", booked_on=DAY, by=clerk),
        lambda: ledger.disburse(fund=fund, key="gift", amount=10_000, purpose="hardship", payee="张某",
                                booked_on=DAY, by=clerk),
        lambda: ledger.disburse(fund=fund, key="pay", amount=1_000, purpose="startup", payee="张某",
                                booked_on=DAY, by=clerk),
        lambda: ledger.donate(fund=fund, key="pay", amount=1_000, donor="张某", booked_on=DAY, by=clerk),
    ]
    for attempt in attempts:
        with pytest.raises(ledger.DuplicateKey) as refused:
            attempt()
        assert "幂等键" in str(refused.value)
    assert ledger.disburse(fund=fund, key="pay", amount=1_000, purpose="hardship", payee="张某",
                           booked_on=DAY, by=clerk) == pay
    assert Posting.objects.filter(fund=fund).count() == 2
    with pytest.raises(PostingRefused, match="余额不足"):
        ledger.disburse(fund=fund, key="big", amount=9_001, purpose="startup", payee="李某", booked_on=DAY, by=clerk)
