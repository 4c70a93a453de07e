from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_staff_two_factor(request):
    if request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").REQUIRE_STAFF_2FA = False
