"""结果运用 (use of results): cadre pay, project-fund weights, award eligibility.

Pure and exact: Decimal throughout, pay rounded to 0.01 yuan half up. The writes are in
`services.results`, the spreadsheets in `sheets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pingxing.rubric import Standard

CENT = Decimal("0.01")
MAX_FACTOR = Decimal("99.99")  # StarPolicy's DecimalField(max_digits=4, decimal_places=2)
MAX_BASE_PAY = Decimal("99999999.99")  # CadreBasePay's DecimalField(max_digits=10, decimal_places=2)


class ResultsInputError(ValueError):
    """Bad input; `errors` name the record and field of each problem (zh-hans)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Policy:
    star: int
    pay_coefficient: Decimal
    fund_weight: Decimal
    award_eligible: bool


def pay_for(base_pay: Decimal, coefficient: Decimal) -> Decimal:
    """Base pay × coefficient, rounded to 0.01 yuan half up."""
    return (base_pay * coefficient).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(text: Any, *, where: str, maximum: Decimal, allow_zero: bool = True) -> Decimal:
    """A non-negative amount with at most two decimals, or ResultsInputError naming `where`."""
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ResultsInputError([f"{where}：“{text}”不是数字"]) from None
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise ResultsInputError([f"{where}：须为{'非负' if allow_zero else '正'}数"])
    if value > maximum:
        raise ResultsInputError([f"{where}：不能超过{maximum}"])
    if value != value.quantize(CENT):
        raise ResultsInputError([f"{where}：最多两位小数"])
    return value.quantize(CENT)


def validate_policy(entries: Mapping[int, Mapping[str, Any]], std: Standard) -> list[Policy]:
    """Check a whole policy table (every star of the standard, and 0); all errors at once,
    naming star and field.

    Rules: coefficients and weights positive with at most two decimals; the standard's base
    star (三星级 in 2010) pays exactly 1.00; a higher star never pays less, nor weighs less
    for project funds.
    """
    errors: list[str] = []
    policies: list[Policy] = []
    stars = std.stars_descending()
    star_label = std.star_title
    base_star = std.procedure.pay_base
    for star in stars:
        entry = entries.get(star)
        if entry is None:
            errors.append(f"{star_label(star)}：缺少该星级的设置")
            continue
        values = {}
        for name, label in (("pay_coefficient", "报酬系数"), ("fund_weight", "项目资金权重")):
            try:
                values[name] = parse_amount(entry.get(name, ""), where=f"{star_label(star)} {label}",
                                            maximum=MAX_FACTOR, allow_zero=False)
            except ResultsInputError as error:
                errors.extend(error.errors)
        if len(values) == 2:
            policies.append(Policy(star, values["pay_coefficient"], values["fund_weight"],
                                   bool(entry.get("award_eligible"))))
    if errors:
        raise ResultsInputError(errors)
    by_star = {p.star: p for p in policies}
    if by_star[base_star].pay_coefficient != Decimal("1.00"):
        errors.append(f"{star_label(base_star)} 报酬系数：{star_label(base_star)}为基准，须为1.00")
    for lower, higher in zip(stars[1:], stars[:-1], strict=True):
        for name, label in (("pay_coefficient", "报酬系数"), ("fund_weight", "项目资金权重")):
            if getattr(by_star[higher], name) < getattr(by_star[lower], name):
                errors.append(f"{star_label(higher)} {label}：不能低于{star_label(lower)}")
    if errors:
        raise ResultsInputError(errors)
    return policies


@dataclass(frozen=True)
class PublishedPay:
    """A published result's star and the 结果运用 frozen with it (None: not set then)."""

    star: int
    coefficient: Decimal | None
    fund_weight: Decimal | None
    award_eligible: bool | None
    base_pay: Decimal | None


@dataclass(frozen=True)
class PayRow:
    org_id: int
    code: str
    name: str
    street: str
    star: int | None  # None: no published result this year
    star_title: str  # the star in its standard's words, 评定中 or 未参评
    base_pay: Decimal | None  # None: not entered
    coefficient: Decimal | None
    pay: Decimal | None
    fund_weight: Decimal | None
    award_eligible: bool | None
    base_pay_frozen: bool = False  # fixed by the publication: no longer edited here


IN_PROGRESS = "评定中"
NOT_RATED = "未参评"


def pay_rows(
    communities: Iterable[tuple[int, str, str, str]],
    published: Mapping[int, PublishedPay],
    base_pays: Mapping[int, Decimal],
    in_progress: Iterable[int],
    std: Standard,
) -> list[PayRow]:
    """One row per community (id, code, name, street). A published one is paid by the
    coefficient frozen with its result × its base pay (frozen too, or entered since); one still
    being rated (评定中) shows its base pay and no pay yet."""
    rating = set(in_progress)
    rows = []
    for org_id, code, name, street in communities:
        result = published.get(org_id)
        if result is None:
            rows.append(PayRow(
                org_id=org_id, code=code, name=name, street=street, star=None,
                star_title=IN_PROGRESS if org_id in rating else NOT_RATED, base_pay=base_pays.get(org_id),
                coefficient=None, pay=None, fund_weight=None, award_eligible=None,
            ))
            continue
        base = result.base_pay if result.base_pay is not None else base_pays.get(org_id)
        coefficient = result.coefficient
        pay = pay_for(base, coefficient) if coefficient is not None and base is not None else None
        rows.append(PayRow(
            org_id=org_id, code=code, name=name, street=street, star=result.star,
            star_title=std.star_title(result.star), base_pay=base, coefficient=coefficient, pay=pay,
            fund_weight=result.fund_weight, award_eligible=result.award_eligible,
            base_pay_frozen=result.base_pay is not None,
        ))
    return rows


@dataclass(frozen=True)
class PayTotals:
    """The 合计 row: each column summed over exactly the values it shows."""

    base_total: Decimal
    base_count: int  # communities whose base pay is shown
    pay_total: Decimal
    pay_count: int  # communities whose pay is computed


def pay_totals(rows: Iterable[PayRow]) -> PayTotals:
    base_total, pay_total, base_count, pay_count = Decimal("0.00"), Decimal("0.00"), 0, 0
    for row in rows:
        if row.base_pay is not None:
            base_total += row.base_pay
            base_count += 1
        if row.pay is not None:
            pay_total += row.pay
            pay_count += 1
    return PayTotals(base_total, base_count, pay_total, pay_count)
