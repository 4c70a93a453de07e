"""The care fund's yearly statement (年度收支报告), computed from the ledger's entries only.

opening (bank entries before the year) + Σ bank debits of the year − Σ bank credits of the year
= closing; the year's bank debits are the donations plus reversed payouts, its credits the payouts
plus reversed donations. Payees appear by name (no ID numbers, no phones). Out as PDF (WeasyPrint,
Noto CJK from fontconfig, nothing fetched) and Excel (openpyxl).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from pingxing.carefund import ledger
from pingxing.carefund.models import Account, Entry, Fund
from pingxing.carefund.rules import FEN_PER_YUAN, yuan


@dataclass(frozen=True)
class Line:
    booked_on: dt.date
    who: str
    memo: str
    amount: int  # fen


@dataclass(frozen=True)
class PurposeBlock:
    code: str
    name: str
    lines: tuple[Line, ...]
    gross: int  # payouts of the year (expense debits)
    reversed: int  # payouts reversed in the year (expense credits)

    @property
    def net(self) -> int:
        return self.gross - self.reversed


@dataclass(frozen=True)
class Statement:
    fund_name: str
    organization: str
    year: int
    opening: int
    donations: tuple[tuple[str, int], ...]  # (donor, total), largest first
    donations_total: int
    donations_reversed: int
    purposes: tuple[PurposeBlock, ...]
    reversals: tuple[Line, ...]  # every reversal posting of the year (amount: its bank effect, signed)
    total_in: int  # bank debits of the year
    total_out: int  # bank credits of the year
    closing: int

    @property
    def payouts_total(self) -> int:
        return sum(p.gross for p in self.purposes)


def build(fund: Fund, year: int) -> Statement:
    """The statement of ``fund`` for calendar ``year``, from its entries."""
    accounts = {a.pk: a for a in Account.objects.filter(fund=fund)}
    by_code = {a.code: a for a in accounts.values()}
    bank, income = by_code[ledger.BANK], by_code[ledger.DONATIONS]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    entries = Entry.objects.filter(posting__fund=fund)
    before = entries.filter(account=bank, posting__booked_on__lt=start).values_list("debit", "credit")
    opening = sum(d - c for d, c in before)
    rows = (entries.filter(posting__booked_on__gte=start, posting__booked_on__lte=end)
            .values_list("account_id", "debit", "credit", "posting__kind", "posting__booked_on",
                         "posting__counterparty", "posting__memo", "posting_id")
            .order_by("posting__booked_on", "posting_id", "pk"))
    donors: dict[str, int] = defaultdict(int)
    donations_reversed = total_in = total_out = 0
    lines: dict[int, list[Line]] = defaultdict(list)
    reversed_by_account: dict[int, int] = defaultdict(int)
    reversals: list[Line] = []
    for account_id, debit, credit, kind, booked_on, who, memo, _posting in rows:
        if account_id == bank.pk:
            total_in += debit
            total_out += credit
            if kind == "reversal":
                reversals.append(Line(booked_on, who, memo, debit - credit))
        elif account_id == income.pk:
            if kind == "donation":
                donors[who or _("匿名")] += credit
            else:
                donations_reversed += debit - credit
        elif kind == "disbursement":
            lines[account_id].append(Line(booked_on, who, memo, debit))
        else:
            reversed_by_account[account_id] += credit - debit
    purposes = tuple(
        PurposeBlock(code=a.code, name=_(a.name), lines=tuple(lines[a.pk]), gross=sum(x.amount for x in lines[a.pk]),
                     reversed=reversed_by_account[a.pk])
        for a in sorted(accounts.values(), key=lambda a: a.code) if a.kind == "expense")
    return Statement(
        fund_name=fund.name, organization=str(fund.organization.name), year=year, opening=opening,
        donations=tuple(sorted(donors.items(), key=lambda kv: (-kv[1], kv[0]))),
        donations_total=sum(donors.values()), donations_reversed=donations_reversed, purposes=purposes,
        reversals=tuple(reversals), total_in=total_in, total_out=total_out, closing=opening + total_in - total_out)


def money_view(s: Statement) -> dict[str, Any]:
    """The statement's amounts as text in yuan, for the templates (which do no arithmetic)."""
    return {
        "opening": yuan(s.opening), "total_in": yuan(s.total_in), "total_out": yuan(s.total_out),
        "closing": yuan(s.closing), "donations_total": yuan(s.donations_total),
        "donations_reversed": yuan(s.donations_reversed), "payouts_total": yuan(s.payouts_total),
        "donations": [(donor, yuan(amount)) for donor, amount in s.donations],
        "purposes": [{"name": b.name, "gross": yuan(b.gross), "reversed": yuan(b.reversed) if b.reversed else "",
                      "net": yuan(b.net),
                      "lines": [(x.booked_on, x.who, yuan(x.amount), x.memo) for x in b.lines]}
                     for b in s.purposes],
        "reversals": [(x.booked_on, x.memo, yuan(x.amount)) for x in s.reversals],
    }


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> Any:
    raise ValueError("the statement fetches nothing")


def to_pdf(s: Statement) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is wanted

    html = render_to_string("carefund/statement_pdf.html", {"s": s, "m": money_view(s)})
    pdf: bytes = HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()
    return pdf


def _y(fen: int) -> Decimal:
    return Decimal(fen) / FEN_PER_YUAN


def to_workbook(s: Statement) -> Any:
    """One sheet: the summary, donations by donor, payouts by purpose and payee, reversals."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from pingxing.rubric.xlsxguard import append_row

    wb = Workbook()
    ws = wb.active
    ws.title = _("%(year)s年度收支") % {"year": s.year}
    bold = Font(bold=True)

    def row(*values: Any, strong: bool = False) -> None:
        append_row(ws, values)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, Decimal | int | float) and not isinstance(cell.value, bool):
                cell.number_format = "#,##0.00"
            if strong:
                cell.font = bold

    row(_("%(fund)s %(year)s年度收支报告") % {"fund": s.fund_name, "year": s.year}, strong=True)
    row(_("管理组织"), s.organization)
    row()
    row(_("项目"), _("金额（元）"), strong=True)
    row(_("期初余额"), _y(s.opening))
    row(_("本年收入合计"), _y(s.total_in))
    row(_("本年支出合计"), _y(s.total_out))
    row(_("期末余额"), _y(s.closing), strong=True)
    row()
    row(_("一、捐赠收入"), _y(s.donations_total), strong=True)
    for donor, amount in s.donations:
        row(donor, _y(amount))
    if s.donations_reversed:
        row(_("捐赠冲正"), _y(-s.donations_reversed))
    row()
    row(_("二、帮扶支出"), _y(s.payouts_total), strong=True)
    for block in s.purposes:
        row(block.name, _y(block.gross), strong=True)
        for line in block.lines:
            row(line.who, _y(line.amount), line.booked_on.isoformat(), line.memo)
        if block.reversed:
            row(_("其中已冲正"), _y(-block.reversed))
        row(_("净支出"), _y(block.net))
    row()
    row(_("三、冲正"), strong=True)
    for line in s.reversals:
        row(line.memo, _y(line.amount), line.booked_on.isoformat())
    for letter, width in (("A", 28), ("B", 16), ("C", 14), ("D", 40)):
        ws.column_dimensions[letter].width = width
    return wb


def to_xlsx(s: Statement) -> bytes:
    buffer = io.BytesIO()
    to_workbook(s).save(buffer)
    return buffer.getvalue()


__all__ = ["Line", "PurposeBlock", "Statement", "build", "to_pdf", "to_xlsx", "yuan"]
