"""Batch rating: the same standard compiled to Polars expressions.

Each check becomes a three-valued Boolean expression (true = met, false = failed,
null = unknown) with Polars' Kleene logic, so a level is ``all_horizontal`` of its
checks and its vetoes negated: exactly the one-record semantics of ``evaluate.py``.
For the star alone, each level only adds the checks not already required by the levels
below it (the star needs levels 1..L all met), so shared checks are judged once.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from pingxing.rubric.facts import NOT_MORE_THAN, contract_fields
from pingxing.rubric.model import Check, Standard

_POLARS_TYPES: dict[str, pl.DataType] = {
    "boolean": pl.Boolean(),
    "integer": pl.Int64(),
    "string": pl.String(),
}


def contract_polars_schema() -> dict[str, pl.DataType]:
    """A Polars schema for the facts contract (enums as ``pl.Enum`` in contract order)."""
    out: dict[str, pl.DataType] = {}
    for spec in contract_fields():
        out[spec.name] = pl.Enum(list(spec.enum)) if spec.enum else _POLARS_TYPES[spec.type]
    return out


def check_expr(check: Check, schema: dict[str, pl.DataType]) -> pl.Expr:
    """The check as a Boolean expression; null when it can not be judged."""
    if check.fallback is not None:
        given = pl.all_horizontal([pl.col(f).is_not_null() for f in check.facts])
        return (
            pl.when(given).then(_expr(check, schema)).otherwise(check_expr(check.fallback, schema))
        )
    return _expr(check, schema)


def _expr(check: Check, schema: dict[str, pl.DataType]) -> pl.Expr:
    kind = check.kind
    if kind == "true":
        return pl.col(check.facts[0])
    if kind == "false":
        return ~pl.col(check.facts[0])
    if kind == "zero":
        return pl.col(check.facts[0]) == 0
    if kind == "sum_zero":
        return pl.all_horizontal([pl.col(f) == 0 for f in check.facts])
    if kind == "at_least":
        name = check.facts[0]
        if check.scale is None:
            return pl.col(name) >= check.value
        allowed = check.scale.at_least(check.value)  # type: ignore[arg-type]
        dtype = schema.get(name)
        if isinstance(dtype, pl.Enum) and list(dtype.categories) == list(check.scale.order):
            # categories in scale order: compare the physical codes
            return pl.col(name).to_physical() >= check.scale.rank(check.value)  # type: ignore[arg-type,no-any-return]
        return _any_equal(pl.col(name), allowed)
    assert check.percent is not None
    num, den = pl.col(check.facts[0]), pl.col(check.facts[1])
    p, q100 = check.percent.numerator, check.percent.denominator * 100
    # num / den >= p / q, exactly; an empty denominator is 100% (Kleene: true | null = true)
    return (den == 0) | (num * q100 >= den * p)


def _any_equal(col: pl.Expr, values: Iterable[object]) -> pl.Expr:
    expr: pl.Expr | None = None
    for v in values:
        term = col == v
        expr = term if expr is None else expr | term
    assert expr is not None
    return expr


def prepare(frame: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """Add missing contract columns as unknown (null), cast to the contract types, and
    fill in the counts the contract's bounds force (as ``facts.derive_forced`` does)."""
    lf = frame.lazy()
    schema = contract_polars_schema()
    have = lf.collect_schema()
    exprs = []
    for name, dtype in schema.items():
        if name not in have:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
        elif have[name] != dtype:
            exprs.append(pl.col(name).cast(dtype))
    if exprs:
        lf = lf.with_columns(exprs)
    for small, large, _zh in NOT_MORE_THAN:  # in order: a forced count may force the next
        forced = pl.col(small).is_null() & (pl.col(large) == 0)
        lf = lf.with_columns(
            pl.when(forced).then(pl.lit(0, dtype=pl.Int64())).otherwise(pl.col(small)).alias(small)
        )
    return lf


def level_exprs(standard: Standard, schema: dict[str, pl.DataType]) -> list[pl.Expr]:
    """One three-valued expression per level: true met, false not met, null unknown."""
    out = []
    for level in standard.levels:
        terms = [check_expr(c.check, schema) for c in level.conditions]
        terms += [~check_expr(v.check, schema) for v in standard.vetoes_for(level.star)]
        out.append(pl.all_horizontal(terms).alias(f"level_{level.star}"))
    return out


def star_expr(standard: Standard, schema: dict[str, pl.DataType]) -> pl.Expr:
    """The star: the number of levels 1..L all confirmed met."""
    seen: set[tuple[object, ...]] = set()
    chain: pl.Expr | None = None
    star: pl.Expr | None = None
    for level in standard.levels:
        terms = []
        for cond in level.conditions:
            if cond.check.key not in seen:
                seen.add(cond.check.key)
                terms.append(check_expr(cond.check, schema))
        for veto in standard.vetoes_for(level.star):
            key = ("not", veto.check.key)
            if key not in seen:
                seen.add(key)
                terms.append(~check_expr(veto.check, schema))
        if terms:
            confirmed = pl.all_horizontal(terms).fill_null(False)
            chain = confirmed if chain is None else chain & confirmed
        assert chain is not None
        step = chain.cast(pl.UInt8)
        star = step if star is None else star + step
    assert star is not None
    return star.alias("star")


def rate_batch(
    standard: Standard, frame: pl.DataFrame | pl.LazyFrame, *, with_levels: bool = False
) -> pl.DataFrame:
    """Rate every row of ``frame`` (valid facts, contract column names).

    Returns a DataFrame with ``star`` (UInt8) per input row, in order, plus
    ``level_1``..``level_N`` (true met / false not met / null unknown) when
    ``with_levels``. Missing columns are unknown facts. Rows must already be valid
    (see ``validate_facts``); the results equal ``evaluate(...).star`` row by row.
    """
    lf = prepare(frame)
    schema = dict(lf.collect_schema())
    exprs = [star_expr(standard, schema)]
    if with_levels:
        exprs += level_exprs(standard, schema)
    return lf.select(exprs).collect()
