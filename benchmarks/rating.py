"""Rating benchmark: batch engine vs one-record path vs zen-engine vs a scan floor.

    uv run python benchmarks/rating.py [--n N] [--sample S] [--seed SEED]

Generates N seeded synthetic, contract-valid records (as a Polars table, in memory),
then measures side by side:
  (a) batch:      ``rate_batch`` (Polars expressions compiled from the standard file);
  (b) one-record: ``validate_facts`` + ``evaluate`` (+ the explanation) per record;
  (c) zen:        the same standard compiled to one GoRules zen-engine expression node
                  (a JDM decision) and, for reference, to a bare compiled zen expression;
  (d) floor:      one Polars pass that reads every fact column once (``max`` of each).
(b) and (c) run on the first S records (default 20,000) and their per-record rates are
extrapolated to N; (a), (b) and (c) must give identical stars on that sample.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import polars as pl

from pingxing.rubric import evaluate, load_standard, rate_batch, validate_facts
from pingxing.rubric.batch import contract_polars_schema
from pingxing.rubric.evaluate import compile_check
from pingxing.rubric.explain import rating_to_dict
from pingxing.rubric.facts import contract_fields
from pingxing.rubric.model import Check, Standard

RATIO_FACTS = {"disputes_total", "disputes_mediated", "disputes_resolved"}
SKIP = {"org_code", "org_name", "year", "other_disqualification_reason"} | RATIO_FACTS


# --------------------------------------------------------------------------- data
def _domain(name: str) -> list[Any]:
    spec = next(f for f in contract_fields() if f.name == name)
    if spec.type == "boolean":
        return [False, True]
    if spec.enum is not None:
        return list(spec.enum)
    hi = spec.maximum if spec.maximum is not None else 3
    return list(range(spec.minimum or 0, hi + 1))


def _targets(standard: Standard, name: str, domain: list[Any]) -> list[Any]:
    """Per tier q = 0..5: a value meeting every check on ``name`` at levels <= q."""
    out = []
    for q in range(standard.max_star + 1):
        checks = [
            c.check
            for lv in standard.levels[:q]
            for c in lv.conditions
            if name in c.check.facts and c.check.kind != "ratio_at_least"
        ]
        ok = [
            v
            for v in domain
            if all(compile_check(_single(ch, name))({name: v}) == "met" for ch in checks)
        ]
        out.append(ok[0] if ok and checks else None)
    return out


def _single(check: Check, name: str) -> Check:
    if check.kind == "sum_zero":
        return Check("zero", (name,))
    return check


def _rand(seed: int, n: int) -> pl.Expr:
    return (pl.int_range(n, dtype=pl.UInt64).hash(seed) % 10_000).cast(pl.Int64)


def synthetic(standard: Standard, n: int, seed: int) -> pl.DataFrame:
    """N valid records: a hidden tier q per row, facts mostly meeting levels <= q."""
    schema = contract_polars_schema()
    q = (_rand(seed, n) % (standard.max_star + 1)).alias("_q")
    base = pl.select(pl.int_range(n).alias("_i"), q)
    cols: list[pl.Expr] = [
        pl.format("ORG{}", pl.col("_i")).alias("org_code"),
        pl.lit(2024, dtype=pl.Int64).alias("year"),
    ]
    veto_facts = set(standard.veto_facts())
    k = 1
    for spec in contract_fields():
        name = spec.name
        if name in SKIP:
            continue
        k += 3
        domain = _domain(name)
        noise, pick, nul = _rand(seed + k, n), _rand(seed + k + 1, n), _rand(seed + k + 2, n)
        dtype = pl.String if spec.enum else schema[name]
        rand_value = pl.lit(pl.Series(domain, dtype=dtype)).gather(pick % len(domain))
        if name in veto_facts:
            value = pl.when(noise < 150).then(pl.lit(True)).otherwise(pl.lit(False))
        else:
            targets = _targets(standard, name, domain)
            target = pl.col("_q").replace_strict(
                list(range(len(targets))), pl.Series(targets, dtype=dtype), return_dtype=dtype
            )
            value = pl.when(noise < 40).then(rand_value).otherwise(pl.coalesce(target, rand_value))
        value = pl.when(nul < 8).then(None).otherwise(value)
        cols.append(value.cast(schema[name]).alias(name))
    df = base.with_columns(
        *cols,
        (_rand(seed + 901, n) % 30).alias("disputes_total"),
        _rand(seed + 902, n).alias("_m"),
        _rand(seed + 903, n).alias("_r"),
    )
    mediated = (pl.col("disputes_total") - (pl.col("_m") < 300).cast(pl.Int64)).clip(0)
    df = df.with_columns(mediated.alias("disputes_mediated"))
    resolved = (pl.col("disputes_mediated") - (pl.col("_r") < 1500).cast(pl.Int64)).clip(0)
    df = df.with_columns(
        resolved.alias("disputes_resolved"),
        pl.min_horizontal("serious_safety_accidents", "safety_accidents").alias(
            "serious_safety_accidents"
        ),
        pl.min_horizontal("principal_cadre_violation_cases", "cadre_violation_cases").alias(
            "principal_cadre_violation_cases"
        ),
        pl.when(pl.col("other_disqualification"))
        .then(pl.lit("其他情形"))
        .alias("other_disqualification_reason"),
    )
    order = [f.name for f in contract_fields() if f.name != "org_name"]
    return df.select(order)


# --------------------------------------------------------------------------- zen
def _zen_check(check: Check) -> str:
    def lit(v: Any) -> str:
        return json.dumps(v)

    if check.fallback is not None:
        given = " and ".join(f"{x} != null" for x in check.facts)
        own = _zen_check(Check(check.kind, check.facts, check.value, check.scale, check.percent))
        return f"(({given}) ? {own} : {_zen_check(check.fallback)})"
    f = check.facts
    if check.kind in ("true", "false"):
        return f"{f[0]} == {lit(check.kind == 'true')}"
    if check.kind == "zero":
        return f"{f[0]} == 0"
    if check.kind == "sum_zero":
        return "(" + " and ".join(f"{x} == 0" for x in f) + ")"
    if check.kind == "at_least":
        if check.scale is not None:
            allowed = ", ".join(lit(v) for v in check.scale.at_least(check.value))  # type: ignore[arg-type]
            return f"{f[0]} in [{allowed}]"
        return f"({f[0]} != null and {f[0]} >= {check.value})"
    assert check.percent is not None
    p, q100 = check.percent.numerator, check.percent.denominator * 100
    n, d = f
    return f"({d} == 0 or ({n} != null and {d} != null and {n} * {q100} >= {d} * {p}))"


def _zen_not(check: Check) -> str:
    """The check confirmed failed (false, not merely unknown)."""
    if check.fallback is not None:
        given = " and ".join(f"{x} != null" for x in check.facts)
        own = _zen_not(Check(check.kind, check.facts, check.value, check.scale, check.percent))
        return f"(({given}) ? {own} : {_zen_not(check.fallback)})"
    f = check.facts
    if check.kind in ("true", "false"):
        return f"{f[0]} == {json.dumps(check.kind != 'true')}"
    if check.kind == "sum_zero":
        return "(" + " or ".join(f"({x} != null and {x} > 0)" for x in f) + ")"
    known = " and ".join(f"{x} != null" for x in f)
    return f"({known} and not {_zen_check(check)})"


def zen_expression(standard: Standard) -> str:
    """The star as one zen expression: nested ternaries over the new checks of each level."""
    seen: set[tuple[object, ...]] = set()
    parts = []
    for level in standard.levels:
        terms = []
        for c in level.conditions:
            if c.check.key not in seen:
                seen.add(c.check.key)
                terms.append(_zen_check(c.check))
        for v in standard.vetoes_for(level.star):
            if ("not", v.check.key) not in seen:
                seen.add(("not", v.check.key))
                terms.append(_zen_not(v.check))
        parts.append(" and ".join(terms) if terms else "true")
    expr = str(standard.max_star)
    for star in range(standard.max_star, 0, -1):
        expr = f"(({parts[star - 1]}) ? {expr} : {star - 1})"
    return expr


def zen_decision(expression: str) -> dict[str, Any]:
    node = {"expressions": [{"id": "star", "key": "star", "value": expression}]}
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "facts", "position": {"x": 0, "y": 0}},
            {
                "id": "ex",
                "type": "expressionNode",
                "name": "star",
                "position": {"x": 200, "y": 0},
                "content": node,
            },
            {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "ex", "type": "edge"},
            {"id": "e2", "sourceId": "ex", "targetId": "out", "type": "edge"},
        ],
    }


# --------------------------------------------------------------------------- timing
def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000, help="records for (b) and (c)")
    ap.add_argument("--seed", type=int, default=2010)
    args = ap.parse_args(argv)
    std = load_standard()
    n, s = args.n, min(args.sample, args.n)
    t_gen, df = timed(lambda: synthetic(std, n, args.seed))
    print(
        f"standard {std.id} {std.version}: {len(std.conditions())} conditions, {len(std.vetoes)} vetoes"
    )
    print(
        f"generated {n:,} records ({df.width} columns, {df.estimated_size('mb'):.0f} MB) in {t_gen:.2f} s"
    )

    facts_cols = [
        c for c in df.columns if c not in ("org_code", "year", "other_disqualification_reason")
    ]
    # sum of every value (max could stop early on booleans or use cached statistics)
    floor_exprs = [pl.col(c).to_physical().sum() for c in facts_cols]
    t_floor, _ = timed(lambda: df.select(floor_exprs), repeat=5)
    rate_batch(std, df.head(1000))  # warm-up
    t_batch, batch = timed(lambda: rate_batch(std, df), repeat=5)
    stars_all = batch["star"]

    from pingxing.rubric.batch import prepare

    rows = prepare(df.head(s)).collect().to_dicts()
    sample_batch = stars_all.head(s).to_list()

    def one_record(explain: bool) -> list[int]:
        out = []
        for row in rows:
            facts, _errors = validate_facts(row)
            assert facts is not None, _errors
            rating = evaluate(std, facts)
            if explain:
                rating_to_dict(rating)
            else:
                rating.next_star_gaps  # noqa: B018 - the explanation objects are built here
                rating.missing_facts  # noqa: B018
            out.append(rating.star)
        return out

    t_one, one_stars = timed(lambda: one_record(False))
    t_one_json, _ = timed(lambda: one_record(True))

    import zen

    expression = zen_expression(std)
    decision = zen.ZenEngine().create_decision(json.dumps(zen_decision(expression)))
    compiled = zen.compile_expression(expression)
    t_zen, zen_stars = timed(lambda: [int(decision.evaluate(r)["result"]["star"]) for r in rows])
    t_zexpr, zexpr_stars = timed(lambda: [int(compiled.evaluate(r)) for r in rows])

    same = sample_batch == one_stars == zen_stars == zexpr_stars
    dist = stars_all.value_counts().sort("star")
    print(
        "star distribution (batch):",
        dict(zip(dist["star"].to_list(), dist["count"].to_list(), strict=True)),
    )
    print(f"identical stars on the {s:,}-record sample: batch == one-record == zen: {same}")
    if not same:
        bad = [
            i
            for i in range(s)
            if len({sample_batch[i], one_stars[i], zen_stars[i], zexpr_stars[i]}) > 1
        ]
        print(f"MISMATCH on {len(bad)} records, first: {rows[bad[0]]}")

    def rate(t: float, k: int) -> float:
        return k / t

    r_batch, r_floor = rate(t_batch, n), rate(t_floor, n)
    r_one, r_one_json = rate(t_one, s), rate(t_one_json, s)
    r_zen, r_zexpr = rate(t_zen, s), rate(t_zexpr, s)
    print(f"(a) batch engine      : {t_batch:8.3f} s for {n:,}  = {r_batch:14,.0f} records/s")
    print(f"(d) scan floor        : {t_floor:8.3f} s for {n:,}  = {r_floor:14,.0f} records/s")
    print(
        f"(b) one-record        : {t_one:8.3f} s for {s:,} = {r_one:14,.0f} records/s"
        f"  (validate + evaluate + gaps/missing; extrapolated {n / r_one:.1f} s for {n:,})"
    )
    print(
        f"(b') one-record + JSON: {t_one_json:8.3f} s for {s:,} = {r_one_json:14,.0f} records/s"
        f"  (+ rating_to_dict, the full JSON explanation; extrapolated {n / r_one_json:.1f} s)"
    )
    print(
        f"(c) zen decision      : {t_zen:8.3f} s for {s:,} = {r_zen:14,.0f} records/s"
        f"  (JDM graph, one expression node; extrapolated {n / r_zen:.1f} s for {n:,})"
    )
    print(
        f"(c') zen expression   : {t_zexpr:8.3f} s for {s:,} = {r_zexpr:14,.0f} records/s"
        f"  (bare compiled expression, no decision graph; extrapolated {n / r_zexpr:.1f} s)"
    )
    print(f"(b), (c) measured on a sample of {s:,} records and extrapolated per record")
    print(f"peak memory (max RSS): {peak_rss_mib():.0f} MiB")
    print(f"batch/zen = {r_batch / r_zen:.1f}")
    print(f"batch/zen-expression = {r_batch / r_zexpr:.1f}")
    print(f"batch/one-record = {r_batch / r_one:.1f}")
    print(f"batch/one-record-json = {r_batch / r_one_json:.1f}")
    print(f"batch/scan-floor = {t_batch / t_floor:.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
