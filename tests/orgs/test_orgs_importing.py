from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from pingxing.audit.models import AuditEntry
from pingxing.orgs.importing import COLUMNS, parse_orgs
from pingxing.orgs.models import Organization

pytestmark = pytest.mark.django_db


def workbook(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in COLUMNS])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "orgs.xlsx"
    return buffer


def test_a_good_file_creates_a_street_and_its_communities_in_one_go(world, client):
    client.force_login(world.county_user)
    upload = workbook(
        ("S9", "丙街道党工委", world.county.code, "", "", ""),
        ("S9-1", "丙一社区党支部", "S9", "社区(居)党组织", "党支部", "李娜"),
        ("S9-2", "丙企业党支部", "S9", "企业党组织", "党支部", ""),
    )
    response = client.post("/orgs/import/", {"file": upload})
    assert response.status_code == 302
    street = Organization.objects.get(code="S9")
    assert street.level == "street" and street.parent == world.county
    community = Organization.objects.get(code="S9-1")
    assert community.kind == "community" and community.form == "branch" and community.path.startswith(street.path)
    assert AuditEntry.objects.filter(action="import", object_type="orgs.organization").count() == 1


def test_a_bad_file_saves_nothing_and_lists_every_bad_row(world):
    upload = workbook(
        ("N1", "好社区党支部", world.street_a.code, "社区(居)党组织", "党支部", ""),
        ("N2", "", world.street_a.code, "社区(居)党组织", "党支部", ""),
        ("N3", "未知上级", "NOPE", "社区(居)党组织", "党支部", ""),
        ("N4", "越权社区", world.street_b.code, "社区(居)党组织", "党支部", ""),
        ("N1", "重复代码", world.street_a.code, "社区(居)党组织", "小组", ""),
    )
    result = parse_orgs(upload, user=world.street_user)
    found = {(e.row, e.column) for e in result.errors}
    assert (3, "组织名称") in found
    assert (4, "上级组织代码") in found
    assert (5, "上级组织代码") in found
    assert (6, "组织代码") in found and (6, "组织形式") in found
    assert (2, "组织代码") not in found
    assert not Organization.objects.filter(code__startswith="N").exists()


def test_the_import_page_shows_the_error_table(world, client):
    client.force_login(world.street_user)
    upload = workbook(("N3", "未知上级", "NOPE", "社区(居)党组织", "党支部", ""))
    response = client.post("/orgs/import/", {"file": upload})
    assert response.status_code == 200
    assert "未知的组织代码“NOPE”" in response.content.decode()


def test_a_secretary_may_not_import_organizations(world, client):
    client.force_login(world.secretary)
    assert client.get("/orgs/import/").status_code == 404


def test_a_file_that_is_not_excel_is_reported(world):
    result = parse_orgs(io.BytesIO(b"not a workbook"), user=world.county_user)
    assert result.errors and result.errors[0].row == 1
