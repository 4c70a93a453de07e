"""Excel import of household files: all or nothing, every bad row reported."""

from __future__ import annotations

from django.urls import reverse
from grid_network_world import sheet

from factories import fictional_id_number
from pingxing.grid.models import Household, Resident

GOOD_ID = fictional_id_number(n=611)


def _post(client, user, rows):
    client.force_login(user)
    return client.post(reverse("grid:households_import"), {"file": sheet(rows)})


def test_a_sheet_with_bad_rows_saves_nothing_and_names_every_bad_row(client, net):
    rows = [
        ["A-1", "新村1幢101室", "1幢", "好户主", GOOD_ID, "13900000611", "独居老人、困难", "助餐"],  # row 2 good
        ["Z-9", "新村1幢102室", "1幢", "甲", "", "", "", ""],  # 3: unknown grid code
        ["A-1", "新村1幢103室", "1幢", "乙", "330621197001010010", "", "", ""],  # 4: bad ID checksum
        ["A-1", "新村1幢104室", "1幢", "丙", "", "12345", "", ""],  # 5: bad phone
        ["A-1", "新村1幢105室", "1幢", "丁", "", "", "外星人", ""],  # 6: unknown tag
        ["A-1", "新村 1幢101室", "1幢", "戊", "", "", "", ""],  # 7: same address as row 2
        ["A-1", "甲一小区1幢101室", "1幢", "己", "", "", "", ""],  # 8: already on file
    ]
    before = Household.objects.count()
    html = _post(client, net.clerk, rows).content.decode()
    assert Household.objects.count() == before
    for line, reason in ((3, "Z-9"), (4, "校验位"), (5, "手机号码"), (6, "外星人"), (7, "与第 2 行的住址重复"),
                         (8, "已有民情档案")):
        assert f"第{line}行" in html and reason in html
    assert "第2行" not in html


def test_a_clean_sheet_saves_every_household_with_its_head_and_tags(client, net):
    rows = [["A-1", f"新村12幢{n}01室", "12幢", f"户主{n}", fictional_id_number(n=620 + n), f"1390000062{n}",
             "独居老人" if n == 1 else "", "需要理发"] for n in range(1, 4)]
    response = _post(client, net.secretary, rows)
    assert response.status_code == 302
    new = Household.objects.filter(building="12幢")
    assert new.count() == 3 and all(h.grid_id == net.small.pk for h in new)
    assert Resident.objects.filter(household__in=new, relation="户主").count() == 3
    assert new.filter(tags__name="独居老人").count() == 1


def test_grid_codes_of_another_community_are_unknown(client, net):
    # A2's grid is also coded "A", but the sheet is read for the clerk's own community A1
    client.force_login(net.clerk)
    rows = [["A", "甲一小区9幢", "9幢", "甲", "", "", "", ""]]
    client.post(reverse("grid:households_import"), {"file": sheet(rows)})
    assert Household.objects.get(building="9幢").grid_id == net.large.pk


def test_a_member_may_not_import(client, net):
    client.force_login(net.member_user)
    assert client.get(reverse("grid:households_import")).status_code == 404
