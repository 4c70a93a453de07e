from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _publicity_test_settings(request):
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.REQUIRE_STAFF_2FA = False
        settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"


@pytest.fixture
def world(db):
    from factories import make_user, make_world

    w = make_world()
    w.street_b_user = make_user(role="street", organization=w.street_b)
    w.secretary_a2 = make_user(role="secretary", organization=w.a2)
    return w
