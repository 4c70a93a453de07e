"""The points ledger and the pledges feed the democratic evaluation: on the evaluation's page
each roll member's yearly points and pledge score; on the public 五亮 page the item table under
亮标准 and, under 亮结果, how many members fall in each band of points — never names."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluations"))
from evaluation_world import make_evaluation_world

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def w(settings):
    settings.REQUIRE_STAFF_2FA = False
    from pingxing.points import services as points

    w = make_evaluation_world(members=4, year=YEAR, state="preparation")
    first, second = w.members[0], w.members[1]
    for _ in range(3):  # B04 参加专题学习讨论: 1 point each, no evidence needed
        points.entry_record(member=first, occurred_on=dt.date(YEAR, 4, 1), item_code="B04", by=w.clerk)
    points.entry_record(member=second, occurred_on=dt.date(YEAR, 5, 1), item_code="B04", times=12, by=w.clerk)
    w.first, w.second = first, second
    return w


def _section(page: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}".*?</(?:section|div)>', page, re.S).group(0)


def test_the_evaluation_page_shows_each_roll_members_points_and_pledge_state(w, client):
    client.force_login(w.secretary)
    page = client.get(f"/evaluations/{w.evaluation.pk}/").content.decode()
    balances = _section(page, "evaluation-points")
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>100</td><td>\d+</td><td>0</td><td><strong>(\d+)</strong>",
                           balances))
    assert rows[w.first.name] == "103" and rows[w.second.name] == "112"
    assert rows[w.members[2].name] == "100"
    pledges = _section(page, "evaluation-pledge-scores")
    assert all(m.name in pledges for m in w.members) and "未作承诺" in pledges


def test_the_public_page_shows_the_item_table_and_only_the_bands_of_points(w, client):
    from pingxing.points.rules import load_table

    page = client.get(f"/evaluations/public/{w.org.pk}/").content.decode()  # anonymous visitor
    standard = _section(page, "wl-points-standard")
    table = load_table()
    assert f"年度基础分{table.base_points}分" in standard
    assert all(item.name in standard for item in table.items)
    results = _section(page, "wl-points-results")
    assert "100–109分：3人" in results and "110–119分：1人" in results  # 100, 100, 103 | 112
    assert not any(m.name in results for m in w.members)
