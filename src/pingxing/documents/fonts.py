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
"""

from __future__ import annotations

from dataclasses import dataclass


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
