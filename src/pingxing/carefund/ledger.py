"""The only code that writes the care fund's ledger.

Every posting runs in one transaction: the accounts it touches are locked in id order (so two
postings never deadlock), the idempotency key is looked up *after* the locks are held (a retry
that waited behind the first attempt sees it and returns it), the balances are checked by
``rules.balances_after`` and written back, and the audit row is written in the same transaction.
A unique index on the key and a check constraint on the balances guard the same rules in the
database. Nothing here edits or deletes a posting: ``reverse`` writes the undoing posting.

Lock order, for callers that wrap a posting in a transaction of their own: first the caller's own
rows (the application), then the accounts (here, in id order), then the audit trail's head row
(``audit_record``). So write the caller's audit row *after* the ledger call: one written before
takes the audit head before the accounts, the opposite order to a plain donation's, and the two
can deadlock. (tests/carefund/test_ledger_concurrency.py, test_ledger_crash.py)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as _

from pingxing.carefund import rules
from pingxing.carefund.models import (
    DEBIT_NORMAL,
    Account,
    Entry,
    Fund,
    Posting,
)
from pingxing.carefund.rules import Line, PostingRefused
from pingxing.core.audit import audit_record
from pingxing.core.http import ActingUser

# the accounts every fund is opened with: (code, name, kind)
CHART: tuple[tuple[str, str, str], ...] = (
    ("1002", _("银行存款"), "asset"),
    ("4101", _("捐赠收入"), "income"),
    ("5101", _("困难帮扶支出"), "expense"),
    ("5102", _("创业扶助支出"), "expense"),
)
BANK, DONATIONS, HARDSHIP, STARTUP = (code for code, _name, _kind in CHART)
PURPOSE_ACCOUNT = {"hardship": HARDSHIP, "startup": STARTUP}


class DuplicateKey(PostingRefused):
    """The key was already used for a different posting."""


def open_fund(*, organization: Any, name: str, notice_days: int, by: ActingUser) -> Fund:
    name = (name or "").strip()
    if not name:
        raise PostingRefused(_("请填写基金名称。"))
    with transaction.atomic():
        fund: Fund = Fund.objects.create(organization=organization, name=name[:100], notice_days=notice_days)
        Account.objects.bulk_create(Account(fund=fund, code=c, name=n, kind=k) for c, n, k in CHART)
        audit_record(action="fund_open", user=by, obj=fund, organization=organization,
                     changes={"name": [None, fund.name], "notice_days": [None, notice_days]})
    return fund


def account(fund: Fund, code: str) -> Account:
    found: Account = Account.objects.get(fund=fund, code=code)
    return found


def post(*, fund: Fund, key: str, kind: str, lines: Sequence[Line], memo: str, booked_on: dt.date,
         by: ActingUser, counterparty: str = "", reverses: Posting | None = None) -> Posting:
    """Post ``lines`` once under ``key``: a retry with the same key returns the first posting;
    the same key with different lines is refused. Raises ``PostingRefused`` (message for the user)."""
    key = (key or "").strip()
    if not key or len(key) > 80:
        raise PostingRefused(_("缺少记账幂等键。"))
    memo = (memo or "").strip()
    if not memo:
        raise PostingRefused(_("请填写摘要。"))
    rules.check_lines(lines)
    ids = sorted({line.account_id for line in lines})
    with transaction.atomic():
        locked = {a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        if len(locked) != len(ids) or any(a.fund_id != fund.pk for a in locked.values()):
            raise PostingRefused(_("分录的科目不属于该基金。"))
        existing = Posting.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return _same_or_refuse(existing, fund=fund, kind=kind, lines=lines, reverses=reverses)
        # under the locks, so that of two reversals racing the second is told why (and not that
        # the accounts the first one emptied cannot pay)
        if reverses is not None and Posting.objects.filter(reverses=reverses).exists():
            raise PostingRefused(_("该凭证已冲正，不能重复冲正。"))
        after = rules.balances_after({pk: a.balance for pk, a in locked.items()},
                                     {pk: a.kind in DEBIT_NORMAL for pk, a in locked.items()}, lines)
        try:
            with transaction.atomic():
                posting: Posting = Posting.objects.create(
                    fund=fund, kind=kind, idempotency_key=key, booked_on=booked_on, memo=memo[:200],
                    counterparty=(counterparty or "").strip()[:100], reverses=reverses, created_by_id=by.pk)
        except IntegrityError:
            # the same key committed by another transaction between our lookup and insert (only
            # possible where row locks are not taken), or the posting is already reversed
            existing = Posting.objects.filter(idempotency_key=key).first()
            if existing is not None:
                return _same_or_refuse(existing, fund=fund, kind=kind, lines=lines, reverses=reverses)
            if reverses is not None and Posting.objects.filter(reverses=reverses).exists():
                raise PostingRefused(_("该凭证已冲正，不能重复冲正。")) from None
            raise
        Entry.objects.bulk_create(Entry(posting=posting, account_id=x.account_id, debit=x.debit, credit=x.credit)
                                  for x in lines)
        for pk, balance in after.items():
            Account.objects.filter(pk=pk).update(balance=balance)
        total = sum(x.debit for x in lines)
        audit_record(action="fund_post", user=by, obj=posting, organization=fund.organization,
                     changes={"kind": [None, kind], "amount_fen": [None, total]})
    return posting


def _same_or_refuse(existing: Posting, *, fund: Fund, kind: str, lines: Sequence[Line],
                    reverses: Posting | None) -> Posting:
    mine = sorted((x.account_id, x.debit, x.credit) for x in lines)
    theirs = sorted(existing.entries.values_list("account_id", "debit", "credit"))
    # a reversal's key names what it reverses too: two postings with the same lines are two
    if existing.reverses_id != (reverses.pk if reverses is not None else None):
        raise DuplicateKey(_("该幂等键已用于另一笔不同的记账。"))
    if existing.fund_id != fund.pk or existing.kind != kind or mine != theirs:
        raise DuplicateKey(_("该幂等键已用于另一笔不同的记账。"))
    return existing


def donate(*, fund: Fund, key: str, amount: int, donor: str, booked_on: dt.date, by: ActingUser,
           memo: str = "") -> Posting:
    """捐赠收入: debit the bank, credit donations."""
    bank, income = account(fund, BANK), account(fund, DONATIONS)
    return post(fund=fund, key=key, kind="donation", booked_on=booked_on, by=by,
                counterparty=donor, memo=memo or f"收到{donor}捐赠",
                lines=[Line(bank.pk, debit=amount), Line(income.pk, credit=amount)])


def disburse(*, fund: Fund, key: str, amount: int, purpose: str, payee: str, booked_on: dt.date,
             by: ActingUser, memo: str = "") -> Posting:
    """帮扶支出: debit the purpose's expense, credit the bank (refused when the bank cannot pay)."""
    if purpose not in PURPOSE_ACCOUNT:
        raise PostingRefused(_("请选择支出用途。"))
    expense, bank = account(fund, PURPOSE_ACCOUNT[purpose]), account(fund, BANK)
    return post(fund=fund, key=key, kind="disbursement", booked_on=booked_on, by=by,
                counterparty=payee, memo=memo or f"向{payee}发放帮扶金",
                lines=[Line(expense.pk, debit=amount), Line(bank.pk, credit=amount)])


def reverse(*, posting: Posting, key: str, reason: str, booked_on: dt.date, by: ActingUser) -> Posting:
    """冲正: a new posting with the entries swapped; a posting is reversed at most once and a
    reversal is not itself reversed (post the original again instead)."""
    reason = (reason or "").strip()
    if not reason:
        raise PostingRefused(_("冲正必须填写原因。"))
    if posting.kind == "reversal":
        raise PostingRefused(_("冲正凭证不能再次冲正。"))
    done: Posting | None = Posting.objects.filter(reverses=posting).first()
    if done is not None:
        if done.idempotency_key == key:
            return done
        raise PostingRefused(_("该凭证已冲正，不能重复冲正。"))
    original = [Line(account_id=a, debit=d, credit=c)
                for a, d, c in posting.entries.values_list("account_id", "debit", "credit")]
    return post(fund=posting.fund, key=key, kind="reversal", booked_on=booked_on, by=by,
                counterparty=posting.counterparty, memo=f"冲正第{posting.pk}号凭证：{reason}"[:200],
                lines=rules.reversal_of(original), reverses=posting)
