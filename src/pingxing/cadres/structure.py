"""The structure of a leadership (两委班子) over plain values: head count, age bands, average
age, education, women and cross-held posts (交叉任职). Pure: no Django, tested without a database.

One person may hold several posts (书记 and 主任 in one hand, 一肩挑): they are counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# (key, lowest age, highest age) of each band; None = no bound.
AGE_BANDS: tuple[tuple[str, int | None, int | None], ...] = (
    ("upto35", None, 35), ("36to45", 36, 45), ("46to55", 46, 55), ("over55", 56, None),
)
# Education values (= members.models.Education, checked in tests) from 大专 upward.
EDUCATION_ORDER = ("primary", "junior", "senior", "college", "bachelor", "postgraduate")
COLLEGE_AND_ABOVE = frozenset({"college", "bachelor", "postgraduate"})
FEMALE = "F"


@dataclass(frozen=True)
class PostFacts:
    person_key: str  # "m<member id>" or "n<name>|<birth date>": who holds the post
    name: str
    body: str
    position: str
    birth_date: dt.date | None
    gender: str
    education: str


@dataclass(frozen=True)
class Structure:
    head_count: int
    post_count: int
    age_bands: tuple[tuple[str, int], ...]
    average_age: Decimal | None
    education: tuple[tuple[str, int], ...]
    college_and_above: int
    college_share: Decimal | None  # percent, one decimal
    women: int
    cross_held: tuple[str, ...]  # names of the people on more than one committee

    @property
    def bands(self) -> dict[str, int]:
        return dict(self.age_bands)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def band_of(age: int) -> str:
    for key, low, high in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return key
    raise ValueError(age)  # unreachable: the bands cover every age


def _percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def structure_of(posts: Iterable[PostFacts], *, on: dt.date) -> Structure:
    """The structure of the posts held on `on` (the caller passes the current posts only)."""
    posts = list(posts)
    people: dict[str, PostFacts] = {}
    bodies: dict[str, set[str]] = {}
    for post in posts:
        people.setdefault(post.person_key, post)
        bodies.setdefault(post.person_key, set()).add(post.body)
    bands = dict.fromkeys((key for key, _low, _high in AGE_BANDS), 0)
    ages = []
    for person in people.values():
        if person.birth_date is not None:
            age = age_on(person.birth_date, on)
            ages.append(age)
            bands[band_of(age)] += 1
    education = dict.fromkeys(EDUCATION_ORDER, 0)
    for person in people.values():
        if person.education in education:
            education[person.education] += 1
    college = sum(n for key, n in education.items() if key in COLLEGE_AND_ABOVE)
    average = (Decimal(sum(ages)) / len(ages)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if ages else None
    cross = tuple(sorted(people[key].name for key, held in bodies.items() if len(held) > 1))
    return Structure(
        head_count=len(people), post_count=len(posts), age_bands=tuple(bands.items()), average_age=average,
        education=tuple(education.items()), college_and_above=college,
        college_share=_percent(college, len(people)),
        women=sum(1 for p in people.values() if p.gender == FEMALE), cross_held=cross,
    )
