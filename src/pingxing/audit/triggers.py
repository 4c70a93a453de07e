"""Test support for the append-only triggers of migration 0002 on SQLite.

Django's `flush` (run after every transactional test, e.g. live-server browser
tests) empties SQLite tables with DELETE, which the trigger refuses for fresh
entries; on PostgreSQL it uses TRUNCATE, which row triggers do not see. This
lifts the SQLite DELETE trigger around such a flush and puts it back after.
Keep the SQL in step with migrations/0002_append_only_triggers.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from django.db import connection

_SQLITE_NO_EARLY_DELETE = """
    CREATE TRIGGER audit_auditentry_no_early_delete
    BEFORE DELETE ON audit_auditentry
    WHEN OLD.created_at > strftime('%Y-%m-%d %H:%M:%f', 'now', '-180 days')
    BEGIN
        SELECT RAISE(ABORT, 'audit entries younger than 180 days cannot be deleted');
    END
"""


@contextmanager
def sqlite_flush_allowed(unblock: Callable[[], AbstractContextManager[None]]) -> Iterator[None]:
    """For test teardown only: let `flush` empty the audit table on SQLite.

    `unblock` is pytest-django's database blocker, closed again at teardown time.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with unblock(), connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_auditentry_no_early_delete")
    try:
        yield
    finally:
        with unblock(), connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditentry_no_early_delete")
            cursor.execute(_SQLITE_NO_EARLY_DELETE)
