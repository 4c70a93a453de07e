"""Shared fixtures. Factories live in tests/factories.py.

The pure tests (rubric, documents, every app's permissions) run without Django at all:
`pytest -p no:django tests/rubric tests/documents tests/*/test_*_permissions.py` (CI does).
The fixtures below touch Django only when pytest-django is active.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _with_django(config: pytest.Config) -> bool:
    return config.pluginmanager.hasplugin("django")


@pytest.fixture(autouse=True)
def _django_test_defaults(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _with_django(request.config):
        yield
        return
    from django.conf import settings as django_settings
    from django.utils import translation

    # MD5 only in tests: PBKDF2 would spend most of the suite's time hashing.
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Checkpoints and backups of a developer's ./var must not reach the tests (nor the reverse).
    tmp = request.getfixturevalue("tmp_path")
    settings.AUDIT_CHECKPOINT_DIR = tmp / "audit-checkpoints"
    settings.BACKUP_DIR = tmp / "backups"
    # Django's LocaleMiddleware activates a request's language in the test's thread and
    # leaves it there; a test that asked for English must not turn later tests English.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # Transactional tests end with `flush`; on SQLite that is a DELETE the audit
    # trail's append-only trigger refuses (PostgreSQL truncates). Lift it for the flush.
    if not _with_django(item.config):
        return (yield)
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
