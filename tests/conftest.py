"""Shared fixtures. Factories live in tests/factories.py."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):  # noqa: ANN001, ANN202
    # MD5 only in tests: PBKDF2 would spend most of the suite's time hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _chinese_by_default():  # noqa: ANN202
    # Django's LocaleMiddleware activates a request's language in the test's thread and
    # leaves it there; a test that asked for English must not turn later tests English.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):  # noqa: ANN001, ANN201
    # Transactional tests end with `flush`; on SQLite that is a DELETE the audit
    # trail's append-only trigger refuses (PostgreSQL truncates). Lift it for the flush.
    marker = item.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in getattr(item, "fixturenames", ()) for name in ("transactional_db", "live_server")
    )
    if not transactional:
        return (yield)
    from pytest_django.plugin import blocking_manager_key

    from pingxing.audit.triggers import sqlite_flush_allowed

    with sqlite_flush_allowed(item.config.stash[blocking_manager_key].unblock):
        return (yield)
