"""The one check of an uploaded file before it is stored: an allowed extension, a size limit
and first bytes that match the extension (a renamed executable is refused)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 20 * 1024 * 1024
_JPEG, _PNG, _PDF = (b"\xff\xd8\xff",), (b"\x89PNG",), (b"%PDF",)


@dataclass(frozen=True)
class FileKinds:
    """Allowed extensions with their first bytes, and how the page names them."""

    magic: Mapping[str, tuple[bytes, ...]]
    label: Any


PHOTOS = FileKinds({".jpg": _JPEG, ".jpeg": _JPEG, ".png": _PNG}, gettext_lazy("照片（JPG/PNG）"))
PHOTOS_AND_PDF = FileKinds({**PHOTOS.magic, ".pdf": _PDF}, gettext_lazy("照片（JPG/PNG）和PDF文件"))
DOCUMENTS = FileKinds({**PHOTOS_AND_PDF.magic, ".doc": (b"\xd0\xcf\x11\xe0",), ".docx": (b"PK\x03\x04",)},
                      gettext_lazy("照片（JPG/PNG）、PDF和Word文件"))


def upload_problem(upload: Any, *, allowed: FileKinds = PHOTOS_AND_PDF,
                   max_bytes: int = MAX_BYTES) -> str | None:
    """What is wrong with `upload`, in the user's words, or None when it may be stored.
    The file position is left at the start."""
    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    if suffix not in allowed.magic:
        return _("文件“%(name)s”的类型不允许：只接受%(kinds)s。") % {"name": name, "kinds": allowed.label}
    if upload.size > max_bytes:
        return _("文件“%(name)s”超过%(mb)dMB。") % {"name": name, "mb": max_bytes // (1024 * 1024)}
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in allowed.magic[suffix]):
        return _("文件“%(name)s”的内容与扩展名不符。") % {"name": name}
    return None
