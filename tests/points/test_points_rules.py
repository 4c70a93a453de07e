"""The item table as data and the statements as pure aggregation (no database)."""

from __future__ import annotations

import pytest

from pingxing.points.rules import (
    EntryFact,
    ItemTableError,
    cap_room,
    distribution,
    load_table,
    member_statements,
    org_statements,
    parse_table,
    quarter_of,
)


def test_the_shipped_table_loads_with_bonus_and_deduction_items():
    table = load_table()
    assert table.id == "keqiao-2010" and table.version >= 1 and table.base_points == 100
    kinds = {i.kind for i in table.items}
    assert kinds == {"bonus", "deduction"}
    assert all((i.points > 0) == (i.kind == "bonus") for i in table.items)
    assert table.item("B01").evidence_required is True
    assert table.item("NOPE") is None


@pytest.mark.parametrize(("item", "message"), [
    ({"kind": "bonus", "points": 2, "cap_per_year": 10}, "缺少编号"),
    ({"code": "X", "kind": "gift", "points": 2, "cap_per_year": 10}, "类别"),
    ({"code": "X", "kind": "bonus", "points": -2, "cap_per_year": 10}, "加分项分值应为正数"),
    ({"code": "X", "kind": "deduction", "points": 2, "cap_per_year": 10}, "扣分项分值应为负数"),
    ({"code": "X", "kind": "bonus", "points": 5, "cap_per_year": 3}, "年度上限"),
    ({"code": "X", "kind": "bonus", "points": 0, "cap_per_year": 3}, "非零整数"),
])
def test_a_malformed_item_is_refused_naming_the_item_and_the_field(item, message):
    with pytest.raises(ItemTableError, match=message) as err:
        parse_table({"id": "t", "items": [item]})
    assert "第1项" in str(err.value)


def test_a_duplicate_code_is_refused():
    item = {"code": "A", "kind": "bonus", "points": 1, "cap_per_year": 5}
    with pytest.raises(ItemTableError, match="编号重复"):
        parse_table({"items": [item, item]})


def test_cap_room_counts_what_is_already_recorded():
    table = load_table()
    d01 = table.item("D01")  # -5 a time, 30 a year
    assert cap_room(d01, 0) == 30
    assert cap_room(d01, -25) == 5
    assert cap_room(d01, -30) == 0
    assert cap_room(d01, -40) == 0


def test_quarters():
    assert [quarter_of(m) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]


# Hand-computed: member 1 (org 10): Q1 +2 +3, Q2 -5, Q4 +10 → bonus 15, deduction -5, balance 110.
# Member 2 (org 10): Q2 -10, Q2 +10 (a reversal) → bonus 10, deduction -10, balance 100.
# Member 3 (org 20): Q3 +1; an entry of the year before must not count.
FACTS = [
    EntryFact(1, 10, 2026, 1, 2), EntryFact(1, 10, 2026, 1, 3), EntryFact(1, 10, 2026, 2, -5),
    EntryFact(1, 10, 2026, 4, 10), EntryFact(2, 10, 2026, 2, -10), EntryFact(2, 10, 2026, 2, 10),
    EntryFact(3, 20, 2026, 3, 1), EntryFact(3, 20, 2025, 3, 50),
]


def test_yearly_member_statements_match_the_hand_computed_fixture():
    s = member_statements(FACTS, year=2026, base=100, member_ids=[1, 2, 3, 4])
    assert (s[1].bonus, s[1].deduction, s[1].balance, s[1].entries) == (15, -5, 110, 4)
    assert (s[2].bonus, s[2].deduction, s[2].balance) == (10, -10, 100)
    assert (s[3].balance, s[3].entries) == (101, 1)
    assert (s[4].balance, s[4].entries) == (100, 0)  # no entries: the base alone


def test_quarterly_member_statements_match_the_hand_computed_fixture():
    q1 = member_statements(FACTS, year=2026, base=100, quarter=1)
    q2 = member_statements(FACTS, year=2026, base=100, quarter=2)
    assert q1[1].balance == 105 and 2 not in q1
    assert q2[1].balance == 95 and q2[2].balance == 100


def test_organization_statements_sum_their_members():
    s = org_statements(FACTS, year=2026)
    assert (s[10].bonus, s[10].deduction, s[10].entries) == (25, -15, 6)
    assert (s[20].bonus, s[20].entries) == (1, 1)
    assert org_statements(FACTS, year=2026, quarter=4)[10].bonus == 10


def test_distribution_buckets_balances_at_the_edges():
    assert distribution([80, 90, 99, 100, 110, 119, 120, 200]) == [1, 2, 1, 2, 2]
