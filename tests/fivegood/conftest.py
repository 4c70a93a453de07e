from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fivegood_test_settings(request):
    # Two-factor login is the accounts app's concern.
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").REQUIRE_STAFF_2FA = False


@pytest.fixture
def world(db):
    from factories import make_world

    return make_world()

