"""Which typeface stands for each of the standard's faces (GB/T 9704-2012 §5.2).

The standard names 小标宋, 仿宋, 黑体, 楷体 and 宋体. Their usual files (方正小标宋简体,
仿宋_GB2312 …) are commercial and not in Debian main, so the two outputs differ:

- **DOCX** names the fonts a government office has ("方正小标宋简体", "仿宋_GB2312", "黑体",
  "楷体_GB2312", "宋体"): Word on the recipient's machine renders with them. Each name is
  also declared in the font table with a Windows alternative (``word_alt``, e.g. "仿宋"
  for "仿宋_GB2312", which Windows 10+ ships) and the GB2312 charset, so that Word
  substitutes a close face when the first choice is missing.
- **PDF** embeds what this machine has, found by fontconfig (Debian packages in
  brackets):

  ======  =================================  ==========================================
  face    PDF family (weight)                 Debian package
  ======  =================================  ==========================================
  小标宋   Noto Serif CJK SC (700)             fonts-noto-cjk
  仿宋     Noto Serif CJK SC (400)             fonts-noto-cjk
  黑体     Noto Sans CJK SC (400)              fonts-noto-cjk
  楷体     AR PL UKai CN, else Noto Serif      fonts-arphic-ukai (optional), fonts-noto-cjk
  宋体     Noto Serif CJK SC (400)             fonts-noto-cjk
  ======  =================================  ==========================================

  Without fonts-arphic-ukai, fontconfig skips the missing "AR PL UKai CN" and 楷体
  headings come out in Noto Serif: still correct text, only less distinct from 仿宋.

  When the operator installs the office's licensed fonts in a folder named by the
  environment variable ``PINGXING_FONT_DIR``, the PDF embeds those instead, face by face
  (``licensed_fonts``): a file is recognised by its name (``FILE_NAMES``, e.g.
  "方正小标宋简体.ttf", "FZXBSJW.TTF", "仿宋_GB2312.ttf", "simhei.ttf", "楷体_GB2312.ttf").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

FONT_DIR_ENV = "PINGXING_FONT_DIR"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True, slots=True)
class Face:
    """One face of the standard and its stand-ins in each output format."""

    name_zh: str  # the standard's name
    word: str  # East Asian font name written into the DOCX (w:eastAsia)
    word_alt: str  # alternative declared in the DOCX font table
    word_family: str  # w:family in the font table: "roman" (serif) or "modern"
    css_families: tuple[str, ...]  # fontconfig family names, tried in order
    css_weight: int

    @property
    def css(self) -> str:
        """The CSS ``font-family`` value, ending with a generic family."""
        names = ", ".join(f'"{name}"' for name in self.css_families)
        return f"{names}, serif"


XIAOBIAOSONG = Face("小标宋", "方正小标宋简体", "宋体", "roman", ("Noto Serif CJK SC",), 700)
FANGSONG = Face("仿宋", "仿宋_GB2312", "仿宋", "roman", ("Noto Serif CJK SC",), 400)
HEITI = Face("黑体", "黑体", "SimHei", "modern", ("Noto Sans CJK SC",), 400)
KAITI = Face(
    "楷体", "楷体_GB2312", "楷体", "roman", ("AR PL UKai CN", "Noto Serif CJK SC"), 400
)
SONGTI = Face("宋体", "宋体", "SimSun", "roman", ("Noto Serif CJK SC",), 400)

ALL_FACES: tuple[Face, ...] = (XIAOBIAOSONG, FANGSONG, HEITI, KAITI, SONGTI)

#: Debian packages the PDF renderer relies on; fonts-arphic-ukai is optional (楷体).
DEBIAN_FONT_PACKAGES: tuple[str, ...] = ("fonts-noto-cjk", "fonts-arphic-ukai")

#: file names (lower case, without spaces, "_" or "-", before the suffix) of each face's
#: licensed font, the preferred first; a name may carry a suffix ("FZXiaoBiaoSong-B05S")
FILE_NAMES: dict[str, tuple[str, ...]] = {
    XIAOBIAOSONG.name_zh: ("方正小标宋简体", "方正小标宋", "fzxbsjw", "fzxbsk", "fzxiaobiaosong"),
    FANGSONG.name_zh: ("仿宋gb2312", "fangsonggb2312", "fsgb2312", "仿宋", "simfang"),
    HEITI.name_zh: ("黑体", "simhei", "方正黑体"),
    KAITI.name_zh: ("楷体gb2312", "kaitigb2312", "kaigb2312", "楷体", "simkai"),
}


def _key(path: Path) -> str:
    return re.sub(r"[\s_\-]", "", path.stem).lower()


def licensed_fonts(folder: str | None = None) -> dict[str, Path]:
    """The licensed font file found for each face (by ``Face.name_zh``) in ``folder``
    (default: $PINGXING_FONT_DIR); empty when no folder is configured or it is missing."""
    folder = folder if folder is not None else os.environ.get(FONT_DIR_ENV, "")
    root = Path(folder) if folder else None
    if root is None or not root.is_dir():
        return {}
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in FONT_SUFFIXES)
    found: dict[str, Path] = {}
    for face, names in FILE_NAMES.items():
        for name in names:
            match = next((p for p in files if _key(p).startswith(name)), None)
            if match is not None:
                found[face] = match.resolve()
                break
    return found
