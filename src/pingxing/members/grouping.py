"""Proposals of Party groups (党小组设置建议, seed 四.2): 根据每个党员的年龄、文化程度、特长和
行业特点等，分类设置党小组. Pure: plain values in, plain values out, no database."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

BASES = ("age", "education", "specialty", "industry")
MIXED = "综合"


@dataclass(frozen=True)
class GroupingMember:
    id: int
    name: str
    birth_date: dt.date
    education: str = ""
    specialty: str = ""
    occupation: str = ""


@dataclass(frozen=True)
class ProposedGroup:
    name: str
    members: tuple[GroupingMember, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def member_ids(self) -> list[int]:
        return [m.id for m in self.members]


def age_on(birth_date: dt.date, today: dt.date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def _age_label(member: GroupingMember, today: dt.date) -> str:
    age = age_on(member.birth_date, today)
    if age <= 35:
        return _("青年")
    if age <= 50:
        return _("中年")
    if age <= 65:
        return _("中老年")
    return _("老年")


_EDUCATION_BANDS = {
    "postgraduate": "本科及以上", "bachelor": "本科及以上",
    "college": "大专和高中", "senior": "大专和高中",
    "junior": "初中及以下", "primary": "初中及以下",
}


def label_of(member: GroupingMember, basis: str, today: dt.date) -> str:
    """The category a member falls into under `basis`; "" when unknown."""
    if basis == "age":
        return _age_label(member, today)
    if basis == "education":
        return _EDUCATION_BANDS.get(member.education, "")
    if basis == "specialty":
        return member.specialty.strip()
    if basis == "industry":
        return member.occupation.strip()
    raise ValueError(f"unknown basis {basis!r}")


_NUMERALS = "一二三四五六七八九十"


def _numbered(label: str, index: int) -> str:
    numeral = _NUMERALS[index] if index < len(_NUMERALS) else str(index + 1)
    return f"{label}党小组（{numeral}）"


def _split(label: str, members: Sequence[GroupingMember], max_size: int) -> list[ProposedGroup]:
    """Split a category into the fewest groups of at most max_size, sizes differing by at most one."""
    count = max(1, math.ceil(len(members) / max_size))
    if count == 1:
        return [ProposedGroup(f"{label}党小组", tuple(members))]
    base, extra = divmod(len(members), count)
    groups, start = [], 0
    for i in range(count):
        size = base + (1 if i < extra else 0)
        groups.append(ProposedGroup(_numbered(label, i), tuple(members[start:start + size])))
        start += size
    return groups


def propose_groups(
    members: Iterable[GroupingMember],
    basis: str,
    *,
    today: dt.date,
    max_size: int = 15,
    min_size: int = 3,
) -> list[ProposedGroup]:
    """Party groups for `members` by `basis` (age, education, specialty or industry).

    Members of a category smaller than `min_size` (or without a value) go to a mixed
    group (综合党小组); categories larger than `max_size` are split evenly. Every member
    is in exactly one proposed group; groups are ordered by size, largest first.
    """
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    if min_size < 1 or max_size < min_size:
        raise ValueError("need 1 <= min_size <= max_size")
    buckets: dict[str, list[GroupingMember]] = {}
    for member in sorted(members, key=lambda m: (m.birth_date, m.id)):
        buckets.setdefault(label_of(member, basis, today) or MIXED, []).append(member)
    mixed = buckets.pop(MIXED, [])
    for label in [k for k, v in buckets.items() if len(v) < min_size]:
        mixed.extend(buckets.pop(label))
    groups: list[ProposedGroup] = []
    for label, bucket in buckets.items():
        groups.extend(_split(label, bucket, max_size))
    if mixed:
        groups.extend(_split(MIXED, sorted(mixed, key=lambda m: (m.birth_date, m.id)), max_size))
    return sorted(groups, key=lambda g: (-g.size, g.name))
