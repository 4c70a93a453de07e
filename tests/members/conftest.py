from __future__ import annotations

import pytest

from factories import make_world


@pytest.fixture(autouse=True)
def _no_staff_two_factor(settings):  # noqa: ANN001, ANN202
    # Two-factor login is the accounts app's concern, tested there.
    settings.REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(db):  # noqa: ANN001, ANN201
    return make_world()
