"""The database half of `pingxing.backup`: a consistent copy out, and the copy put back.

PostgreSQL: pg_dump / pg_restore, connected through PG* environment variables only (the password
never appears on a command line), dumping from a snapshot exported by our own transaction so the
row counts and audit head in the manifest describe exactly what was dumped. SQLite: the online
backup API, whose copy is then counted.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from types import TracebackType
from typing import Any

from pingxing.audit.chain import GENESIS_HASH

DUMP_NAME = "database/pingxing.dump"
SQLITE_NAME = "database/pingxing.sqlite3"
_SSL_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
            "sslkey": "PGSSLKEY", "connect_timeout": "PGCONNECT_TIMEOUT"}


class BackupError(Exception):
    """A backup could not be made (its message is for the operator)."""


class RestoreRefused(Exception):
    """The archive or the target is not fit for a restore; nothing was changed."""


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: the newest Debian install first, then PATH."""
    def version(path: Path) -> int:
        return int(path.parts[-3]) if path.parts[-3].isdigit() else 0

    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=version, reverse=True):
        if os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"找不到 {name}：请安装 PostgreSQL 客户端（postgresql-client）。")
    return found


def pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The connection of settings.DATABASES as libpq environment variables."""
    env = dict(os.environ)
    for key, var in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("HOST", "PGHOST"), ("PORT", "PGPORT")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    for option, var in _SSL_ENV.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[var] = str(settings_dict["OPTIONS"][option])
    env["PGAPPNAME"] = "pingxing-backup"
    return env


class PgSnapshot:
    """A read-only REPEATABLE READ transaction whose snapshot pg_dump shares."""

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper
        self.raw: Any = None
        self.snapshot = ""

    def __enter__(self) -> PgSnapshot:
        self.raw = self.wrapper.Database.connect(**self.wrapper.get_connection_params())
        self.raw.autocommit = False
        with self.raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            self.snapshot = cursor.fetchone()[0]
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.raw.rollback()
        self.raw.close()

    def counts(self, tables: list[str]) -> dict[str, int]:
        found = {}
        with self.raw.cursor() as cursor:
            for table in tables:
                cursor.execute("SELECT to_regclass(%s)", [self.wrapper.ops.quote_name(table)])
                if cursor.fetchone()[0] is None:
                    continue
                cursor.execute(f"SELECT COUNT(*) FROM {self.wrapper.ops.quote_name(table)}")
                found[table] = int(cursor.fetchone()[0])
        return found

    def head(self) -> tuple[int, str]:
        with self.raw.cursor() as cursor:
            cursor.execute("SELECT to_regclass('audit_audithead')")
            if cursor.fetchone()[0] is None:
                return 0, GENESIS_HASH
            cursor.execute("SELECT last_seq, last_hash FROM audit_audithead WHERE id = 1")
            row = cursor.fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)

    def dump(self, out: Path) -> None:
        done = subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", f"--snapshot={self.snapshot}", "--no-password",
             f"--file={out}"],
            env=pg_env(self.wrapper.settings_dict), capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_dump 失败：{done.stderr.strip()[-800:]}")


def pg_restore(settings_dict: dict[str, Any], dump: Path) -> None:
    """Restore a custom-format dump into the configured database, all or nothing."""
    done = subprocess.run(
        [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--no-password",
         f"--dbname={settings_dict['NAME']}", str(dump)],
        env=pg_env(settings_dict), capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise RestoreRefused(f"pg_restore 失败，数据库未改动：{done.stderr.strip()[-800:]}")


def sqlite_snapshot(name: str, out: Path, tables: list[str]) -> tuple[dict[str, int], tuple[int, str]]:
    """Copy the live database with the backup API; count the copy and read its audit head."""
    if not Path(name).is_file():  # sqlite3.connect would create an empty one
        raise BackupError(f"数据库文件 {name} 不存在（是否已执行 pingxing migrate？）")
    with closing(sqlite3.connect(name, timeout=30)) as source, closing(sqlite3.connect(out)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        existing = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts = {t: int(copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])
                  for t in tables if t in existing}
        row = (copy.execute("SELECT last_seq, last_hash FROM audit_audithead WHERE id = 1").fetchone()
               if "audit_audithead" in existing else None)
    return counts, ((int(row[0]), str(row[1])) if row else (0, GENESIS_HASH))


def sqlite_place(copy: Path, target: Path) -> None:
    """Put a database file in place of the (empty) target; Django's connections are closed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(copy, temp)
    os.chmod(temp, 0o600)
    with temp.open("rb") as handle:
        os.fsync(handle.fileno())
    # A -wal left by the empty database would be replayed onto the restored file.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(temp, target)
