"""The yearly statement reconciles to the ledger's entries; its PDF and Excel say the same."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from django.db.models import Sum
from django.utils import timezone

from factories import make_county, make_street, make_user
from pingxing.carefund import ledger, statement
from pingxing.carefund.models import Account, Entry


@pytest.fixture
def books(db):
    street = make_street(parent=make_county(), name="柯桥街道党工委")
    clerk = make_user(role="street", organization=street)
    fund = ledger.open_fund(organization=street, name="柯桥街道党内关爱基金", notice_days=5, by=clerk)
    year = timezone.localdate().year
    last, this = dt.date(year - 1, 11, 5), dt.date(year, 1, 10)
    ledger.donate(fund=fund, key="d0", amount=80_000, donor="去年企业", booked_on=last, by=clerk)
    ledger.disburse(fund=fund, key="p0", amount=10_000, purpose="hardship", payee="去年户", booked_on=last, by=clerk)
    ledger.donate(fund=fund, key="d1", amount=200_000, donor="某爱心企业", booked_on=this, by=clerk)
    ledger.donate(fund=fund, key="d2", amount=50_050, donor="张先生", booked_on=this, by=clerk)
    wrong = ledger.donate(fund=fund, key="d3", amount=1_000, donor="误录", booked_on=this, by=clerk)
    ledger.reverse(posting=wrong, key="r3", reason="误录", booked_on=this, by=clerk)
    ledger.disburse(fund=fund, key="p1", amount=30_000, purpose="hardship", payee="王阿姨", booked_on=this, by=clerk)
    twice = ledger.disburse(fund=fund, key="p2", amount=20_000, purpose="hardship", payee="李大伯",
                            booked_on=this, by=clerk)
    ledger.reverse(posting=twice, key="r2", reason="重复发放", booked_on=this, by=clerk)
    ledger.disburse(fund=fund, key="p3", amount=60_000, purpose="startup", payee="陈创业", booked_on=this, by=clerk)
    return fund, year


def test_the_statement_reconciles_to_the_entries(books):
    fund, year = books
    s = statement.build(fund, year)
    assert s.opening == 70_000
    assert s.opening + s.total_in - s.total_out == s.closing
    assert s.closing == Account.objects.get(fund=fund, code="1002").balance == 70_000 + 250_050 - 90_000
    assert dict(s.donations) == {"某爱心企业": 200_000, "张先生": 50_050, "误录": 1_000}
    assert s.donations_reversed == 1_000
    assert s.total_in == s.donations_total + sum(p.reversed for p in s.purposes)
    assert s.total_out == s.payouts_total + s.donations_reversed
    for block in s.purposes:
        year_entries = Entry.objects.filter(account__fund=fund, account__code=block.code,
                                            posting__booked_on__year=year).aggregate(d=Sum("debit"), c=Sum("credit"))
        assert block.gross == (year_entries["d"] or 0)
        assert block.net == (year_entries["d"] or 0) - (year_entries["c"] or 0)
    hardship = next(b for b in s.purposes if b.code == "5101")
    assert [(x.who, x.amount) for x in hardship.lines] == [("王阿姨", 30_000), ("李大伯", 20_000)]
    assert hardship.reversed == 20_000 and len(s.reversals) == 2


def test_last_years_closing_is_this_years_opening(books):
    fund, year = books
    assert statement.build(fund, year - 1).closing == statement.build(fund, year).opening == 70_000


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext"):
        path = tmp_path / "s.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
        text = out.stdout
    else:
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", "", text)


def test_the_pdf_is_readable(books, tmp_path):
    fund, year = books
    pdf = statement.to_pdf(statement.build(fund, year))
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "柯桥街道党内关爱基金" in text
    assert f"{year}年度收支报告" in text
    assert "期末余额" + "2,300.50" in text
    assert "王阿姨" + "300.00" in text


def test_the_excel_totals_equal_the_statement(books):
    from openpyxl import load_workbook

    fund, year = books
    s = statement.build(fund, year)
    ws = load_workbook(io.BytesIO(statement.to_xlsx(s))).active
    values = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}

    def fen(label):
        return round(float(values[label]) * 100)

    assert fen("期初余额") == s.opening
    assert fen("本年收入合计") == s.total_in
    assert fen("本年支出合计") == s.total_out
    assert fen("期末余额") == s.closing
    assert fen("一、捐赠收入") == s.donations_total
    assert fen("二、帮扶支出") == s.payouts_total
    assert fen("陈创业") == 60_000
