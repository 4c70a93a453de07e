"""The street's overview of its organizations (党建工作总览): one row per organization, one
group of columns per app.

Core names no app: each app registers an `OverviewGroup` from its `AppConfig.ready`, whose
`cells(org_ids, year)` answers for all the organizations at once (a bounded number of queries
whatever their count). A group is shown only when its `visible(actor)` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pingxing.core.http import actor_of
from pingxing.core.scope import Actor

Cells = Callable[[Sequence[int], int], Mapping[int, Sequence[Any]]]


def _always(actor: Actor) -> bool:
    return True


@dataclass(frozen=True)
class OverviewGroup:
    key: str
    label: Any
    headers: tuple[Any, ...]
    cells: Cells  # (organization ids, year) → organization id → one value per header
    order: int = 100
    visible: Callable[[Actor], bool] = _always


_groups: dict[str, OverviewGroup] = {}


def add_group(group: OverviewGroup) -> None:
    _groups[group.key] = group


def remove(key: str) -> None:
    _groups.pop(key, None)


def groups_for(user: Any) -> list[OverviewGroup]:
    actor = actor_of(user)
    return [g for g in sorted(_groups.values(), key=lambda g: (g.order, g.key)) if g.visible(actor)]


def table(groups: Sequence[OverviewGroup], org_ids: Sequence[int], year: int) -> dict[int, list[Any]]:
    """organization id → the cells of every group in order; an organization a group does not
    know gets empty cells, never a shifted row."""
    rows: dict[int, list[Any]] = {org_id: [] for org_id in org_ids}
    for group in groups:
        found = group.cells(org_ids, year) if org_ids else {}
        blank = [""] * len(group.headers)
        for org_id in org_ids:
            cells = list(found.get(org_id, blank))
            if len(cells) != len(group.headers):
                raise ValueError(f"overview group {group.key}: {len(cells)} cells for {len(group.headers)} headers")
            rows[org_id].extend(cells)
    return rows
