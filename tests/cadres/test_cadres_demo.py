"""The demo's cadres: four 柯桥 rosters, approved pledges with results, cases at every step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pingxing.accounts.models import User
from pingxing.cadres.demo import load_cadres
from pingxing.cadres.models import AccountabilityCase, AdjustmentCase, CadrePledge, LeadershipPost
from pingxing.demo import load_demo_if_empty


@pytest.mark.django_db
def test_the_demo_cadres(client, settings):
    settings.REQUIRE_STAFF_2FA = False
    today = dt.date(2026, 9, 1)
    load_demo_if_empty(today)
    orgs = set(LeadershipPost.objects.values_list("organization__name", flat=True))
    assert {"笛扬社区党总支", "柯亭社区党支部", "瓜渚社区党总支", "湖西社区党支部"} <= orgs
    assert LeadershipPost.objects.filter(member__isnull=True, body="residents_committee").exists()
    pledges = CadrePledge.objects.filter(year=2026)
    assert pledges.exists() and set(pledges.values_list("state", flat=True)) == {"approved"}
    assert all(p.target_star for p in pledges if p.post.is_secretary)
    assert set(AccountabilityCase.objects.values_list("state", flat=True)) == {"open", "decided"}
    assert AccountabilityCase.objects.get(state="decided").form_label == "提醒谈话"
    assert set(AdjustmentCase.objects.values_list("state", flat=True)) == {"proposed", "adjusted"}
    secretary = User.objects.get(username="secretary_diyang")
    client.force_login(secretary)
    roster = client.get(reverse("cadres:roster", args=[secretary.organization_id])).content.decode()
    assert "交叉任职" in roster
    pledge = pledges.get(organization=secretary.organization, post__position="secretary")
    page = client.get(reverse("cadres:pledge", args=[pledge.pk])).content.decode()
    assert 'id="target-star">' in page
    report = client.get(reverse("cadres:report", args=[pledge.post_id]), {"year": 2026})
    assert report.status_code == 200 and "述职报告" in report.content.decode()
    count = LeadershipPost.objects.count()
    load_cadres(today=today)
    assert LeadershipPost.objects.count() == count
