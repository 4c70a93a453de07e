"""Backups (`pingxing backup`) and their restore (`pingxing restore ARCHIVE`).

An archive BACKUP_DIR/pingxing-YYYYmmddTHHMMSSZ.tar.gz holds

    database/pingxing.dump      PostgreSQL: `pg_dump --format=custom`
    database/pingxing.sqlite3   SQLite: a copy made with the online backup API
    media/…                     evidence and documents (MEDIA_ROOT)
    manifest.json               format, time, app version, database vendor, row counts per table,
                                sha256 of every other member, the audit head and a checkpoint

and no key material: SECRET_KEY, SALT_KEY (field encryption) and AUDIT_CHAIN_KEY are kept apart
(README, "Backups and restore"). The row counts, the head and the dump come from one snapshot
(on PostgreSQL an exported snapshot shared with pg_dump; on SQLite the copy itself).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from pingxing.audit.chain import GENESIS_HASH, parse_checkpoint
from pingxing.audit.checkpoint import checkpoint_install, checkpoint_write
from pingxing.audit.services import verify
from pingxing.backup_db import (
    DUMP_NAME,
    SQLITE_NAME,
    BackupError,
    PgSnapshot,
    RestoreRefused,
    pg_restore,
    sqlite_place,
    sqlite_snapshot,
)
from pingxing.members.models import Member

FORMAT = 1
MANIFEST = "manifest.json"
NAME_RE = re.compile(r"^pingxing-(\d{8}T\d{6}Z)\.tar\.gz$")
STAMP = "%Y%m%dT%H%M%SZ"
# Rows a fresh `migrate` creates: a restore into such a database is still a restore into an empty one.
MIGRATION_ROWS = {"auth_permission", "ratings_starpolicy"}


@dataclass
class RestoreReport:
    archive: str
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def counted_tables() -> list[str]:
    """Every table of our apps and of django.contrib.auth (with many-to-many tables)."""
    tables = {
        model._meta.db_table
        for config in apps.get_app_configs()
        if config.name.startswith("pingxing.") or config.label == "auth"
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables)


# ---------------------------------------------------------------- backup

def backup(*, directory: Path | None = None, now: dt.datetime | None = None) -> tuple[Path, dict[str, Any]]:
    """Write one archive atomically (temporary name, fsync, rename; mode 0o600), prune old ones.

    Returns the archive's path and its manifest."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = (now or timezone.now()).astimezone(dt.UTC)
    final = directory / f"pingxing-{created:{STAMP}}.tar.gz"
    if final.exists():
        raise BackupError(f"备份文件 {final.name} 已存在，请稍后再试。")
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(dir=directory, prefix=".staging-") as staging:
        if vendor == "postgresql":
            member = DUMP_NAME
            with PgSnapshot(connection) as snap:
                counts, head = snap.counts(counted_tables()), snap.head()
                snap.dump(Path(staging) / "db")
        elif vendor == "sqlite":
            member = SQLITE_NAME
            counts, head = sqlite_snapshot(str(connection.settings_dict["NAME"]), Path(staging) / "db",
                                           counted_tables())
        else:
            raise BackupError(f"不支持的数据库类型：{vendor}")
        mark = checkpoint_write(seq=head[0], last_hash=head[1], now=created)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": created.isoformat(timespec="seconds"),
            "app_version": _app_version(),
            "database": {"vendor": vendor, "member": member},
            "row_counts": counts,
            "files": {},
            "audit": {"head": {"seq": head[0], "hash": head[1]}, "checkpoint": {"name": mark.name, **mark.as_dict()}},
        }
        temp = directory / f".{final.name}.part"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                with tarfile.open(fileobj=handle, mode="w:gz", compresslevel=6) as tar:
                    _add(tar, Path(staging) / "db", member, manifest["files"])
                    for path, name in _media_files(Path(settings.MEDIA_ROOT)):
                        _add(tar, path, name, manifest["files"])
                    _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
                handle.flush()
                os.fchmod(handle.fileno(), 0o600)
                os.fsync(handle.fileno())
            os.replace(temp, final)
        finally:
            temp.unlink(missing_ok=True)
    _fsync_dir(directory)
    manifest["pruned"] = prune(directory, keep_days=settings.BACKUP_KEEP_DAYS, now=created)
    return final, manifest


def prune(directory: Path, *, keep_days: int, now: dt.datetime) -> list[str]:
    """Remove archives older than keep_days by the time in their name; never the newest."""
    stamped = sorted(
        (dt.datetime.strptime(m.group(1), STAMP).replace(tzinfo=dt.UTC), path)
        for path in directory.iterdir() if (m := NAME_RE.match(path.name))
    )
    removed = []
    for when, path in stamped[:-1]:
        if when < now - dt.timedelta(days=keep_days):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


class _Hashing:
    """Reads through a file and hashes what tarfile takes from it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.handle.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, path: Path, name: str, files: dict[str, Any]) -> None:
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # removed since it was listed
        return
    with handle:
        info = tar.gettarinfo(fileobj=handle, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _Hashing(handle)
        tar.addfile(info, reader)
        files[name] = {"sha256": reader.digest.hexdigest(), "size": reader.size}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, "media/" + path.relative_to(root).as_posix()


# ---------------------------------------------------------------- restore

def restore(archive: Path) -> RestoreReport:
    """Restore an archive into an empty database and an empty MEDIA_ROOT, then check it.

    Refuses (RestoreRefused, nothing changed) a damaged archive, one from another kind of
    database, or a target that holds data. Afterwards compares the row counts with the
    manifest, re-hashes the restored files and verifies the audit chain: any difference
    is a problem in the report."""
    archive = Path(archive)
    if not archive.is_file():
        raise RestoreRefused(f"找不到备份文件 {archive}。")
    manifest = _checked_manifest(archive)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise RestoreRefused(f"备份来自 {vendor} 数据库，当前配置的是 {connection.vendor}，不能恢复。")
    media_root = Path(settings.MEDIA_ROOT)
    try:
        _refuse_unless_empty(media_root, manifest)
    except DatabaseError as error:
        raise RestoreRefused(f"无法读取目标数据库，未做任何改动：{error}") from error
    report = RestoreReport(archive=archive.name)
    db_target = Path(str(connection.settings_dict["NAME"]))
    # Staged beside MEDIA_ROOT (same file system): nothing is in place until the database is.
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".pingxing-restore-") as staging:
        db_file, staged_media = Path(staging) / "db", Path(staging) / "media"

        def unpack(member: tarfile.TarInfo, source: IO[bytes]) -> None:
            if member.name == MANIFEST:
                return
            is_db = member.name == manifest["database"]["member"]
            target = db_file if is_db else _media_target(staged_media, member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)

        _each_file(archive, unpack)
        connection.close()
        if vendor == "postgresql":
            pg_restore(connection.settings_dict, db_file)
        else:
            sqlite_place(db_file, db_target)
            if _sha256(db_target) != manifest["files"][SQLITE_NAME]["sha256"]:
                report.problems.append(f"恢复后的数据库文件 {db_target.name} 与清单不符")
        for path in sorted(staged_media.rglob("*")):
            if path.is_file():
                target = media_root / path.relative_to(staged_media)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
    connection.close()
    _check_restored(manifest, media_root, report)
    return report


def _checked_manifest(archive: Path) -> dict[str, Any]:
    """Read the manifest and hash every member against it, before anything is touched."""
    found: dict[str, Any] = {}
    seen: dict[str, str] = {}

    def check(member: tarfile.TarInfo, source: IO[bytes]) -> None:
        if member.name == MANIFEST:
            try:
                found.update(json.loads(source.read().decode()))
            except (ValueError, TypeError) as error:
                raise RestoreRefused(f"备份文件 {archive.name} 的清单 manifest.json 无法读取。") from error
            return
        digest = hashlib.sha256()
        while chunk := source.read(1 << 20):
            digest.update(chunk)
        seen[member.name] = digest.hexdigest()

    _each_file(archive, check)
    if not _well_formed(found):
        raise RestoreRefused(f"{archive.name} 不是评星系统的备份文件（缺少清单 manifest.json 或格式不符）。")
    expected = {name: item["sha256"] for name, item in found["files"].items()}
    damaged = sorted(name for name in expected if seen.get(name) != expected[name])
    strays = sorted(set(seen) - set(expected))
    if damaged:
        raise RestoreRefused(f"备份文件已损坏，未做任何改动：{'、'.join(damaged)} 的校验和与清单不符或缺失。")
    if strays:
        raise RestoreRefused(f"备份文件中有清单之外的文件，未做任何改动：{'、'.join(strays)}。")
    return found


def _well_formed(manifest: dict[str, Any]) -> bool:
    try:
        return (
            manifest["format"] == FORMAT
            and manifest["database"]["vendor"] in ("postgresql", "sqlite")
            and manifest["database"]["member"] in manifest["files"]
            and all(isinstance(item["sha256"], str) for item in manifest["files"].values())
            and all(isinstance(n, int) for n in manifest["row_counts"].values())
            and isinstance(manifest["audit"]["head"]["seq"], int)
            and isinstance(manifest["app_version"], str)
            and isinstance(manifest["audit"]["checkpoint"]["name"], str)
        )
    except (KeyError, TypeError, AttributeError):
        return False


def _each_file(archive: Path, handle: Callable[[tarfile.TarInfo, IO[bytes]], None]) -> None:
    """Read the tar.gz front to back, once; a truncated or garbled one is a refusal."""
    try:
        with tarfile.open(archive, mode="r|gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                source = tar.extractfile(member) if member.isfile() else None
                if source is None:
                    raise RestoreRefused(f"备份文件 {archive.name} 中的 {member.name} 不是普通文件，拒绝恢复。")
                with source:
                    handle(member, source)
    except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
        raise RestoreRefused(f"备份文件 {archive.name} 已损坏或无法读取，未做任何改动：{error}") from error


def _media_target(root: Path, name: str) -> Path:
    parts = PurePosixPath(name).parts
    if len(parts) < 2 or parts[0] != "media" or any(p in ("", ".", "..") for p in parts) or name.startswith("/"):
        raise RestoreRefused(f"备份文件中的路径 {name} 不在 media/ 之下，拒绝恢复。")
    return root.joinpath(*parts[1:])


def _refuse_unless_empty(media_root: Path, manifest: dict[str, Any]) -> None:
    existing = set(connection.introspection.table_names())
    # pg_restore --clean replaces what the dump holds; a table only a newer `migrate` made would stay,
    # unknown to the restored migration history (or, with a foreign key to ours, stop the restore).
    newer = sorted(existing & set(counted_tables()) - set(manifest["row_counts"]))
    if connection.vendor == "postgresql" and newer:
        raise RestoreRefused(
            f"目标数据库中有备份里没有的表（{'、'.join(newer)}），应是较新版本的 migrate 建立的。"
            "请恢复到新建的空数据库（不要先执行 migrate），恢复后再执行 pingxing migrate。未做任何改动。"
        )
    with connection.cursor() as cursor:
        for table in counted_tables():
            if table not in existing or table in MIGRATION_ROWS:
                continue
            where = " WHERE last_seq > 0" if table == "audit_audithead" else ""
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}{where}")
            rows = cursor.fetchone()[0]
            if rows:
                raise RestoreRefused(
                    f"目标数据库不是空的：表 {table} 已有 {rows} 行。恢复只能导入空数据库"
                    "（新建的数据库，执行过 migrate 也可以），未做任何改动。"
                )
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise RestoreRefused(f"媒体目录 {media_root} 中已有文件，请先清空，未做任何改动。")


def _check_restored(manifest: dict[str, Any], media_root: Path, report: RestoreReport) -> None:
    if manifest["app_version"] != _app_version():
        report.lines.append(f"备份来自版本 {manifest['app_version']}，当前为 {_app_version()}：请再执行 pingxing migrate")
    existing = set(connection.introspection.table_names())
    wrong = []
    with connection.cursor() as cursor:
        for table, expected in sorted(manifest["row_counts"].items()):
            if table not in existing:
                wrong.append(f"{table}（缺少此表，清单 {expected} 行）")
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            if (found := cursor.fetchone()[0]) != expected:
                wrong.append(f"{table}（恢复 {found} 行，清单 {expected} 行）")
    total = sum(manifest["row_counts"].values())
    if wrong:
        report.problems.append("行数与清单不符：" + "；".join(wrong))
    else:
        report.lines.append(f"数据库：{len(manifest['row_counts'])} 张表共 {total} 行，与清单一致")
    media = {n: i for n, i in manifest["files"].items() if n.startswith("media/")}
    bad = [n for n, item in sorted(media.items()) if _sha256(_media_target(media_root, n)) != item["sha256"]]
    if bad:
        report.problems.append("恢复后的文件与清单不符：" + "、".join(bad))
    else:
        report.lines.append(f"文件：{len(media)} 个，校验和与清单一致")
    _check_keys(manifest, report)
    mark = manifest["audit"]["checkpoint"]
    if checkpoint_install(mark["name"], mark):
        report.lines.append(f"审计检查点 {mark['name']} 已写入检查点目录")
    head = manifest["audit"]["head"]
    broken = verify()
    if broken is not None:
        where = f"#{broken.seq}" if broken.seq is not None else broken.checkpoint
        report.problems.append(f"审计日志校验未通过（{where}）：{broken.kind} — {broken.detail}")
        if broken.kind == "truncated" and broken.checkpoint and broken.checkpoint != mark["name"]:
            report.problems.append(
                f"检查点 {broken.checkpoint} 晚于本备份（备份至 #{head['seq']}）：备份之后的审计记录已随原数据库丢失，"
                "请记录此事后把较新的检查点移出检查点目录。"
            )
    elif head["seq"] or head["hash"] != GENESIS_HASH:
        report.lines.append(f"审计日志完整，至 #{head['seq']}")
    else:
        report.lines.append("审计日志完整（无记录）")


def _check_keys(manifest: dict[str, Any], report: RestoreReport) -> None:
    """The keys are not in the archive: say which one differs from the one the backup was made with."""
    mark = manifest["audit"]["checkpoint"]
    if parse_checkpoint(str(settings.AUDIT_CHAIN_KEY).encode(), mark["name"], json.dumps(mark).encode()) is None:
        report.problems.append("审计密钥与备份时不同：请设置原来的 PINGXING_AUDIT_KEY（密钥不在备份中，须另行保管）。")
    sample = Member.objects.values_list("id_number", flat=True).first()
    if sample is not None and not sample[:17].isdigit():  # still the Fernet token: not decrypted
        report.problems.append(
            "身份证号无法解密：请设置原来的 PINGXING_FIELD_KEY 和 PINGXING_SECRET_KEY（密钥不在备份中，须另行保管）。"
        )


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _app_version() -> str:
    try:
        return metadata.version("pingxing")
    except metadata.PackageNotFoundError:
        return "unknown"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["BackupError", "RestoreReport", "RestoreRefused", "backup", "counted_tables", "prune", "restore"]
