"""A county of thousands of communities reads its campaign page a page at a time."""

from __future__ import annotations

from pingxing.ratings import queries


def test_the_county_campaign_page_is_paged_and_keeps_the_filters(client, county, settings, monkeypatch):
    settings.REQUIRE_STAFF_2FA = False
    monkeypatch.setattr(queries, "ROWS_PER_PAGE", 2)
    client.force_login(county.county_user)
    first = client.get("/ratings/2010/").content.decode()
    second = client.get("/ratings/2010/?page=2").content.decode()
    names = [county.community.name, county.neighbour.name, county.far_community.name]
    on_first = [n for n in names if n in first]
    on_second = [n for n in names if n in second]
    assert len(on_first) == 2 and len(on_second) == 1
    assert set(on_first) | set(on_second) == set(names)
    assert "?page=2" in first and "第 1 / 2 页" in first
    # A filter to one street fits on one page: no pager.
    one_street = client.get(f"/ratings/2010/?street={county.street.pk}").content.decode()
    assert "第 1 / " not in one_street
    # A page past the end shows the last page rather than nothing.
    assert county.far_community.name in client.get("/ratings/2010/?page=99").content.decode()
