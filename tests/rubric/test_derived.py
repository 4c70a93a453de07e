"""Facts the contract's own bounds force are derived, not unknown, and said so."""

from __future__ import annotations

import polars as pl
import pytest

from pingxing.rubric import Standard, derive_forced, rate_batch, what_if
from pingxing.rubric.batch import contract_polars_schema
from pingxing.rubric.explain import rating_text, rating_to_dict

from .support import five_star_record, rate

# (given, left unknown, the values the bound forces)
FORCED = [
    ({"disputes_total": 0}, ("disputes_mediated", "disputes_resolved"), 0),
    ({"safety_accidents": 0}, ("serious_safety_accidents",), 0),
    ({"cadre_violation_cases": 0}, ("principal_cadre_violation_cases",), 0),
]


@pytest.mark.parametrize(("given", "unknown", "forced"), FORCED)
def test_a_bound_forced_fact_rates_as_if_it_had_been_given(
    std: Standard, given: dict[str, int], unknown: tuple[str, ...], forced: int
) -> None:
    explicit = rate(std, five_star_record(**given, **dict.fromkeys(unknown, forced)))
    left_out = rate(std, five_star_record(**given, **dict.fromkeys(unknown, None)))
    assert left_out.star == explicit.star == 5
    assert [lv.status for lv in left_out.levels] == [lv.status for lv in explicit.levels]
    assert left_out.missing_facts == ()
    assert [d.field for d in left_out.facts.derived] == list(unknown)
    frame = pl.DataFrame(
        [five_star_record(**given, **dict.fromkeys(unknown, None))], schema=contract_polars_schema()
    )
    assert rate_batch(std, frame)["star"].to_list() == [5]


def test_the_explanation_says_what_was_derived_and_why(std: Standard) -> None:
    rating = rate(
        std, five_star_record(disputes_total=0, disputes_mediated=None, disputes_resolved=None)
    )
    text = rating_text(rating)
    assert "推定：矛盾纠纷总数（件）为 0，已调处矛盾纠纷数（件）不能大于它，故推定为 0" in text
    assert (
        "推定：已调处矛盾纠纷数（件）为 0（已由上条推定），调处成功数（件）不能大于它，故推定为 0"
        in text
    )
    derived = rating_to_dict(rating)["derived"]
    assert [(d["field"], d["from"], d["value"]) for d in derived] == [
        ("disputes_mediated", "disputes_total", 0),
        ("disputes_resolved", "disputes_mediated", 0),
    ]


def test_nothing_is_derived_when_the_bound_leaves_room(std: Standard) -> None:
    rating = rate(
        std, five_star_record(cadre_violation_cases=1, principal_cadre_violation_cases=None)
    )
    assert rating.facts.derived == () and "principal_cadre_violation_cases" in rating.missing_facts
    assert (
        derive_forced({"disputes_total": 0, "disputes_mediated": 0})[0].field == "disputes_resolved"
    )
    assert derive_forced({"disputes_total": 3}) == ()


def test_a_what_if_derives_again_from_the_changed_facts(std: Standard) -> None:
    base = rate(
        std, five_star_record(disputes_total=0, disputes_mediated=None, disputes_resolved=None)
    )
    changed = what_if(std, base.facts, {"disputes_total": 5})
    assert changed.facts.derived == ()
    assert "disputes_mediated" in changed.missing_facts
