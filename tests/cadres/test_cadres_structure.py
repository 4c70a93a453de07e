"""The structure of a leadership over plain values, on a roster computed by hand (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pingxing.cadres.rules import FORMS_FILE, parse_forms
from pingxing.cadres.structure import PostFacts, band_of, structure_of

ON = dt.date(2010, 7, 1)


def post(key: str, body: str, born: dt.date | None, gender: str = "M", education: str = "senior",
         position: str = "member") -> PostFacts:
    return PostFacts(person_key=key, name=f"人{key}", body=body, position=position, birth_date=born,
                     gender=gender, education=education)


def test_a_hand_computed_roster():
    roster = [
        post("a", "party_committee", dt.date(1975, 7, 1), "F", "bachelor", "secretary"),  # 35 on ON
        post("a", "residents_committee", dt.date(1975, 7, 1), "F", "bachelor", "director"),  # same person
        post("b", "party_committee", dt.date(1964, 7, 2), "M", "college"),  # 45 (birthday tomorrow)
        post("c", "residents_committee", dt.date(1960, 1, 1), "F", "junior"),  # 50
        post("d", "supervisory_committee", dt.date(1950, 1, 1), "M", "senior"),  # 60
    ]
    s = structure_of(roster, on=ON)
    assert s.head_count == 4 and s.post_count == 5
    assert s.bands == {"upto35": 1, "36to45": 1, "46to55": 1, "over55": 1}
    assert s.average_age == Decimal("47.5")  # (35 + 45 + 50 + 60) / 4
    assert dict(s.education)["bachelor"] == 1 and dict(s.education)["junior"] == 1
    assert s.college_and_above == 2 and s.college_share == Decimal("50.0")
    assert s.women == 2
    assert s.cross_held == ("人a",)


def test_an_empty_roster_and_the_band_edges():
    s = structure_of([], on=ON)
    assert s.head_count == 0 and s.average_age is None and s.college_share is None
    assert [band_of(a) for a in (35, 36, 45, 46, 55, 56)] == ["upto35", "36to45", "36to45", "46to55", "46to55",
                                                             "over55"]


def test_the_accountability_forms_are_data_marked_as_an_example():
    forms = parse_forms(FORMS_FILE.read_text(encoding="utf-8"))
    assert forms.example
    assert forms.label_of("reminder_talk") == "提醒谈话"
    assert [f.label for f in forms.forms][:2] == ["提醒谈话", "诫勉谈话"]
