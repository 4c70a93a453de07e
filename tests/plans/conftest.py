from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _plans_test_settings(request):
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(db):
    from factories import make_world

    return make_world()
