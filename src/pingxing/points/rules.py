"""The points item table (亮分制积分项目表) as data, and the pure rules over it.

No Django import: the table is a TOML file per county in `points/items/`, loaded into
frozen dataclasses; the cap arithmetic and the statements are plain functions over plain
values, so they are tested without a database.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

DEFAULT_TABLE = "keqiao-2010"
KINDS = ("bonus", "deduction")


class ItemTableError(ValueError):
    """The item table file is malformed (names the item and the field)."""


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    kind: str  # "bonus" or "deduction"
    name: str
    points: int  # signed: positive for a bonus, negative for a deduction
    cap_per_year: int  # the most (in absolute points) one member may get from this item in a year
    evidence_required: bool

    @property
    def is_deduction(self) -> bool:
        return self.kind == "deduction"

    @property
    def magnitude(self) -> int:
        return abs(self.points)


@dataclass(frozen=True, slots=True)
class ItemTable:
    id: str
    version: int
    title: str
    base_points: int
    exempt_age: int
    items: tuple[Item, ...]

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.items)


def parse_table(data: dict[str, Any]) -> ItemTable:
    """An item table from parsed TOML; ItemTableError naming the item and field otherwise."""
    items: list[Item] = []
    seen: set[str] = set()
    for n, raw in enumerate(data.get("items", []), start=1):
        code = str(raw.get("code", "")).strip()
        where = f"第{n}项（{code or '无编号'}）"
        if not code:
            raise ItemTableError(f"{where}：缺少编号 code")
        if code in seen:
            raise ItemTableError(f"{where}：编号重复")
        seen.add(code)
        kind = raw.get("kind")
        if kind not in KINDS:
            raise ItemTableError(f"{where}：类别 kind 应为 bonus 或 deduction")
        points = raw.get("points")
        if not isinstance(points, int) or points == 0:
            raise ItemTableError(f"{where}：分值 points 应为非零整数")
        if (kind == "bonus") != (points > 0):
            raise ItemTableError(f"{where}：加分项分值应为正数，扣分项分值应为负数")
        cap = raw.get("cap_per_year")
        if not isinstance(cap, int) or cap < abs(points):
            raise ItemTableError(f"{where}：年度上限 cap_per_year 应为不小于单次分值的整数")
        items.append(Item(code=code, kind=kind, name=str(raw.get("name", code)), points=points,
                          cap_per_year=cap, evidence_required=bool(raw.get("evidence_required", False))))
    if not items:
        raise ItemTableError("积分项目表没有任何项目")
    return ItemTable(id=str(data.get("id", "")), version=int(data.get("version", 1)),
                     title=str(data.get("title", "")), base_points=int(data.get("base_points", 0)),
                     exempt_age=int(data.get("exempt_age", 0)), items=tuple(items))


def load_table(table_id: str = DEFAULT_TABLE) -> ItemTable:
    """The item table shipped in the package (`points/items/<id>.toml`)."""
    text = resources.files("pingxing.points").joinpath("items", f"{table_id}.toml").read_text("utf-8")
    return parse_table(tomllib.loads(text))


def cap_room(item: Item, already: int) -> int:
    """How many points (absolute) the item may still give or take this year."""
    return max(0, item.cap_per_year - abs(already))


# --- statements (pure aggregation) ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryFact:
    member_id: int
    org_id: int
    year: int
    quarter: int  # 1–4
    points: int


@dataclass(frozen=True, slots=True)
class Statement:
    """One member's (or organization's) points for a period: base + bonus + deduction = balance."""

    key: int
    base: int
    bonus: int
    deduction: int
    entries: int

    @property
    def balance(self) -> int:
        return self.base + self.bonus + self.deduction


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def member_statements(facts: Iterable[EntryFact], *, year: int, base: int, member_ids: Iterable[int] = (),
                      quarter: int | None = None) -> dict[int, Statement]:
    """Per member: the year's (or one quarter's) statement. Members listed in `member_ids`
    without entries get the base alone."""
    return _statements(facts, year=year, base=base, keys=member_ids, quarter=quarter, key="member_id")


def org_statements(facts: Iterable[EntryFact], *, year: int, quarter: int | None = None) -> dict[int, Statement]:
    """Per organization: the sum of its members' entries (no base: that is per member)."""
    return _statements(facts, year=year, base=0, keys=(), quarter=quarter, key="org_id")


def _statements(facts: Iterable[EntryFact], *, year: int, base: int, keys: Iterable[int],
                quarter: int | None, key: str) -> dict[int, Statement]:
    sums: dict[int, list[int]] = {k: [0, 0, 0] for k in keys}
    for f in facts:
        if f.year != year or (quarter is not None and f.quarter != quarter):
            continue
        row = sums.setdefault(getattr(f, key), [0, 0, 0])
        if f.points >= 0:
            row[0] += f.points
        else:
            row[1] += f.points
        row[2] += 1
    return {k: Statement(key=k, base=base, bonus=b, deduction=d, entries=n) for k, (b, d, n) in sums.items()}


def distribution(balances: Iterable[int], *, edges: tuple[int, ...] = (90, 100, 110, 120)) -> list[int]:
    """How many balances fall below edges[0], in [edges[i], edges[i+1]), and at or above the last."""
    counts = [0] * (len(edges) + 1)
    for b in balances:
        i = sum(1 for e in edges if b >= e)
        counts[i] += 1
    return counts
