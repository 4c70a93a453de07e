"""The result of one record explains itself: failed conditions, gaps, what-if."""

from __future__ import annotations

import json

import pytest

from pingxing.rubric import Standard, what_if
from pingxing.rubric.evaluate import ConditionResult, WhatIfError
from pingxing.rubric.explain import rating_text, rating_to_dict

from .support import five_star_record, rate


def test_gaps_to_the_next_star_name_the_wording_fact_actual_and_requirement(std: Standard) -> None:
    rating = rate(std, five_star_record(health_community_level="county", integrity_culture_level=1))
    assert rating.star == 2
    gaps = rating.next_star_gaps
    assert [g.condition.id for g in gaps if isinstance(g, ConditionResult)] == ["L3.3.health"]
    out = rating_to_dict(rating)
    gap = out["next_star_gaps"][0]
    assert gap["text"] == "市级以上卫生社区"
    assert gap["facts"] == ["health_community_level"]
    assert gap["actual"] == {"health_community_level": "county"}
    assert gap["required"] == "市级以上"
    assert gap["clause"] == 3 and gap["clause_title"] == "创建"
    assert "卫生社区：实际「县级」，要求「市级」以上" in gap["message"]
    assert "required city or better" in gap["message_en"]
    level4 = out["levels"][3]
    assert level4["status"] == "not_met"
    assert {f["id"] for f in level4["failed"]} == {"L4.2.integrity_culture", "L4.3.health"}


def test_the_json_form_has_the_promised_keys_and_serializes(std: Standard) -> None:
    out = rating_to_dict(rate(std, five_star_record(resident_autonomy_sound=None)), explain=True)
    assert {"org_code", "year", "star", "errors", "vetoed", "levels", "next_star_gaps"} <= set(out)
    assert out["star"] == 1 and out["errors"] == [] and out["vetoed"] is False
    assert out["missing_facts"] == ["resident_autonomy_sound"]
    assert len(out["levels"][0]["conditions"]) == len(std.levels[0].conditions)
    assert out["levels"][1]["unknown"][0]["status"] == "unknown"
    assert "缺少的事实：居民自治机制健全" in out["explanation"]
    assert "Missing facts: resident_autonomy_sound" in out["explanation_en"]
    json.dumps(out, ensure_ascii=False)


def test_ratio_explanations_are_exact(std: Standard) -> None:
    rating = rate(
        std, five_star_record(disputes_total=1000, disputes_mediated=1000, disputes_resolved=949)
    )
    failed = rating.levels[0].failed
    assert [c.condition.id for c in failed] == ["L1.4.success_rate"]
    text = rating_text(rating)
    assert "调处成功率 94.9%（949/1000），要求 ≥ 95%" in text


def test_the_text_explanation_mentions_vetoes(std: Standard) -> None:
    rating = rate(std, five_star_record(superior_criticism_or_sanction=True))
    assert "一票否决：受到上级党委通报批评及以上组织措施" in rating_text(rating)
    assert "veto" in rating_text(rating, "en")


def test_what_if_changes_facts_and_rerates(std: Standard) -> None:
    base = rate(std, five_star_record(mass_prevention_level=2, civilized_community_level="county"))
    assert base.star == 2
    better = what_if(std, base.facts, {"mass_prevention_level": 3})
    assert better.star == 3
    best = what_if(
        std, base.facts, {"mass_prevention_level": 5, "civilized_community_level": "province"}
    )
    assert best.star == 5
    unknown = what_if(std, base.facts, {"leadership_complete": None})
    assert unknown.star == 0 and unknown.missing_facts == ("leadership_complete",)
    assert base.star == 2  # the original rating is untouched


def test_what_if_refuses_an_invalid_change(std: Standard) -> None:
    base = rate(std, five_star_record())
    with pytest.raises(WhatIfError) as err:
        what_if(std, base.facts, {"disputes_resolved": 41})
    assert err.value.errors[0].field == "disputes_resolved"  # type: ignore[attr-defined]


def test_every_level_reports_each_condition_outcome(std: Standard) -> None:
    rating = rate(std, five_star_record(vice_incidents=2))
    level5 = rating.levels[4]
    outcomes = {c.condition.id: c.status for c in level5.conditions}
    assert outcomes["L5.4.vice"] == "failed"
    assert list(outcomes.values()).count("met") == len(outcomes) - 1
    assert level5.failed[0].actual == (("vice_incidents", 2),)
