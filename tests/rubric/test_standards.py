"""Loading standards: the installed one, a second made-up one, and broken ones."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pingxing.rubric import (
    StandardError,
    list_standards,
    load_standard,
    load_standard_file,
    parse_standard,
    rate_batch,
)

from .support import five_star_record, rate

# A different county's (made-up) two-level standard with its own wording and numbers.
TEST_STANDARD = """
id = "test-county-2030-community"
version = "2030.1"
title = "测试县社区党组织星级标准（虚构）"
contract = "community-facts/v1"

[star_rule]
kind = "consecutive"

[[clauses]]
number = 1
title_zh = "组织"

[[clauses]]
number = 2
title_zh = "平安"

[scales.level]
order = ["none", "county", "city", "province", "national"]

[[levels]]
star = 1
conditions = [
  { id = "A.1", clause = 1, text = "班子健全", check = "true", fact = "leadership_complete" },
  { id = "A.2", clause = 2, text = "调处成功率达到 80%", check = "ratio_at_least", numerator = "disputes_resolved", denominator = "disputes_mediated", percent = "80" },
]

[[levels]]
star = 2
conditions = [
  { id = "B.1", clause = 1, text = "市级以上文明社区", check = "at_least", fact = "civilized_community_level", scale = "level", value = "city" },
  { id = "B.2", clause = 2, text = "无命案、无重大案件", check = "sum_zero", facts = ["homicide_cases", "major_criminal_cases"] },
  { id = "B.3", clause = 2, text = "未受处分", check = "false", fact = "superior_criticism_or_sanction" },
]

[[vetoes]]
id = "X.1"
text = "违反计划生育有关规定"
check = "true"
fact = "family_planning_violation"
bars = [2]
"""


@pytest.fixture
def test_standard_path(tmp_path: Path) -> Path:
    path = tmp_path / "test-county-2030-community.toml"
    path.write_text(TEST_STANDARD, encoding="utf-8")
    return path


def test_the_default_standard_is_installed_and_listed() -> None:
    std = load_standard()
    assert std.id == "shaoxing-county-2010-community"
    assert std.version == "2010.2"
    assert std is load_standard("shaoxing-county-2010-community")
    infos = list_standards()
    assert [i.id for i in infos] == ["shaoxing-county-2010-community"]
    assert infos[0].levels == 5 and infos[0].conditions == len(std.conditions())


def test_a_second_standard_rates_without_code_change(test_standard_path: Path) -> None:
    std = load_standard_file(test_standard_path)
    assert (std.id, std.max_star) == ("test-county-2030-community", 2)
    # 9 of 11 resolved is 81.8% >= 80%: enough here, not in Shaoxing
    record = five_star_record(disputes_total=11, disputes_mediated=11, disputes_resolved=9)
    assert rate(std, record).star == 2
    assert rate(load_standard(), record).star == 0
    assert rate(std, five_star_record(civilized_community_level="county")).star == 1
    assert rate(std, five_star_record(superior_criticism_or_sanction=True)).star == 1
    assert rate(std, five_star_record(family_planning_violation=True)).star == 1
    assert rate(std, five_star_record(leadership_complete=False)).star == 0
    frame = pl.DataFrame(
        [five_star_record(), five_star_record(homicide_cases=1, major_criminal_cases=1)]
    )
    assert rate_batch(std, frame)["star"].to_list() == [2, 1]


def test_load_standard_accepts_a_path(test_standard_path: Path) -> None:
    assert load_standard(str(test_standard_path)).id == "test-county-2030-community"


def _broken(**changes: Any) -> dict[str, Any]:
    data = tomllib.loads(TEST_STANDARD)
    cond = data["levels"][0]["conditions"][0]
    cond.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"fact": "leadership_good"}, "`leadership_good` is not a fact of the contract"),
        ({"fact": "homicide_cases"}, "check `true` needs boolean"),
        ({"check": "at_most"}, "check must be one of"),
        ({"clause": 7}, "clause must be one of"),
        ({"text": ""}, "`text` must be a non-empty string"),
        (
            {"check": "at_least", "fact": "civilized_community_level", "value": "city"},
            "give a `scale`",
        ),
        (
            {
                "check": "at_least",
                "fact": "civilized_community_level",
                "scale": "level",
                "value": "town",
            },
            "not on scale",
        ),
        (
            {"check": "at_least", "fact": "integrity_culture_level", "scale": "nope", "value": 1},
            "unknown scale",
        ),
        ({"id": "B.1"}, "duplicate id `B.1`"),
    ],
)
def test_a_broken_standard_is_refused_with_a_clear_reason(
    changes: dict[str, Any], problem: str
) -> None:
    with pytest.raises(StandardError) as err:
        parse_standard(_broken(**changes), source="broken.toml")
    assert any(problem in p for p in err.value.problems), err.value.problems
    assert "broken.toml" in str(err.value)


def test_a_bad_percent_and_bad_levels_are_refused() -> None:
    data = tomllib.loads(TEST_STANDARD)
    data["levels"][0]["conditions"][1]["percent"] = "120"
    data["levels"][1]["star"] = 3
    data["vetoes"][0]["bars"] = [9]
    with pytest.raises(StandardError) as err:
        parse_standard(data)
    text = " | ".join(err.value.problems)
    assert "between 0 and 100" in text and "star must be 2" in text and "`bars`" in text


def test_an_unknown_standard_id_is_an_error() -> None:
    with pytest.raises(StandardError, match="no such standard"):
        load_standard("atlantis-1999")


def test_fact_usage_tells_a_form_the_clause_and_wording_of_each_fact() -> None:
    std = load_standard()
    uses = std.fact_usage()["supervision_committee_level"]
    assert {u.clause for u in uses} == {2}
    assert [u.level for u in uses] == [1, 2, 3, 4, 5]
    assert uses[0].text == "建立居务监督委员会"
    by_clause = std.facts_by_clause()
    assert "leadership_complete" in by_clause[1]
    assert "cultural_community_grade" in by_clause[3]
    assert "disputes_resolved" in by_clause[4]
    assert std.veto_facts() == (
        "family_planning_violation",
        "superior_criticism_or_sanction",
        "other_disqualification",
    )
