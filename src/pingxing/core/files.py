"""Names of uploaded files (pure)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

# A suffix longer than this is no file type (".tar.gz" is two suffixes, each short).
MAX_SUFFIX = 10


def shortened_name(name: str, max_length: int) -> str:
    """`name` without its folders, cut to `max_length` characters but keeping its extension:
    "很长的……材料.pdf" stays a ".pdf"."""
    base = PurePath(name.replace("\\", "/")).name or "file"
    if len(base) <= max_length:
        return base
    suffix = PurePath(base).suffix
    if not suffix or len(suffix) > MAX_SUFFIX or len(suffix) >= max_length:
        return base[:max_length]
    stem = base[: -len(suffix)]
    return stem[: max_length - len(suffix)] + suffix


def stored_name(name: str) -> str:
    """The name a file is stored under: random, with the upload's own (lower-case) extension, so
    nothing a user typed becomes part of a path on the server."""
    suffix = PurePath(shortened_name(name, 200)).suffix.lower()
    if len(suffix) > MAX_SUFFIX or not suffix[1:].isalnum():
        suffix = ""
    return uuid.uuid4().hex + suffix
