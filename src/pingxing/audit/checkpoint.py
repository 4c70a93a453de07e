"""Audit checkpoints: the chain head, signed with the audit key, in files outside the database.

A DBA who saves the head row, deletes the newest entries and writes the old head back leaves a
chain that verifies on its own. A checkpoint file written before the deletion still names the
newer head, so `verify` sees the chain fall short of it. The directory (AUDIT_CHECKPOINT_DIR)
should be one the database account cannot rewrite: mounted append-only (`chattr +a`) or on
another host. Files are created, never overwritten or removed, and are read-only (0o444).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from pingxing.audit.chain import Checkpoint, checkpoint_body, parse_checkpoint

PATTERN = "checkpoint-*.json"
FILE_MODE = 0o444
DIR_MODE = 0o700


def checkpoint_dir() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def checkpoint_write(*, seq: int, last_hash: str, now: dt.datetime | None = None) -> Checkpoint:
    """Sign (seq, last_hash) and write it as a new file; an existing file is never touched."""
    created = (now or timezone.now()).astimezone(dt.UTC)
    body = checkpoint_body(_key(), seq, last_hash, created.isoformat(timespec="seconds"))
    stem = f"checkpoint-{seq:012d}-{created:%Y%m%dT%H%M%SZ}"
    for n in range(1, 100):  # two checkpoints of one head in the same second get -2, -3 …
        name = f"{stem}.json" if n == 1 else f"{stem}-{n}.json"
        try:
            _create(name, body)
        except FileExistsError:
            continue
        return Checkpoint(name=name, **body)
    raise FileExistsError(f"too many checkpoints named {stem}*")


def checkpoint_install(name: str, body: dict[str, Any]) -> bool:
    """Add a checkpoint carried elsewhere (a backup's manifest) unless its file exists already.

    Only a checkpoint the audit key signed is written. Returns whether a file was written."""
    if Path(name).name != name or not Path(name).match(PATTERN):
        return False
    if parse_checkpoint(_key(), name, json.dumps(body).encode()) is None:
        return False
    try:
        _create(name, {k: body[k] for k in ("seq", "hash", "created_at", "mac")})
    except FileExistsError:
        return False
    return True


def checkpoints_load() -> tuple[list[Checkpoint], list[tuple[str, str]]]:
    """Every checkpoint in the directory: (the valid ones, [(file name, why refused)])."""
    directory = checkpoint_dir()
    try:
        names = sorted(e.name for e in os.scandir(directory) if Path(e.name).match(PATTERN))
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], [(str(directory), f"the checkpoint directory cannot be read ({error.strerror})")]
    valid: list[Checkpoint] = []
    refused: list[tuple[str, str]] = []
    for name in names:
        try:
            raw = (directory / name).read_bytes()
        except OSError as error:
            refused.append((name, f"cannot be read ({error.strerror})"))
            continue
        found = parse_checkpoint(_key(), name, raw)
        if found is None:
            refused.append((name, "its MAC does not match the audit key (forged or damaged)"))
        else:
            valid.append(found)
    return valid, refused


def _create(name: str, body: dict[str, Any]) -> None:
    directory = checkpoint_dir()
    directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    data = json.dumps(body, sort_keys=True, indent=1).encode() + b"\n"
    fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fchmod(handle.fileno(), FILE_MODE)  # whatever the umask
        os.fsync(handle.fileno())
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _key() -> bytes:
    return str(settings.AUDIT_CHAIN_KEY).encode()


__all__ = ["checkpoint_dir", "checkpoint_install", "checkpoint_write", "checkpoints_load"]
