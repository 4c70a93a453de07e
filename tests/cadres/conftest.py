"""The world of the cadres tests: the factories' world plus a roster of 甲一社区 (A1)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def world(db) -> SimpleNamespace:
    # Django only here: the pure tests of this folder run without it.
    from cadres_world import build_world

    return build_world()
