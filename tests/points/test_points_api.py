"""The JSON API answers what the pages show, to the same people."""

from __future__ import annotations

from django.utils import timezone

from pingxing.points import services

TODAY = timezone.localdate()


def test_the_api_gives_a_member_their_own_ledger_only(client, world):
    services.entry_record(member=world.m_a1, occurred_on=TODAY, item_code="B04", by=world.clerk, times=3)
    client.force_login(world.member_user)
    body = client.get(f"/api/points/members/{world.m_a1.pk}/{TODAY.year}").json()
    assert body["balance"] == 103 and body["entries"][0]["item_code"] == "B04"
    assert client.get(f"/api/points/members/{world.m_a1_other.pk}/{TODAY.year}").status_code == 404
    assert client.get(f"/api/points/orgs/{world.a1.pk}/{TODAY.year}").status_code == 404


def test_the_api_gives_the_clerk_the_organizations_statements(client, world):
    services.entry_record(member=world.m_a1_other, occurred_on=TODAY, item_code="D02", by=world.clerk)
    client.force_login(world.clerk)
    rows = {r["name"]: r for r in client.get(f"/api/points/orgs/{world.a1.pk}/{TODAY.year}").json()}
    assert rows["甲一另一党员"]["balance"] == 95 and rows["甲一党员"]["balance"] == 100
    assert client.get(f"/api/points/orgs/{world.a2.pk}/{TODAY.year}").status_code == 404
