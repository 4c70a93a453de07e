"""Party group proposals (党小组设置建议) — pure, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from pingxing.members.grouping import GroupingMember, propose_groups

TODAY = dt.date(2025, 6, 30)


def people(ages, **kw):
    return [GroupingMember(id=i, name=f"p{i}", birth_date=dt.date(2025 - age, 1, 1), **kw)
            for i, age in enumerate(ages, start=1)]


def test_every_member_lands_in_exactly_one_group():
    members = people([25, 30, 33, 45, 48, 50, 70, 72, 75, 80, 62])
    groups = propose_groups(members, "age", today=TODAY)
    ids = [i for g in groups for i in g.member_ids]
    assert sorted(ids) == [m.id for m in members]


def test_age_groups_follow_the_bands():
    groups = {g.name: g.size for g in propose_groups(people([25, 30, 33, 45, 48, 50, 70, 72, 75]), "age", today=TODAY)}
    assert groups == {"青年党小组": 3, "中年党小组": 3, "老年党小组": 3}


def test_small_categories_are_merged_into_a_mixed_group():
    members = [GroupingMember(i, f"p{i}", dt.date(1970, 1, 1), specialty=s)
               for i, s in enumerate(["文艺"] * 4 + ["书法", "法律咨询", ""], start=1)]
    groups = {g.name: g.size for g in propose_groups(members, "specialty", today=TODAY, min_size=3)}
    assert groups == {"文艺党小组": 4, "综合党小组": 3}


def test_large_categories_are_split_evenly_under_the_maximum():
    members = [GroupingMember(i, f"p{i}", dt.date(1970, 1, 1), occupation="纺织") for i in range(1, 33)]
    groups = propose_groups(members, "industry", today=TODAY, max_size=15)
    assert sorted(g.size for g in groups) == [10, 11, 11]
    assert {g.name for g in groups} == {"纺织党小组（一）", "纺织党小组（二）", "纺织党小组（三）"}


def test_education_groups_use_bands():
    members = [GroupingMember(i, f"p{i}", dt.date(1970, 1, 1), education=e)
               for i, e in enumerate(["bachelor", "postgraduate", "bachelor", "junior", "primary", "junior"], start=1)]
    groups = {g.name: g.size for g in propose_groups(members, "education", today=TODAY)}
    assert groups == {"本科及以上党小组": 3, "初中及以下党小组": 3}


def test_an_unknown_basis_is_refused():
    with pytest.raises(ValueError):
        propose_groups([], "zodiac", today=TODAY)
