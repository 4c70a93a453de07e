"""Shared fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):  # noqa: ANN001, ANN202
    # MD5 only in tests: PBKDF2 would spend most of the suite's time hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
