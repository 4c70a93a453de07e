"""The world of the pledges tests: factories' world plus a second member account and three raters."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def world(db) -> SimpleNamespace:
    # Django only here: the pure tests of this folder run without it.
    from factories import make_member, make_user, make_world

    w = make_world()
    w.other_user = make_user(role="member", organization=w.a1, member=w.m_a1_other)
    w.raters = [make_member(organization=w.a1, name=f"互评党员{i}") for i in range(3)]
    w.rater_users = [make_user(role="member", organization=w.a1, member=m) for m in w.raters]
    return w
