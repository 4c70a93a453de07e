from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _points_test_settings(request):
    # Two-factor login is the accounts app's concern; uploads go to the test's own folder.
    if request.config.pluginmanager.hasplugin("django"):
        settings = request.getfixturevalue("settings")
        settings.REQUIRE_STAFF_2FA = False
        settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"


@pytest.fixture
def world(db):
    from factories import make_world

    return make_world()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name: str = "现场照片.png", content: bytes = PNG):
        return SimpleUploadedFile(name, content, content_type="image/png")

    return make
