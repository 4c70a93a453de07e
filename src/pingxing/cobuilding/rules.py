"""结对共建: fulfilment of a contract from its reviews and deliveries (pure, no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

KEPT, PARTLY, NOT_KEPT = "kept", "partly", "not_kept"
PENDING, UNREVIEWED = "pending", "unreviewed"
VERDICTS = (KEPT, PARTLY, NOT_KEPT)  # best first
_RANK = {KEPT: 2, PARTLY: 1, NOT_KEPT: 0}

DELIVERED, OVERDUE, OPEN = "delivered", "overdue", "open"


def contract_status(sides: Iterable[str], verdicts: Mapping[str, str]) -> str:
    """Every side reviewed → their verdict (the lower one when they disagree); some → pending;
    none → unreviewed. `verdicts` maps a side to its verdict; other sides' keys are ignored."""
    wanted = list(dict.fromkeys(sides))
    given = [verdicts[s] for s in wanted if verdicts.get(s) in _RANK]
    if not wanted or not given:
        return UNREVIEWED
    if len(given) < len(wanted):
        return PENDING
    return min(given, key=_RANK.__getitem__)


def item_status(*, due_on: dt.date | None, delivered: bool, today: dt.date) -> str:
    if delivered:
        return DELIVERED
    if due_on is not None and due_on < today:
        return OVERDUE
    return OPEN


def fulfilment_rate(statuses: Iterable[str]) -> float | None:
    """Kept / contracts with a complete review; None when none is complete."""
    done = [s for s in statuses if s in _RANK]
    if not done:
        return None
    return sum(1 for s in done if s == KEPT) / len(done)
