"""A small county for campaign tests: one county office, two streets, communities, users."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class County:
    county: Any
    street: Any
    other_street: Any
    community: Any
    neighbour: Any
    far_community: Any
    county_user: Any
    street_user: Any
    other_street_user: Any
    secretary: Any
    neighbour_secretary: Any
    campaign: Any

    def case(self, org: Any) -> Any:
        return self.campaign.cases.get(organization=org)


@pytest.fixture
def county(db) -> County:
    from factories import make_community, make_county, make_street, make_user
    from pingxing.ratings import services

    county = make_county()
    street = make_street(parent=county, name="柯桥街道党工委")
    other_street = make_street(parent=county, name="华舍街道党工委")
    community = make_community(parent=street, name="笛扬社区党总支")
    neighbour = make_community(parent=street, name="柯亭社区党支部")
    far_community = make_community(parent=other_street, name="华舍社区党支部")
    county_user = make_user(role="county", organization=county)
    campaign = services.campaign_open(
        year=2010, by=county_user, declaration_deadline=dt.date(2010, 9, 30),
        assessment_deadline=dt.date(2010, 10, 31), county_deadline=dt.date(2010, 11, 30),
    )
    return County(
        county=county, street=street, other_street=other_street, community=community,
        neighbour=neighbour, far_community=far_community, county_user=county_user,
        street_user=make_user(role="street", organization=street),
        other_street_user=make_user(role="street", organization=other_street),
        secretary=make_user(role="secretary", organization=community),
        neighbour_secretary=make_user(role="secretary", organization=neighbour),
        campaign=campaign,
    )
