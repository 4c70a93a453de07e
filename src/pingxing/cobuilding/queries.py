"""Reads of cobuilding: a contract's status, its items by area, the street overview."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from pingxing.cobuilding import rules
from pingxing.cobuilding.models import STATUS_LABELS, Area, Contract, ContractItem, Delivery
from pingxing.cobuilding.permissions import ORG_SIDE


def sides_of(contract: Contract) -> list[str]:
    return [ORG_SIDE] + [p.side for p in contract.partners.all()]


def status_of(contract: Contract, year: int) -> str:
    verdicts = {r.side: r.verdict for r in contract.reviews.all() if r.year == year}
    return rules.contract_status(sides_of(contract), verdicts)


def with_details(qs: QuerySet[Contract]) -> QuerySet[Contract]:
    return qs.select_related("organization").prefetch_related(
        "partners__organization", "partners__outside_unit", "reviews",
        Prefetch("items", queryset=ContractItem.objects.select_related("responsible__organization",
                                                                          "responsible__outside_unit")
                 .prefetch_related(Prefetch("deliveries", queryset=Delivery.objects.prefetch_related("evidence")))))


@dataclass
class ItemRow:
    item: ContractItem
    status: str
    label: Any


def items_by_area(contract: Contract, *, today: dt.date) -> list[tuple[Any, list[ItemRow]]]:
    rows: dict[str, list[ItemRow]] = {a: [] for a in Area.values}
    for item in contract.items.all():
        status = rules.item_status(due_on=item.due_on, delivered=bool(item.deliveries.all()), today=today)
        rows[item.area].append(ItemRow(item, status, STATUS_LABELS[status]))
    labels = dict(Area.choices)
    return [(labels[a], rows[a]) for a in Area.values if rows[a]]


@dataclass
class OverviewRow:
    contract: Contract
    status: str
    label: Any


def overview(qs: QuerySet[Contract], *, year: int) -> tuple[list[OverviewRow], Counter[str], float | None]:
    rows = []
    for c in with_details(qs).order_by("organization__path", "pk"):
        s = status_of(c, year)
        rows.append(OverviewRow(c, s, STATUS_LABELS[s]))
    counts = Counter(r.status for r in rows)
    return rows, counts, rules.fulfilment_rate(r.status for r in rows)
