"""Many clerks posting to one fund at the same moment (PostgreSQL: row locks across connections).

The bank holds exactly 100 payouts and 200 are asked for at once: exactly 100 are paid. One key
sent from many threads at once posts once. One posting reversed from many threads at once is
reversed once. Mixed traffic whose lines name the accounts in either order never deadlocks.
Each thread has its own connection and closes it; a barrier starts them together."""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.db.models import Sum

from factories import make_county, make_street, make_user
from pingxing.carefund import ledger
from pingxing.carefund.models import DEBIT_NORMAL, Account, Entry, Posting
from pingxing.carefund.rules import Line, PostingRefused

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks across connections need PostgreSQL (CI runs it)"
)

DAY = dt.date(2026, 3, 1)
AMOUNT = 1_000  # fen


def run_together(n: int, work: Callable[[int], Any]) -> list[tuple[str, Any]]:
    """``work(i)`` in ``n`` threads released at once: ("ok", result), ("refused", message) or ("error", repr)."""
    barrier = threading.Barrier(n)
    results: list[tuple[str, Any]] = [("error", "did not finish")] * n

    def one(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            results[i] = ("ok", work(i))
        except PostingRefused as refused:
            results[i] = ("refused", str(refused))
        except Exception as error:  # a deadlock or serialization failure lands here and fails the test
            results[i] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def fund_and_clerk():
    street = make_street(parent=make_county())
    clerk = make_user(role="street", organization=street)
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=clerk)
    return fund, clerk


def assert_books_hold(fund) -> dict[str, int]:
    entries = Entry.objects.filter(posting__fund=fund)
    totals = entries.aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"]
    sums = {r["account_id"]: (r["d"], r["c"])
            for r in entries.values("account_id").annotate(d=Sum("debit"), c=Sum("credit"))}
    balances = {}
    for account in Account.objects.filter(fund=fund):
        debit, credit = sums.get(account.pk, (0, 0))
        assert account.balance == (debit - credit if account.kind in DEBIT_NORMAL else credit - debit) >= 0
        balances[account.code] = account.balance
    keys = list(Posting.objects.filter(fund=fund).values_list("idempotency_key", flat=True))
    assert len(keys) == len(set(keys))
    return balances


@pytest.mark.django_db(transaction=True)
def test_200_payouts_at_once_from_a_bank_holding_100_pay_exactly_100(fund_and_clerk):
    fund, clerk = fund_and_clerk
    ledger.donate(fund=fund, key="gift", amount=100 * AMOUNT, donor="某企业", booked_on=DAY, by=clerk)

    started = time.perf_counter()
    results = run_together(200, lambda i: ledger.disburse(
        fund=fund, key=f"pay-{i}", amount=AMOUNT, purpose=("hardship", "startup")[i % 2], payee=f"党员{i}",
        booked_on=DAY, by=clerk).pk)
    seconds = time.perf_counter() - started
    print(f"\n200 concurrent payouts: {seconds:.2f} s")

    outcomes = Counter(kind for kind, _ in results)
    assert outcomes == {"ok": 100, "refused": 100}, [r for r in results if r[0] == "error"][:3]
    assert all("余额不足" in message for kind, message in results if kind == "refused")
    assert len({pk for kind, pk in results if kind == "ok"}) == 100
    balances = assert_books_hold(fund)
    assert balances[ledger.BANK] == 0
    assert balances[ledger.HARDSHIP] + balances[ledger.STARTUP] == 100 * AMOUNT
    assert Posting.objects.filter(fund=fund, kind="disbursement").count() == 100


@pytest.mark.django_db(transaction=True)
def test_one_key_sent_from_20_threads_at_once_pays_once(fund_and_clerk):
    fund, clerk = fund_and_clerk
    ledger.donate(fund=fund, key="gift", amount=100 * AMOUNT, donor="某企业", booked_on=DAY, by=clerk)

    results = run_together(20, lambda i: ledger.disburse(
        fund=fund, key="pay-once", amount=AMOUNT, purpose="hardship", payee="张某", booked_on=DAY, by=clerk).pk)

    assert [kind for kind, _ in results] == ["ok"] * 20, results
    assert len({pk for _, pk in results}) == 1
    assert Posting.objects.filter(idempotency_key="pay-once").count() == 1
    assert assert_books_hold(fund)[ledger.BANK] == 99 * AMOUNT


@pytest.mark.django_db(transaction=True)
def test_one_key_raced_with_two_amounts_posts_one_of_them_and_refuses_the_other(fund_and_clerk):
    fund, clerk = fund_and_clerk
    ledger.donate(fund=fund, key="gift", amount=100 * AMOUNT, donor="某企业", booked_on=DAY, by=clerk)

    results = run_together(20, lambda i: ledger.disburse(
        fund=fund, key="pay-once", amount=AMOUNT * (1 + i % 2), purpose="hardship", payee="张某",
        booked_on=DAY, by=clerk).pk)

    [posting] = Posting.objects.filter(idempotency_key="pay-once")
    paid = posting.entries.get(debit__gt=0).debit
    for i, (kind, value) in enumerate(results):
        if AMOUNT * (1 + i % 2) == paid:
            assert (kind, value) == ("ok", posting.pk)
        else:
            assert kind == "refused" and "幂等键" in value
    assert assert_books_hold(fund)[ledger.BANK] == 100 * AMOUNT - paid


@pytest.mark.django_db(transaction=True)
def test_one_posting_reversed_from_20_threads_at_once_is_reversed_once(fund_and_clerk):
    fund, clerk = fund_and_clerk
    ledger.donate(fund=fund, key="gift", amount=100 * AMOUNT, donor="某企业", booked_on=DAY, by=clerk)
    payout = ledger.disburse(fund=fund, key="pay", amount=AMOUNT, purpose="hardship", payee="张某",
                             booked_on=DAY, by=clerk)

    results = run_together(20, lambda i: ledger.reverse(
        posting=Posting.objects.get(pk=payout.pk), key=f"undo-{i}", reason="重复发放", booked_on=DAY, by=clerk).pk)

    outcomes = Counter(kind for kind, _ in results)
    assert outcomes == {"ok": 1, "refused": 19}, results
    assert all("已冲正" in message for kind, message in results if kind == "refused"), results
    assert Posting.objects.filter(reverses=payout).count() == 1
    assert assert_books_hold(fund)[ledger.BANK] == 100 * AMOUNT


@pytest.mark.django_db(transaction=True)
def test_mixed_traffic_naming_accounts_in_either_order_never_deadlocks(fund_and_clerk):
    fund, clerk = fund_and_clerk
    ids = dict(Account.objects.filter(fund=fund).values_list("code", "pk"))
    ledger.donate(fund=fund, key="gift", amount=100 * AMOUNT, donor="某企业", booked_on=DAY, by=clerk)
    for purpose in ("hardship", "startup"):
        ledger.disburse(fund=fund, key=f"seed-{purpose}", amount=20 * AMOUNT, purpose=purpose, payee="张某",
                        booked_on=DAY, by=clerk)

    def work(i: int) -> int:
        rng = random.Random(i)
        kind = i % 4
        if kind == 0:
            return ledger.donate(fund=fund, key=f"mix-{i}", amount=AMOUNT, donor="某企业", booked_on=DAY, by=clerk).pk
        if kind == 1:
            return ledger.disburse(fund=fund, key=f"mix-{i}", amount=AMOUNT, purpose=rng.choice(["hardship", "startup"]),
                                   payee="张某", booked_on=DAY, by=clerk).pk
        # reclassify a payout between the two expense accounts, the lines in either order: the
        # ledger must lock the two accounts in one order whatever order the lines come in
        debit, credit = (ids[ledger.HARDSHIP], ids[ledger.STARTUP]) if kind == 2 else (
            ids[ledger.STARTUP], ids[ledger.HARDSHIP])
        lines = [Line(debit, debit=AMOUNT // 10), Line(credit, credit=AMOUNT // 10)]
        rng.shuffle(lines)
        return ledger.post(fund=fund, key=f"mix-{i}", kind="disbursement", lines=lines, memo="调整支出科目",
                           booked_on=DAY, by=clerk).pk

    results = run_together(120, work)

    assert Counter(kind for kind, _ in results) == {"ok": 120}, [r for r in results if r[0] != "ok"][:3]
    balances = assert_books_hold(fund)
    assert balances[ledger.BANK] == 100 * AMOUNT - 40 * AMOUNT  # 30 donations and 30 payouts of AMOUNT
    assert balances[ledger.HARDSHIP] + balances[ledger.STARTUP] == 40 * AMOUNT + 30 * AMOUNT
