"""The world of the posts tests: the factories' world, an enterprise of street A with its own
secretary and member, and a user of the other street."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def world(db) -> SimpleNamespace:
    # Django only here: the pure tests of this folder run without it.
    from factories import make_community, make_member, make_user, make_world

    w = make_world()
    w.factory = make_community(parent=w.street_a, kind="enterprise", name="甲街道印染有限公司党支部")
    w.m_factory = make_member(organization=w.factory, name="印染党员")
    w.factory_secretary = make_user(role="secretary", organization=w.factory)
    w.other_street_user = make_user(role="street", organization=w.street_b)
    w.other_member_user = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    return w


@pytest.fixture
def _no_two_factor(settings):
    settings.REQUIRE_STAFF_2FA = False
