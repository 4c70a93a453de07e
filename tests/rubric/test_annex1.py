"""Annex 1, clause by clause: break exactly one sentence of a five-star record and check
the star the standard implies (the highest level whose own text still holds, and all
below it)."""

from __future__ import annotations

from typing import Any

import pytest

from pingxing.rubric import Standard

from .support import five_star_record, rate

# (changes, expected star, why) — derived by hand from the text of annex 1
CASES: list[tuple[dict[str, Any], int, str]] = [
    # ---- clause 1 组织建设
    ({"leadership_complete": False}, 0, "1★ 社区党组织和居委会班子健全"),
    ({"work_systems_in_place": False}, 0, "1★ 各项工作制度健全，工作职责明确，工作制度落实"),
    ({"resident_autonomy_sound": False}, 1, "2★ 居民自治机制健全"),
    ({"major_decisions_democratic": False}, 1, "2★ 重大事务决策民主，程序规范"),
    ({"party_core_role_evident": False}, 2, "3★ 社区党组织核心作用明显"),
    ({"member_activity_facilities_complete": False}, 2, "3★ 党员活动设施齐全"),
    ({"member_education_standardized": False}, 2, "3★ 党员教育管理规范有序"),
    ({"convenience_services_active": False}, 2, "3★ 积极开展各类便民服务"),
    ({"all_organizations_sound": False}, 3, "4★ 社区各类组织健全，各组织协调运转"),
    ({"party_leading_core_prominent": False}, 3, "4★ 社区党组织领导核心地位突出"),
    ({"cadre_team_structure_good": False}, 3, "4★ 社区干部队伍年龄结构合理、文化素质较高"),
    ({"member_contact_service_widespread": False}, 3, "4★ 广泛开展党员联系服务群众工作"),
    ({"excellence_atmosphere_strong": False}, 3, "4★ 党员创先争优氛围浓厚"),
    ({"member_exemplary_role_evident": False}, 4, "5★ 党员先锋模范作用明显"),
    ({"harmonious_community_county": False}, 4, "5★ 达到县级和谐社区创建标准"),
    # ---- clause 2 监督公开与廉政
    ({"supervision_committee_level": 0}, 0, "1★ 建立居务监督委员会"),
    ({"supervision_committee_level": 1}, 1, "2★ 居务监督委员会职责履行到位"),
    ({"supervision_committee_level": 2}, 2, "3★ 组织健全，制度上墙 … 较好地发挥监督作用"),
    ({"supervision_committee_level": 3}, 3, "4★ 积极履行工作职能 … 群众满意"),
    ({"supervision_committee_level": 4}, 4, "5★ 居务监督委员会工作出色"),
    (
        {"principal_cadre_violation_cases": 1, "cadre_violation_cases": 1},
        0,
        "1★ 社区班子主职干部无违法违纪案件",
    ),
    ({"cadre_violation_cases": 1}, 1, "2★ 社区干部无违法违纪案件 (not a principal cadre)"),
    ({"disclosure_system_established": False}, 0, "1★ 建立居务公开制度，公开内容全面真实"),
    ({"disclosure_months_missed": 1}, 0, "1★ 做到每月公开1次"),
    ({"major_matters_disclosed_promptly": False}, 0, "1★ 随时公开、逐项公开"),
    ({"disclosure_standardized": False}, 1, "2★ 公开内容、程序、时间规范，公开栏设施整洁"),
    ({"disclosure_archives_complete": False}, 1, "2★ 居务公开档案齐全 … 装订成册"),
    ({"integrity_code_published": False}, 1, "2★ 廉洁自律行为规范并公示"),
    ({"annual_integrity_review_held": False}, 1, "2★ 廉洁承诺、述职述廉、民主评议"),
    ({"integrity_culture_level": 0}, 2, "3★ 切实抓好廉政文化进社区活动"),
    ({"integrity_culture_level": 1}, 3, "4★ 工作开展有特色"),
    ({"integrity_culture_level": 2}, 4, "5★ 县级廉政文化建设示范点"),
    ({"integrity_ledger_established": False}, 4, "5★ 党风廉政建设工作台帐"),
    # ---- clause 3 创建 (boundaries: county vs city, grade 2 vs 3)
    ({"civilized_community_level": "none"}, 0, "1★ 县级以上文明社区"),
    ({"civilized_community_level": "county"}, 3, "4★ 市级以上文明社区"),
    ({"civilized_community_level": "city"}, 4, "5★ 省级以上文明社区"),
    ({"civilized_community_level": "national"}, 5, "全国 is above 省级"),
    ({"cultural_community_grade": 0}, 0, "1★ 三级以上文化社区"),
    ({"cultural_community_grade": 3}, 1, "2★ 二级以上文化社区: grade 3 is not enough"),
    ({"cultural_community_grade": 2}, 3, "4★ 一级文化社区: grade 2 is enough for 3★"),
    ({"health_community_level": "none"}, 0, "1★ 县级以上卫生社区"),
    ({"health_community_level": "county"}, 2, "3★ 市级以上卫生社区"),
    ({"health_community_level": "city"}, 4, "5★ 省级以上卫生社区"),
    ({"learning_party_org_level": "none"}, 3, "4★ 县级学习型党组织"),
    ({"learning_party_org_level": "city"}, 5, "市级 is above 县级"),
    ({"county_bao_community": False}, 3, "4★ 县报社区"),
    # ---- clause 4 平安稳定
    ({"public_safety_good": False}, 0, "1★ 社会治安、安全生产状况良好"),
    ({"homicide_cases": 1, "major_criminal_cases": 1}, 0, "1★ 不发生命案"),
    ({"homicide_cases": 1}, 0, "命案 fails 1★ even if not counted as a major case"),
    ({"crime_and_accidents_controlled": False}, 1, "2★ 刑事案件与各类事故得到有效控制"),
    ({"major_criminal_cases": 1}, 2, "3★ 不发生重大刑事、治安案件"),
    (
        {"serious_safety_accidents": 1, "safety_accidents": 1},
        2,
        "3★ 不发生死亡1人或重伤2人以上安全生产事故",
    ),
    ({"safety_accidents": 1}, 3, "4★ 不发生安全生产事故 (a minor one)"),
    ({"criminal_case_volume_level": 0}, 3, "4★ 刑事案件总量维持较低水平"),
    ({"criminal_case_volume_level": 1}, 4, "5★ 刑事案件总量维持低水平"),
    ({"security_satisfaction_level": 0}, 3, "4★ 安全感满意率较高"),
    ({"security_satisfaction_level": 1}, 4, "5★ 安全感满意率高"),
    ({"vice_incidents": 1}, 4, "5★ 不发生黄、赌、毒"),
    ({"disputes_total": 100, "disputes_mediated": 99, "disputes_resolved": 99}, 0, "调处率 99%"),
    (
        {"disputes_total": 100, "disputes_mediated": 100, "disputes_resolved": 95},
        3,
        "成功率 exactly 95%",
    ),
    ({"disputes_total": 100, "disputes_mediated": 100, "disputes_resolved": 94}, 0, "成功率 94%"),
    ({"disputes_total": 1000, "disputes_mediated": 1000, "disputes_resolved": 949}, 0, "94.9%"),
    ({"disputes_total": 1000, "disputes_mediated": 1000, "disputes_resolved": 950}, 3, "95.0%"),
    ({"disputes_total": 20, "disputes_mediated": 20, "disputes_resolved": 19}, 3, "19/20 = 95%"),
    ({"disputes_total": 3, "disputes_mediated": 3, "disputes_resolved": 2}, 0, "2/3 < 95%"),
    (
        {"disputes_total": 0, "disputes_mediated": 0, "disputes_resolved": 0},
        5,
        "no disputes = 100%",
    ),
    ({"disputes_total": 5, "disputes_mediated": 5, "disputes_resolved": 5}, 5, "100%"),
    ({"petition_five_ones_implemented": False}, 0, "1★ 五个一工程得到全面落实"),
    ({"collective_petitions_county": 1}, 4, "5★ 不发生赴县及以上集体访"),
    ({"collective_petitions_city": 1}, 3, "4★ 不发生赴市及以上集体访"),
    ({"collective_petitions_province": 1}, 2, "3★ 不发生赴省及以上集体访"),
    ({"collective_petitions_beijing": 1}, 2, "3★ 赴京集体访 is 赴省及以上"),
    ({"individual_petitions_beijing": 1}, 2, "3★ 不发生赴京个访"),
    ({"governance_office_level": 0}, 0, "1★ 综治工作室达到规范化建设要求"),
    ({"governance_office_level": 1}, 2, "3★ 达到县级示范标准"),
    ({"mass_prevention_level": 0}, 0, "1★ 建立群防群治队伍"),
    ({"mass_prevention_level": 1}, 1, "2★ 群防群治队伍健全"),
    ({"mass_prevention_level": 2}, 2, "3★ 较好发挥作用"),
    ({"mass_prevention_level": 3}, 3, "4★ 建设成效明显"),
    ({"mass_prevention_level": 4}, 4, "5★ 成效显著"),
    # ---- 一票否决 caps at three stars
    ({"family_planning_violation": True}, 3, "veto 1"),
    ({"superior_criticism_or_sanction": True}, 3, "veto 2"),
    (
        {"other_disqualification": True, "other_disqualification_reason": "班子成员涉案"},
        3,
        "veto 3",
    ),
]


def test_a_five_star_record_gets_five_stars(std: Standard) -> None:
    rating = rate(std, five_star_record())
    assert rating.star == 5
    assert [lv.status for lv in rating.levels] == ["met"] * 5
    assert rating.next_star_gaps == ()
    assert not rating.vetoed


@pytest.mark.parametrize(("changes", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_breaking_one_sentence_gives_the_star_the_standard_implies(
    std: Standard, changes: dict[str, Any], expected: int, why: str
) -> None:
    rating = rate(std, five_star_record(**changes))
    assert rating.star == expected, why


def test_every_condition_of_every_level_is_exercised_by_a_case(std: Standard) -> None:
    failed: set[str] = set()
    for changes, _, _ in CASES:
        rating = rate(std, five_star_record(**changes))
        failed |= {c.condition.id for lv in rating.levels for c in lv.failed}
    assert failed == {c.id for c in std.conditions()}


def test_the_standard_has_five_levels_four_clauses_and_three_vetoes(std: Standard) -> None:
    assert [lv.star for lv in std.levels] == [1, 2, 3, 4, 5]
    for level in std.levels:
        assert {c.clause for c in level.conditions} == {1, 2, 3, 4}
    assert len(std.vetoes) == 3
    assert all(v.bars == (4, 5) for v in std.vetoes)


def test_a_veto_caps_at_three_even_when_everything_else_is_perfect(std: Standard) -> None:
    rating = rate(std, five_star_record(family_planning_violation=True))
    assert rating.vetoed
    assert [v.veto.id for v in rating.vetoes_applied] == ["V1.family_planning"]
    assert rating.levels[3].status == "not_met"
    assert [g.veto.id for g in rating.next_star_gaps] == ["V1.family_planning"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        ("leadership_complete", 0),
        ("resident_autonomy_sound", 1),
        ("integrity_culture_level", 2),
        ("county_bao_community", 3),
        ("member_exemplary_role_evident", 4),
        ("family_planning_violation", 3),
        ("disputes_total", 0),
    ],
)
def test_a_missing_fact_lowers_the_confirmed_star(std: Standard, fact: str, expected: int) -> None:
    rating = rate(std, five_star_record(**{fact: None}))
    assert rating.star == expected
    assert rating.possible_star == 5
    assert fact in rating.missing_facts
    assert rating.levels[expected].status == "unknown"
    assert fact in rating.levels[expected].missing_facts


def test_an_empty_denominator_does_not_need_the_numerator(std: Standard) -> None:
    rating = rate(
        std, five_star_record(disputes_total=0, disputes_mediated=0, disputes_resolved=None)
    )
    assert rating.star == 5
