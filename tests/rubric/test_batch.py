"""The batch engine equals the one-record path; improving a fact never lowers the star."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pingxing.rubric import Standard, contract_fields, load_standard, rate_batch

from .support import five_star_record, rate

STD = load_standard()
FIELDS = {f.name: f for f in contract_fields()}
# mostly the values that matter at the thresholds, sometimes anything in range
_COUNT = st.sampled_from([0, 0, 0, 1, 2])


def _value(name: str) -> st.SearchStrategy[Any]:
    spec = FIELDS[name]
    if spec.type == "boolean":
        strat: st.SearchStrategy[Any] = st.sampled_from([True, True, True, False])
    elif spec.enum is not None:
        strat = st.sampled_from(spec.enum)
    elif spec.maximum is not None:
        strat = st.integers(spec.minimum or 0, spec.maximum)
    else:
        strat = _COUNT
    return st.one_of(st.none(), strat) if name not in ("org_code", "year") else strat


FACT_NAMES = [
    n
    for n in FIELDS
    if n not in ("org_code", "org_name", "year", "other_disqualification_reason")
    and not n.startswith("disputes_")
]


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    rec: dict[str, Any] = {"org_code": "R", "year": 2024}
    base = draw(st.sampled_from([five_star_record(), {}]))
    for name in FACT_NAMES:
        rec[name] = base.get(name) if draw(st.booleans()) and name in base else draw(_value(name))
    total = draw(st.one_of(st.none(), st.integers(0, 60)))
    mediated = (
        None if total is None else draw(st.one_of(st.none(), st.integers(max(0, total - 2), total)))
    )
    resolved = (
        None
        if mediated is None
        else draw(st.one_of(st.none(), st.integers(max(0, mediated - 3), mediated)))
    )
    rec |= {"disputes_total": total, "disputes_mediated": mediated, "disputes_resolved": resolved}
    for small, large in (
        ("serious_safety_accidents", "safety_accidents"),
        ("principal_cadre_violation_cases", "cadre_violation_cases"),
    ):
        if rec[small] is not None and rec[large] is not None and rec[small] > rec[large]:
            rec[small] = rec[large]
    if rec["other_disqualification"]:
        rec["other_disqualification_reason"] = "其他"
    return rec


def _frame(recs: list[dict[str, Any]]) -> pl.DataFrame:
    from pingxing.rubric.batch import contract_polars_schema

    return pl.DataFrame(recs, schema=contract_polars_schema())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=15))
def test_batch_equals_the_one_record_path(recs: list[dict[str, Any]]) -> None:
    ratings = [rate(STD, r) for r in recs]
    out = rate_batch(STD, _frame(recs), with_levels=True)
    assert out["star"].to_list() == [r.star for r in ratings]
    code = {"met": True, "not_met": False, "unknown": None}
    for i, lv in enumerate(STD.levels):
        assert out[f"level_{lv.star}"].to_list() == [code[r.levels[i].status] for r in ratings]


def _improve(name: str, value: Any) -> list[Any]:
    """Better values of one fact, by the meaning the contract gives it."""
    spec = FIELDS[name]
    if name in ("family_planning_violation", "superior_criticism_or_sanction"):
        return [False] if value is True else []
    if spec.type == "boolean":
        return [True] if value is False else []
    if spec.enum is not None:
        return list(spec.enum[spec.enum.index(value) + 1 :])
    if name == "cultural_community_grade":
        order = [0, 3, 2, 1]
        return order[order.index(value) + 1 :]
    if spec.maximum is not None and name != "disclosure_months_missed":
        return list(range(value + 1, spec.maximum + 1))
    return list(range(0, value))  # a count of bad things: fewer is better


@settings(max_examples=60, deadline=None)
@given(records(), st.sampled_from(FACT_NAMES + ["disputes_resolved"]))
def test_improving_a_single_fact_never_lowers_the_star(rec: dict[str, Any], name: str) -> None:
    before = rate(STD, rec).star
    value = rec[name]
    if value is None or name == "other_disqualification":
        return
    if name == "disputes_resolved":
        better = list(range(value + 1, (rec["disputes_mediated"] or 0) + 1))
    else:
        better = _improve(name, value)
    for v in better:
        changed = dict(rec, **{name: v})
        if name == "cadre_violation_cases" and (rec["principal_cadre_violation_cases"] or 0) > v:
            changed["principal_cadre_violation_cases"] = v
        if name == "safety_accidents" and (rec["serious_safety_accidents"] or 0) > v:
            changed["serious_safety_accidents"] = v
        assert rate(STD, changed).star >= before, (name, value, v)


def test_batch_treats_missing_columns_as_unknown_and_accepts_plain_strings(std: Standard) -> None:
    frame = pl.DataFrame(
        {
            "org_code": ["A", "B"],
            "year": [2024, 2024],
            "civilized_community_level": ["county", "province"],
            "leadership_complete": [True, True],
        }
    )
    out = rate_batch(std, frame, with_levels=True)
    assert out["star"].to_list() == [0, 0]
    assert out["level_1"].to_list() == [None, None]


def test_batch_on_full_records_and_int32_columns(std: Standard) -> None:
    recs = [
        five_star_record(),
        five_star_record(integrity_culture_level=1),
        five_star_record(leadership_complete=None),
    ]
    frame = _frame(recs).with_columns(pl.col("integrity_culture_level").cast(pl.Int32))
    assert rate_batch(std, frame)["star"].to_list() == [5, 3, 0]
