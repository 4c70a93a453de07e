"""结果运用 (use of results): cadre pay, project-fund weights, award eligibility.

The arithmetic is pure and exact: Decimal throughout, pay rounded to 0.01 yuan half
up. The writes (policy, base pay, base-pay import) are services at the bottom.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from pingxing.audit.services import AuditAction, audit_record, model_changes, snapshot
from pingxing.ratings.stats import STARS, star_label

CENT = Decimal("0.01")
BASE_STAR = 3  # 三星级 is the base of cadre pay: its coefficient is 1.00
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


def validate_policy(entries: Mapping[int, Mapping[str, Any]]) -> list[Policy]:
    """Check a whole policy table (every star 0–5); all errors at once, naming star and field.

    Rules: coefficients and weights positive with at most two decimals; 3★ pays exactly
    1.00; a higher star never pays less, nor weighs less for project funds.
    """
    errors: list[str] = []
    policies: list[Policy] = []
    for star in STARS:
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
    if by_star[BASE_STAR].pay_coefficient != Decimal("1.00"):
        errors.append(f"{star_label(BASE_STAR)} 报酬系数：三星级为基准，须为1.00")
    for lower, higher in zip(STARS[1:], STARS[:-1], strict=True):
        for name, label in (("pay_coefficient", "报酬系数"), ("fund_weight", "项目资金权重")):
            if getattr(by_star[higher], name) < getattr(by_star[lower], name):
                errors.append(f"{star_label(higher)} {label}：不能低于{star_label(lower)}")
    if errors:
        raise ResultsInputError(errors)
    return policies


@dataclass(frozen=True)
class PayRow:
    org_id: int
    code: str
    name: str
    street: str
    star: int | None  # None: no published result this year
    base_pay: Decimal | None  # None: not entered
    coefficient: Decimal | None
    pay: Decimal | None
    fund_weight: Decimal | None
    award_eligible: bool | None

    @property
    def star_label(self) -> str:
        return star_label(self.star) if self.star is not None else "尚未公布"


def pay_rows(
    communities: Iterable[tuple[int, str, str, str]],
    stars: Mapping[int, int],
    base_pays: Mapping[int, Decimal],
    policies: Mapping[int, Policy],
) -> list[PayRow]:
    """One row per community (id, code, name, street): its star's coefficient × its base pay."""
    rows = []
    for org_id, code, name, street in communities:
        star = stars.get(org_id)
        policy = policies.get(star) if star is not None else None
        base = base_pays.get(org_id)
        pay = pay_for(base, policy.pay_coefficient) if policy is not None and base is not None else None
        rows.append(PayRow(
            org_id=org_id, code=code, name=name, street=street, star=star, base_pay=base,
            coefficient=policy.pay_coefficient if policy else None, pay=pay,
            fund_weight=policy.fund_weight if policy else None,
            award_eligible=policy.award_eligible if policy else None,
        ))
    return rows


def pay_totals(rows: Iterable[PayRow]) -> tuple[Decimal, Decimal]:
    """(total base pay, total pay) over the rows whose pay is computed."""
    base_total, pay_total = Decimal("0.00"), Decimal("0.00")
    for row in rows:
        if row.pay is not None and row.base_pay is not None:
            base_total += row.base_pay
            pay_total += row.pay
    return base_total, pay_total


# --- writes -------------------------------------------------------------------------------


def star_policy_update(*, entries: Mapping[int, Mapping[str, Any]], by: Any) -> list[Any]:
    """Replace the policy table after validating all of it; each changed star is audited."""
    from pingxing.ratings.models import StarPolicy

    policies = validate_policy(entries)
    with transaction.atomic():
        current = {p.star: p for p in StarPolicy.objects.select_for_update()}
        saved = []
        for policy in policies:
            row = current.get(policy.star) or StarPolicy(star=policy.star)
            before = snapshot(row) if row.pk else None
            row.pay_coefficient = policy.pay_coefficient
            row.fund_weight = policy.fund_weight
            row.award_eligible = policy.award_eligible
            changes = model_changes(before, snapshot(row))
            changes.pop("id", None)
            if changes:
                row.save()
                audit_record(action=AuditAction.UPDATE if before else AuditAction.CREATE, user=by, obj=row,
                             object_repr=f"结果运用 {star_label(policy.star)}", changes=changes)
            saved.append(row)
    return saved


def base_pays_set(*, year: int, values: Mapping[Any, Decimal | None], by: Any, action: str = AuditAction.UPDATE) -> int:
    """Set (or clear, with None) communities' base pay for a year; returns how many changed.

    `values` maps Organization → amount; the caller has checked the user's scope.
    """
    from pingxing.ratings.models import CadreBasePay

    changed = 0
    with transaction.atomic():
        existing = {
            b.organization_id: b
            for b in CadreBasePay.objects.select_for_update().filter(year=year, organization__in=list(values))
        }
        for org, amount in values.items():
            row = existing.get(org.pk)
            old = row.base_pay if row is not None else None
            if old == amount:
                continue
            if amount is None:
                assert row is not None
                row.delete()
            elif row is None:
                CadreBasePay.objects.create(organization=org, year=year, base_pay=amount)
            else:
                row.base_pay = amount
                row.save(update_fields=["base_pay"])
            audit_record(action=action, user=by, object_type="ratings.cadrebasepay",
                         object_id=f"{org.pk}:{year}", object_repr=f"{year} {org.name} 干部基本报酬",
                         organization=org, changes={"base_pay": [None if old is None else str(old),
                                                                 None if amount is None else str(amount)]})
            changed += 1
    return changed


BASE_PAY_COLUMNS = ("组织代码", "组织名称", "基本报酬（元/年）")


def parse_base_pay_rows(rows: Iterable[tuple[int, Mapping[str, Any]]], orgs_by_code: Mapping[str, Any]) -> dict[Any, Decimal]:
    """Spreadsheet rows → {Organization: amount}; every bad row listed (row, column, reason)."""
    from pingxing.core.excel import as_text

    errors: list[str] = []
    values: dict[Any, Decimal] = {}
    seen: dict[str, int] = {}
    for number, row in rows:
        code = as_text(row.get(BASE_PAY_COLUMNS[0]))
        org = orgs_by_code.get(code)
        if org is None:
            errors.append(f"第{number}行 组织代码：“{code}”不是本辖区的社区党组织")
            continue
        if code in seen:
            errors.append(f"第{number}行 组织代码：“{code}”与第{seen[code]}行重复")
            continue
        seen[code] = number
        try:
            values[org] = parse_amount(row.get(BASE_PAY_COLUMNS[2]), where=f"第{number}行 {BASE_PAY_COLUMNS[2]}",
                                       maximum=MAX_BASE_PAY)
        except ResultsInputError as error:
            errors.extend(error.errors)
    if errors:
        raise ResultsInputError(errors)
    return values


# --- Excel for finance ---------------------------------------------------------------------

PAY_HEADERS = ("序号", "所属街道", "组织名称", "组织代码", "星级", "基本报酬（元/年）", "报酬系数",
               "核定报酬（元/年）", "项目资金权重", "可参加先进评比")
MONEY_FORMAT = "#,##0.00"


def pay_workbook(rows: list[PayRow], year: int) -> Any:
    """The pay table as a workbook: numbers stay numbers, a totals row at the bottom."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度社区干部报酬"
    ws.append(PAY_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=1):
        ws.append([
            number, row.street, row.name, row.code, row.star_label, row.base_pay, row.coefficient,
            row.pay, row.fund_weight,
            "" if row.award_eligible is None else ("是" if row.award_eligible else "否"),
        ])
    base_total, pay_total = pay_totals(rows)
    ws.append(["合计", "", "", "", "", base_total, "", pay_total, "", ""])
    ws[ws.max_row][0].font = Font(bold=True)
    for line in ws.iter_rows(min_row=2):
        for index in (5, 7):
            line[index].number_format = MONEY_FORMAT
        line[6].number_format = line[8].number_format = "0.00"
    for letter, width in zip("ABCDEFGHIJ", (6, 16, 26, 14, 8, 16, 10, 16, 12, 14), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    return wb
