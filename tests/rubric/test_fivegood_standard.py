"""The 五好 example standard: a second standard on its own facts contract, no code change."""

from __future__ import annotations

from typing import Any

import pytest

from pingxing import rubric
from pingxing.rubric.explain import rating_text

FIVEGOOD = "shaoxing-county-2010-fivegood"


def good_record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "org_code": "E-01",
        "year": 2025,
        "org_kind": "enterprise",
        "team_fully_staffed": True,
        "election_on_schedule": True,
        "secretary_reported_on_party_building": True,
        "members_total": 40,
        "members_dues_paid": 40,
        "members_attending_org_life": 38,
        "members_disciplined": 0,
        "three_meetings_one_lesson": True,
        "party_affairs_disclosed": True,
        "democratic_centralism_upheld": True,
        "annual_goals_met": True,
        "excellence_campaign_held": True,
        "survey_respondents": 50,
        "survey_satisfied": 46,
        "mass_petitions": 0,
    }
    record.update(changes)
    return record


def rate(record: dict[str, Any]) -> rubric.Rating:
    std = rubric.load_standard(FIVEGOOD)
    facts, errors = rubric.validate_facts(record, contract=std.contract)
    assert facts is not None, errors
    return rubric.evaluate(std, facts)


def test_the_fivegood_standard_loads_as_one_level_with_its_own_titles() -> None:
    std = rubric.load_standard(FIVEGOOD)
    assert std.max_star == 1
    assert std.contract == "org-facts/v1.0"
    assert std.star_title(1) == "五好党组织"
    assert std.star_title(0) == "未达到五好"
    assert [c.title_zh for c in std.clauses] == [
        "领导班子好", "党员队伍好", "工作机制好", "工作业绩好", "群众反映好",
    ]
    assert any("示例" in n and "替换" in n for n in std.notes)


def test_the_targets_by_kind_are_data_in_the_standard() -> None:
    std = rubric.load_standard(FIVEGOOD)
    assert {t.kind: int(t.percent) for t in std.kind_targets} == {
        "community": 60, "enterprise": 60, "institution": 70,
    }
    assert std.kind_target("social_org") is None


def test_the_star_standards_are_still_the_only_ones_listed_by_default() -> None:
    assert [i.id for i in rubric.list_standards()] == ["shaoxing-county-2010-community"]
    every = [i.id for i in rubric.list_standards(contract=None)]
    assert FIVEGOOD in every


def test_an_enterprise_meeting_every_criterion_reaches_fivegood() -> None:
    rating = rate(good_record())
    assert rating.star == 1
    assert rating_text(rating).startswith("评定结果：五好党组织")


def test_an_institution_with_low_satisfaction_fails_naming_the_criterion() -> None:
    rating = rate(good_record(org_code="I-01", org_kind="institution", survey_satisfied=40))
    assert rating.star == 0
    text = rating_text(rating)
    assert text.startswith("评定结果：未达到五好")
    assert "第5条“满意率达到85%”未达到" in text
    assert "群众满意率 80%（40/50）" in text
    failed = [c.condition.id for c in rating.levels[0].failed]
    assert failed == ["FG.5.satisfaction"]


def test_a_disciplined_member_fails_the_membership_criterion() -> None:
    rating = rate(good_record(members_disciplined=1))
    assert [c.condition.clause for c in rating.levels[0].failed] == [2]
    assert "违纪党员 1 名" in rating_text(rating)


def test_the_org_contract_bounds_are_checked() -> None:
    facts, errors = rubric.validate_facts(
        good_record(members_dues_paid=41), contract="org-facts/v1.0"
    )
    assert facts is None
    assert [e.message_zh for e in errors] == ["按时交纳党费的党员数不能大于党员总数（41 > 40）"]


def test_the_contract_registry_picks_the_schema_of_each_contract() -> None:
    registry = rubric.contract_registry()
    assert registry["community-facts"] == "community-facts.schema.json"
    assert registry["org-facts"] == "org-facts.schema.json"
    assert rubric.contract_name("org-facts/v1.0") == "org-facts"
    assert rubric.contract_name(None) == "community-facts"
    names = {f.name for f in rubric.contract_fields("org-facts/v1.0")}
    assert {"org_kind", "members_total", "mass_petitions"} <= names
    assert "homicide_cases" not in names
    # the default contract is unchanged
    assert "homicide_cases" in {f.name for f in rubric.contract_fields()}
    # a community record is not an org record
    facts, errors = rubric.validate_facts({"org_code": "X", "year": 2025, "homicide_cases": 0},
                                          contract="org-facts")
    assert facts is None and errors[0].field == "homicide_cases"


def test_a_bad_contract_name_gives_a_clear_error() -> None:
    with pytest.raises(rubric.UnknownContractError, match=r"unknown facts contract `shop-facts/v1`"):
        rubric.contract_fields("shop-facts/v1")
    with pytest.raises(rubric.StandardError) as info:
        rubric.parse_standard(
            {
                "id": "x", "version": "1", "title": "x", "contract": "shop-facts/v1",
                "star_rule": {"kind": "consecutive"},
                "clauses": [{"number": 1, "title_zh": "一"}],
                "levels": [{"star": 1, "conditions": [
                    {"id": "a", "clause": 1, "text": "t", "check": "true", "fact": "team_fully_staffed"}
                ]}],
            }
        )
    assert "contract `shop-facts/v1` is not an installed contract" in str(info.value)
    assert "org-facts/vN[.N]" in str(info.value)


def test_a_standard_newer_than_the_installed_contract_is_refused() -> None:
    with pytest.raises(rubric.StandardError, match="newer than the installed 1.0"):
        rubric.parse_standard(
            {
                "id": "x", "version": "1", "title": "x", "contract": "org-facts/v1.3",
                "star_rule": {"kind": "consecutive"},
                "clauses": [{"number": 1, "title_zh": "一"}],
                "levels": [{"star": 1, "conditions": [
                    {"id": "a", "clause": 1, "text": "t", "check": "true", "fact": "team_fully_staffed"}
                ]}],
            }
        )
