"""Facts import for many communities from the XLSX template: all-or-nothing, every bad row listed."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from factories import make_user
from pingxing import rubric
from pingxing.ratings import samples, services
from pingxing.ratings.models import CaseState
from pingxing.rubric.facts import ENUM_LABELS_ZH
from pingxing.rubric.io import write_template

pytestmark = pytest.mark.django_db
SPECS = rubric.contract_fields()
TITLES = {s.name: s.title for s in SPECS}


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False


def _cells(facts):
    """A row as a person fills the template: 是/否, Chinese level names, numbers."""
    row = []
    for spec in SPECS:
        value = facts.get(spec.name)
        if isinstance(value, bool):
            value = "是" if value else "否"
        elif spec.enum and value is not None:
            value = ENUM_LABELS_ZH.get(value, value)
        row.append(value)
    return row


def _workbook(rows, header=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header or [s.title for s in SPECS])
    for row in rows:
        ws.append(row if isinstance(row, list) else _cells(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _facts(org, star=5, year=2010):
    if star == 5:
        return samples.best_facts(org.code, year, org.name)
    return samples.facts_for_star(star, org.code, year, seed=4, org_name=org.name)


def test_a_filled_in_template_saves_every_row_as_draft_facts(county, tmp_path):
    path = tmp_path / "template.xlsx"
    write_template(path)
    wb = load_workbook(path)
    wb.worksheets[0].append(_cells(_facts(county.community)))
    wb.worksheets[0].append(_cells(_facts(county.far_community, star=2)))
    buf = io.BytesIO()
    wb.save(buf)
    result = services.facts_import(data=buf.getvalue(), campaign=county.campaign, user=county.county_user)
    assert result.errors == []
    assert [(r.row, r.case.organization, r.star) for r in result.rows] == [
        (2, county.community, 5), (3, county.far_community, 2)]
    case = county.case(county.community)
    assert case.state == CaseState.DRAFT
    assert case.draft_facts["civilized_community_level"] == "national"
    assert case.draft_facts["org_code"] == county.community.code
    assert case.draft_facts["leadership_complete"] is True
    assert county.case(county.neighbour).draft_facts == {}


def test_a_bad_file_lists_every_error_by_row_and_column_and_saves_nothing(county):
    declared = county.case(county.neighbour)
    services.declaration_submit(case=declared, facts=_facts(county.neighbour), declared_star=5,
                                by=county.neighbour_secretary)
    contract_broken = _facts(county.community)
    contract_broken["disputes_mediated"] = contract_broken["disputes_total"] + 1
    bad_boolean = _cells(_facts(county.far_community))
    bad_boolean[[s.name for s in SPECS].index("leadership_complete")] = "也许"
    rows = [
        contract_broken,                                       # row 2
        {**_facts(county.community), "org_code": "NOPE-1"},    # row 3: unknown organization
        _facts(county.far_community, year=2009),               # row 4: wrong year
        _facts(county.community),                              # row 5: duplicate of row 2
        _facts(county.neighbour),                              # row 6: already declared
        bad_boolean,                                           # row 7: contract type error
    ]
    result = services.facts_import(data=_workbook(rows), campaign=county.campaign, user=county.county_user)
    found = {(e.row, e.column): e.reason for e in result.errors}
    assert "已调处数不能大于矛盾纠纷总数" in found[(2, TITLES["disputes_mediated"])]
    assert "NOPE-1" in found[(3, TITLES["org_code"])]
    assert "考评年度应为2010" in found[(4, TITLES["year"])]
    assert "与第2行重复" in found[(5, TITLES["org_code"])]
    assert "已申报" in found[(6, TITLES["org_code"])]
    assert (7, TITLES["leadership_complete"]) in found
    assert result.rows == []
    for org in (county.community, county.far_community):
        assert county.case(org).draft_facts == {}


def test_a_street_cannot_import_facts_for_another_streets_community(county):
    data = _workbook([_facts(county.community), _facts(county.far_community)])
    result = services.facts_import(data=data, campaign=county.campaign, user=county.street_user)
    assert [(e.row, e.column) for e in result.errors] == [(3, TITLES["org_code"])]
    assert "不是本单位范围内" in result.errors[0].reason
    assert county.case(county.community).draft_facts == {}


def test_an_unknown_column_is_ignored_with_one_warning_and_every_row_imports(county):
    header = [s.title for s in SPECS] + ["备注栏"]
    rows = [_cells(_facts(county.community)) + ["请核对"], _cells(_facts(county.neighbour, star=3)) + [None]]
    result = services.facts_import(data=_workbook(rows, header=header), campaign=county.campaign,
                                    user=county.street_user)
    assert result.errors == []
    assert result.warnings == [f"第{len(SPECS) + 1}列“备注栏”不是考评事实的列，已忽略"]
    assert [r.star for r in result.rows] == [5, 3]
    assert county.case(county.community).draft_facts["leadership_complete"] is True


def test_headers_match_after_trimming_and_full_width_normalization(county):
    header = [f" {s.title}　" for s in SPECS]
    header[0] = "ｏｒｇ＿ｃｏｄｅ"
    result = services.facts_import(data=_workbook([_facts(county.community)], header=header),
                                    campaign=county.campaign, user=county.street_user)
    assert result.errors == [] and result.warnings == []
    assert [r.star for r in result.rows] == [5]


def test_unreadable_files_and_a_sheet_without_org_codes_are_refused(county):
    result = services.facts_import(data=b"not a workbook", campaign=county.campaign, user=county.county_user)
    assert result.errors[0].row == 1 and "无法读取文件" in result.errors[0].reason
    header = [s.title for s in SPECS if s.name != "org_code"]
    result = services.facts_import(data=_workbook([], header=header), campaign=county.campaign,
                                    user=county.county_user)
    assert [(e.row, e.column) for e in result.errors] == [(1, "组织代码")]


def test_the_import_page_shows_the_errors_and_then_the_imported_rows(client, county):
    client.force_login(county.street_user)
    url = reverse("ratings:import", args=[2010])
    bad = io.BytesIO(_workbook([{**_facts(county.community), "org_code": "NOPE-2"}]))
    bad.name = "bad.xlsx"
    response = client.post(url, {"file": bad})
    page = response.content.decode()
    assert response.status_code == 400
    assert "发现 1 处错误，未保存任何数据" in page and "NOPE-2" in page
    good = io.BytesIO(_workbook([_facts(county.community), _facts(county.neighbour, star=2)]))
    good.name = "good.xlsx"
    response = client.post(url, {"file": good}, follow=True)
    page = response.content.decode()
    assert "已导入2个社区的考评事实" in page
    assert county.community.name in page and county.neighbour.name in page
    assert county.case(county.neighbour).draft_facts["org_code"] == county.neighbour.code


def test_the_template_downloads_for_importers_only(client, county):
    client.force_login(county.county_user)
    response = client.get(reverse("ratings:import_template", args=[2010]))
    assert response.status_code == 200
    header = [c.value for c in next(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows())]
    assert header[:3] == [TITLES["org_code"], TITLES["org_name"], TITLES["year"]]
    client.force_login(county.secretary)
    assert client.get(reverse("ratings:import", args=[2010])).status_code == 404
    client.force_login(make_user(role="member", organization=county.community))
    assert client.get(reverse("ratings:import_template", args=[2010])).status_code == 404
