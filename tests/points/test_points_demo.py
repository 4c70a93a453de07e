"""The points demo: the item table in use in three communities, one deduction under appeal,
one exemption, every cap respected; loading twice keeps one copy."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.urls import reverse

from pingxing.accounts.models import User
from pingxing.demo import load_demo_if_empty
from pingxing.points.demo import load_points
from pingxing.points.models import Appeal, AppealState, Exemption, PointEntry
from pingxing.points.rules import load_table


@pytest.fixture
def demo(db):
    load_demo_if_empty()
    load_points()


def test_the_demo_has_entries_an_appeal_and_an_exemption(demo, client):
    orgs = set(PointEntry.objects.values_list("organization__name", flat=True))
    assert {"笛扬社区党总支", "柯亭社区党支部", "湖西社区党支部"} <= orgs
    appeal = Appeal.objects.get()
    assert appeal.state == AppealState.PENDING and appeal.entry.member.user.username == "member_diyang"
    assert Exemption.objects.get().member.organization.name == "柯亭社区党支部"
    table = load_table()
    for row in PointEntry.objects.values("member_id", "year", "item_code").annotate(net=Sum("points")):
        assert abs(row["net"]) <= table.item(row["item_code"]).cap_per_year
    client.force_login(User.objects.get(username="member_diyang"))
    page = client.get(reverse("points:mine")).content.decode()
    assert "无故缺席本月主题党日" in page and "待支委会决定" in page
    count = PointEntry.objects.count()
    load_points()
    assert PointEntry.objects.count() == count
