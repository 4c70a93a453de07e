"""The demo's grid network: grids and teams in every 柯桥 community, a few thousand households,
a year of visits; the demo logins reach the visit page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pingxing.core import nav
from pingxing.grid.demo_network import load_network
from pingxing.grid.models import Grid, Household, HouseholdLink, TeamMember, Visit
from pingxing.orgs.models import Organization

TODAY = dt.date(2026, 9, 1)


@pytest.mark.django_db
def test_the_demo_network_covers_every_keqiao_community(client, settings):
    from pingxing.demo import load_demo_if_empty

    settings.REQUIRE_STAFF_2FA = False
    load_demo_if_empty(TODAY)  # loads the grid demo too; load_network again changes nothing
    keqiao = Organization.objects.get(code="330621001")
    communities = Organization.objects.communities().filter(path__startswith=keqiao.path)
    assert set(Grid.objects.filter(level="large").values_list("community_id", flat=True)) == set(
        communities.values_list("pk", flat=True))
    assert all(2 <= g.children.count() <= 4 for g in Grid.objects.filter(level="large"))
    assert 2500 <= Household.objects.count() <= 3500
    visits = Visit.objects.all()
    assert 200 <= visits.count() <= 600 and visits.filter(occurred_on__gt=TODAY).count() == 0
    assert visits.exclude(grade="").exists() and visits.filter(photos__isnull=False).exists()
    assert HouseholdLink.objects.exists()
    leads = TeamMember.objects.filter(role__leads=True, user__isnull=False)
    assert leads.count() == Grid.objects.count()
    count = Visit.objects.count()
    load_network(today=TODAY)
    assert Visit.objects.count() == count

    from pingxing.accounts.models import User

    for username in ("clerk_diyang", "member_diyang"):
        user = User.objects.get(username=username)
        assert "民情日记" in [str(label) for label, _url in nav.menu_for(user)], username
        client.force_login(user)
        assert client.get(reverse("grid:visit_new")).status_code == 200, username
