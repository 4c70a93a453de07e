"""Reads of members."""

from __future__ import annotations

import pytest

from factories import make_community, make_county, make_members, make_street
from pingxing.members.queries import member_counts_by_status

pytestmark = pytest.mark.django_db


def test_member_counts_by_status_cover_the_subtree():
    street = make_street(parent=make_county())
    org = make_community(parent=street)
    members = make_members(organization=org, count=3)
    members[0].status = "probationary"
    members[0].is_mobile = True
    members[0].save()
    counts = member_counts_by_status(street)
    assert counts == {"full": 2, "probationary": 1, "mobile": 1, "total": 3}
