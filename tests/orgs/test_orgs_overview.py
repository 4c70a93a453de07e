"""The street's overview (党建工作总览): one row per organization of its subtree, one group of
columns per app, figures from the apps' own records."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
from pathlib import Path

import openpyxl
import pytest

from factories import make_community, make_members
from pingxing.core import overview

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pledges"))
from pledge_world import YEAR, published_sheet

pytestmark = pytest.mark.django_db


def _row(page: str, org_id: int) -> list[str]:
    row = re.search(rf'<tr data-org="{org_id}">(.*?)</tr>', page, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]


def test_the_street_sees_each_organizations_pledges_and_points_from_their_records(world, client):
    from pingxing.points import services as points

    published_sheet(world.m_a1, account=world.member_user, reviewer=world.secretary)
    points.entry_record(member=world.m_a1, occurred_on=dt.date(YEAR, 5, 1), item_code="B04", by=world.clerk)
    client.force_login(world.street_user)
    page = client.get(f"/orgs/overview/?year={YEAR}").content.decode()
    assert "甲一社区党支部" in page and "甲二社区党支部" in page and "乙一社区党支部" not in page
    cells = _row(page, world.a1.pk)
    # 甲一: name, stars (none), one public pledge sheet, 0 kept, 0 pending; two members, (101+100)/2
    assert cells[0] == "甲一社区党支部"
    assert cells[3:6] == ["1", "0", "0"]
    assert cells[6:9] == ["2", "100.5", "0"]


def test_an_app_registers_a_group_and_an_organization_it_does_not_know_gets_empty_cells(world, client):
    overview.add_group(overview.OverviewGroup("test.group", "测试组", ("甲", "乙"), order=999,
                                              cells=lambda ids, year: {world.a1.pk: (7, 8)}))
    try:
        client.force_login(world.street_user)
        page = client.get("/orgs/overview/?year=2010").content.decode()
        assert "测试组" in page
        assert _row(page, world.a1.pk)[-2:] == ["7", "8"]
        assert _row(page, world.a2.pk)[-2:] == ["", ""]
    finally:
        overview.remove("test.group")


def test_only_the_street_and_county_open_it(world, client):
    for user in (world.secretary, world.clerk, world.member_user, world.admin):
        client.force_login(user)
        assert client.get("/orgs/overview/").status_code == 404
    client.force_login(world.county_user)
    assert client.get("/orgs/overview/?year=abc&kind=nonsense").status_code == 200


def test_the_export_holds_the_same_rows(world, client):
    client.force_login(world.street_user)
    response = client.get(f"/orgs/overview.xlsx?year={YEAR}")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["甲一社区党支部", "甲二社区党支部"]
    assert ws.cell(1, 3).value.startswith("评星晋级")


def test_the_overview_of_many_organizations_runs_a_bounded_number_of_queries(world, client,
                                                                             django_assert_max_num_queries):
    for _ in range(60):
        make_members(organization=make_community(parent=world.street_a), count=3)
    client.force_login(world.county_user)
    with django_assert_max_num_queries(30):
        assert client.get(f"/orgs/overview/?year={YEAR}").status_code == 200


def test_an_unkept_cadre_pledge_shows_as_an_open_accountability_case_of_its_organization(client):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cadres"))
    from cadres_world import approved_pledge, build_world, first_checkpoint

    from pingxing.cadres import services as cadres

    w = build_world()
    pledge = approved_pledge(w, w.member_post)
    cadres.checkpoint_record(checkpoint=first_checkpoint(pledge), result="not_kept", note="未按期走访",
                             on=dt.date(YEAR, 7, 1), by=w.street_user)
    client.force_login(w.street_user)
    page = client.get(f"/orgs/overview/?year={YEAR}").content.decode()
    headers = re.findall(r"<th>([^<]+)</th>", page)
    cells = _row(page, w.a1.pk)[1:]
    assert dict(zip(headers, cells, strict=True))["待处理问责"] == "1"
    assert dict(zip(headers, _row(page, w.a2.pk)[1:], strict=True))["待处理问责"] == "0"
