"""党内关爱基金 (carefund): the reads."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_noop

from pingxing.carefund.models import Account, Application, Fund, HardshipRecord, Posting
from pingxing.carefund.rules import yuan


def hardship_register(records: QuerySet[HardshipRecord], *, open_only: bool = False) -> QuerySet[HardshipRecord]:
    """The register: 党员, 困难类型, 困难情况, 已获帮扶, newest first per organization."""
    if open_only:
        records = records.filter(closed_on=None)
    return records.select_related("member", "organization").order_by("organization__path", "-registered_on", "pk")


def application_list(apps: QuerySet[Application], *, state: str = "") -> QuerySet[Application]:
    if state:
        apps = apps.filter(state=state)
    return apps.select_related("member", "member__organization", "fund").order_by("-proposed_at", "-pk")


def fund_page(fund: Fund, *, recent: int = 20) -> dict[str, Any]:
    """Balances per account and the latest postings (with whether each was reversed)."""
    accounts = list(Account.objects.filter(fund=fund).order_by("code"))
    postings = list(Posting.objects.filter(fund=fund).select_related("reverses")
                    .prefetch_related("entries").order_by("-booked_on", "-pk")[:recent])
    reversed_ids = set(Posting.objects.filter(reverses__in=postings).values_list("reverses_id", flat=True))
    rows = [{"posting": p, "amount": yuan(sum(e.debit for e in p.entries.all())), "reversed": p.pk in reversed_ids}
            for p in postings]
    pending = Application.objects.filter(fund=fund).exclude(state__in=("paid", "rejected")).count()
    balances = [{"code": a.code, "name": a.name, "balance": yuan(a.balance)} for a in accounts]
    return {"accounts": balances, "postings": rows, "pending": pending}


def application_history(app: Application) -> list[tuple[str, Any, Any]]:
    """(step label, who, when) of an application's steps so far, for its page."""
    steps: list[tuple[str, Any, Any]] = [(gettext_noop("提出"), app.proposed_by, app.proposed_at)]
    if app.reviewed_by_id:
        steps.append((gettext_noop("初审"), app.reviewed_by, app.reviewed_at))
    if app.approved_by_id:
        steps.append((gettext_noop("审批"), app.approved_by, app.approved_at))
    if app.payout_id:
        steps.append((gettext_noop("发放"), app.payout.created_by if app.payout else None, app.payout.booked_on if app.payout else None))
    return steps
