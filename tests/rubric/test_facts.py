from __future__ import annotations

from typing import Any

import pytest

from pingxing.rubric import coerce_cells, contract_fields, validate_facts

from .support import five_star_record


def errors_of(record: dict[str, Any]) -> dict[str, tuple[str, str]]:
    facts, errors = validate_facts(record)
    assert (facts is None) == bool(errors)
    return {e.field: (e.message_zh, e.message_en) for e in errors}


def test_contract_fields_come_in_contract_order_with_titles() -> None:
    fields = contract_fields()
    assert [f.name for f in fields[:3]] == ["org_code", "org_name", "year"]
    assert fields[-1].name == "other_disqualification_reason"
    by_name = {f.name: f for f in fields}
    assert by_name["civilized_community_level"].enum == (
        "none",
        "county",
        "city",
        "province",
        "national",
    )
    assert by_name["supervision_committee_level"].maximum == 5
    assert by_name["homicide_cases"].title == "命案数"
    assert by_name["year"].required and not by_name["homicide_cases"].required


def test_a_valid_record_becomes_facts() -> None:
    facts, errors = validate_facts(five_star_record())
    assert errors == []
    assert facts is not None
    assert (facts.org_code, facts.year) == ("KQ-001", 2024)
    assert facts.get("cultural_community_grade") == 1
    assert facts.get("not_given") is None


@pytest.mark.parametrize(
    ("changes", "field", "en_fragment"),
    [
        ({"leadership_complete": 1}, "leadership_complete", "boolean"),
        ({"homicide_cases": True}, "homicide_cases", "whole number"),
        ({"homicide_cases": "0"}, "homicide_cases", "whole number"),
        ({"homicide_cases": 1.5}, "homicide_cases", "whole number"),
        ({"homicide_cases": -1}, "homicide_cases", "at least 0"),
        ({"supervision_committee_level": 6}, "supervision_committee_level", "at most 5"),
        ({"year": 1999}, "year", "at least 2000"),
        ({"civilized_community_level": "town"}, "civilized_community_level", "one of"),
        ({"org_code": ""}, "org_code", "empty"),
        ({"stars_wanted": 5}, "stars_wanted", "not a field"),
        ({"disputes_mediated": 41}, "disputes_mediated", "exceed disputes_total"),
        ({"disputes_resolved": 41}, "disputes_resolved", "exceed disputes_mediated"),
        ({"serious_safety_accidents": 1}, "serious_safety_accidents", "exceed safety_accidents"),
        (
            {"principal_cadre_violation_cases": 1},
            "principal_cadre_violation_cases",
            "exceed cadre_violation_cases",
        ),
        ({"other_disqualification": True}, "other_disqualification_reason", "reason is required"),
        (
            {"other_disqualification": True, "other_disqualification_reason": "  "},
            "other_disqualification_reason",
            "reason is required",
        ),
    ],
)
def test_a_bad_record_gets_an_error_naming_the_field_in_both_languages(
    changes: dict[str, Any], field: str, en_fragment: str
) -> None:
    errors = errors_of(five_star_record(**changes))
    assert field in errors
    zh, en = errors[field]
    assert en_fragment in en
    assert zh and any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_every_error_is_reported_at_once() -> None:
    errors = errors_of(
        {"org_code": "X", "leadership_complete": "maybe", "vice_incidents": -2, "zzz": 1}
    )
    assert set(errors) == {"year", "leadership_complete", "vice_incidents", "zzz"}


def test_null_is_unknown_and_an_integral_float_is_an_integer() -> None:
    facts, errors = validate_facts({"org_code": "X", "year": 2024.0, "homicide_cases": None})
    assert errors == [] and facts is not None
    assert facts.year == 2024 and facts.get("homicide_cases") is None


def test_cross_field_rules_skip_unknown_sides() -> None:
    assert errors_of({"org_code": "X", "year": 2024, "disputes_mediated": 5}) == {}


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("是", True),
        ("否", False),
        ("1", True),
        ("0", False),
        ("TRUE", True),
        ("false", False),
        (1, True),
        ("", None),
        ("  ", None),
    ],
)
def test_boolean_cells(cell: object, value: object) -> None:
    assert coerce_cells({"leadership_complete": cell})["leadership_complete"] == value


def test_integer_enum_and_string_cells() -> None:
    row = coerce_cells(
        {
            "homicide_cases": "0",
            "year": 2024.0,
            "civilized_community_level": "市级",
            "org_code": 1001,
            "health_community_level": "city",
        }
    )
    assert row == {
        "homicide_cases": 0,
        "year": 2024.0,
        "civilized_community_level": "city",
        "org_code": "1001",
        "health_community_level": "city",
    }
    facts, errors = validate_facts(row)
    assert errors == [] and facts is not None and facts.year == 2024


def test_unconvertible_cells_are_left_for_validation_to_name() -> None:
    row = coerce_cells(
        {"org_code": "X", "year": "2024", "leadership_complete": "也许", "homicide_cases": "一"}
    )
    errors = errors_of(row)
    assert set(errors) == {"leadership_complete", "homicide_cases"}
