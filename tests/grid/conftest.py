"""Fixtures of the grid tests. No Django import at module level: the pure tests of this folder
(workflow, catalogue, clock) run with `-p no:django`."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def net(db) -> SimpleNamespace:
    """The network world (tests/grid/grid_network_world.py): factories' world with grids, a team
    and households in community A1."""
    from grid_network_world import make_network_world

    return make_network_world()
