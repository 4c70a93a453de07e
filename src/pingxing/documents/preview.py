"""A picture of a document's first page, for the preview shown before a document is issued.

Poppler's ``pdftoppm`` turns the PDF's first page into a PNG: the picture shows exactly the
PDF that will be issued (same fonts, same layout) and every browser, a phone's included,
shows a PNG, whereas a PDF inside a page needs a viewer plugin that phones lack.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PREVIEW_DPI = 80


def first_page_png(pdf: bytes, *, dpi: int = PREVIEW_DPI, timeout: float = 30) -> bytes | None:
    """The first page of ``pdf`` as PNG bytes; None when pdftoppm is missing or fails."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="pingxing-preview-") as folder:
        out = Path(folder) / "page"
        try:
            # fixed arguments; the PDF goes through stdin, the picture into our own folder
            done = subprocess.run(
                [tool, "-png", "-f", "1", "-l", "1", "-r", str(dpi), "-singlefile", "-", str(out)],
                input=pdf, capture_output=True, timeout=timeout, check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        picture = out.with_suffix(".png")
        if done.returncode != 0 or not picture.exists():
            return None
        return picture.read_bytes()
