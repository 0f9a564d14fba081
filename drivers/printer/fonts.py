"""Fonts for receipts, found at run time, with per-character fallback.

The primary face is Noto Sans CJK SC from Debian's ``fonts-noto-cjk``
(regular and bold ``.ttc`` collections). Rare characters in names (䶮 in CJK
Extension A, 𠮷 in Extension B) must never print as a box: every character is
checked against the face's character map (fontTools), and one the primary
lacks is drawn with the first other installed font that has it.

Font directories: ``$VILLAGE_KIOSK_FONT_DIRS`` (``os.pathsep``-separated)
first, then the usual system and user directories.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont

from drivers.printer.cmap12 import format12_code_points
from drivers.printer.errors import FontMissingError

__all__ = ["FONT_DIRS_ENV", "FontFace", "FontSet", "find_fonts", "font_dirs"]

FONT_DIRS_ENV = "VILLAGE_KIOSK_FONT_DIRS"
_SYSTEM_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts",
                "~/.fonts")
_PRIMARY_FAMILY = "Noto Sans CJK SC"
_FONT_SUFFIXES = (".ttc", ".otf", ".ttf")
# Fallback order among other installed fonts: CJK faces first (widest coverage
# of Han characters), then anything else.
_FALLBACK_HINTS = ("NotoSansCJK", "NotoSerifCJK", "DroidSansFallback", "Noto", "DejaVu")
_CJK_NAME_HINTS = ("cjk", "han", "fallback", "song", "hei", "kai", "ming", "wqy", "wenquanyi")


@dataclass(frozen=True)
class FontFace:
    """One face of a font file (``index`` selects it inside a ``.ttc`` collection)."""

    path: Path
    index: int = 0


def font_dirs() -> list[Path]:
    """Directories searched for fonts, in order."""
    env = [p for p in os.environ.get(FONT_DIRS_ENV, "").split(os.pathsep) if p]
    return [Path(p).expanduser() for p in (*env, *_SYSTEM_DIRS)]


def _font_files(dirs: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for directory in dirs:
        if directory.is_dir():
            files += sorted(p for p in directory.rglob("*")
                            if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
    return files


def _face_named(path: Path, family: str) -> FontFace | None:
    """The face of ``path`` whose family name is ``family``."""
    for index in range(32):
        try:
            name = ImageFont.truetype(str(path), 12, index=index).getname()[0]
        except OSError:
            return None
        if name == family:
            return FontFace(path, index)
    return None


class FontSet:
    """A regular and a bold primary face plus fallbacks, with glyph-coverage checks.

    Thread-safe (caches behind a lock). Raises nothing once built.
    """

    def __init__(self, regular: FontFace, bold: FontFace | None = None,
                 fallbacks: Sequence[FontFace] = ()) -> None:
        self.regular = regular
        self.bold = bold or regular
        self.fallbacks = tuple(f for f in fallbacks if f not in (regular, bold))
        self._cmaps: dict[FontFace, frozenset[int]] = {}
        self._fonts: dict[tuple[FontFace, int], ImageFont.FreeTypeFont] = {}
        self._lock = threading.Lock()

    def cmap(self, face: FontFace) -> frozenset[int]:
        """The code points ``face`` has glyphs for (empty if it cannot be read)."""
        with self._lock:
            found = self._cmaps.get(face)
            if found is None:
                try:
                    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as tt:
                        found = format12_code_points(tt.reader["cmap"])  # ranges: fast
                        if found is not None:
                            self._cmaps[face] = found
                            return found
                        # Only the code points matter, not glyph names: a stand-in glyph
                        # order keeps fontTools from parsing the CFF table of 65 000
                        # glyphs for their names (twice the time, ~15 MB more memory).
                        tt.setGlyphOrder([f"g{i}" for i in range(tt["maxp"].numGlyphs)])
                        found = frozenset(tt["cmap"].getBestCmap() or {})
                except Exception:
                    found = frozenset()
                self._cmaps[face] = found
            return found

    def face_for(self, char: str, *, bold: bool = False) -> FontFace | None:
        """The face that draws ``char``: the primary if it has it, else the first fallback."""
        primary = self.bold if bold else self.regular
        code = ord(char)
        for face in (primary, self.regular, *self.fallbacks):
            if code in self.cmap(face):
                return face
        return None

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` (other than whitespace) that no face can draw."""
        return {c for c in text if not c.isspace() and self.face_for(c) is None}

    def runs(self, text: str, *, bold: bool = False) -> list[tuple[FontFace, str]]:
        """``text`` split into runs drawn with one face each (unknown chars: primary)."""
        primary = self.bold if bold else self.regular
        out: list[tuple[FontFace, str]] = []
        for char in text:
            face = primary if char.isspace() else (self.face_for(char, bold=bold) or primary)
            if out and out[-1][0] == face:
                out[-1] = (face, out[-1][1] + char)
            else:
                out.append((face, char))
        return out

    def font(self, face: FontFace, size: int) -> ImageFont.FreeTypeFont:
        """The Pillow font for ``face`` at ``size`` pixels (cached)."""
        with self._lock:
            key = (face, size)
            font = self._fonts.get(key)
            if font is None:
                font = ImageFont.truetype(str(face.path), size, index=face.index)
                self._fonts[key] = font
            return font


def find_fonts(dirs: Sequence[Path] | None = None) -> FontSet:
    """Find Noto Sans CJK SC (regular, bold) and the fallback fonts.

    Raises :class:`FontMissingError` naming the Debian package if no Noto
    Sans CJK is installed.
    """
    files = _font_files(dirs if dirs is not None else font_dirs())
    regular = bold = None
    for path in files:
        if path.name.startswith("NotoSansCJK-Regular") and regular is None:
            regular = _face_named(path, _PRIMARY_FAMILY)
        elif path.name.startswith("NotoSansCJK-Bold") and bold is None:
            bold = _face_named(path, _PRIMARY_FAMILY)
    if regular is None:
        searched = ", ".join(str(d) for d in (dirs if dirs is not None else font_dirs()))
        raise FontMissingError(
            f"no Noto Sans CJK font found (searched {searched}): install the Debian package "
            f"fonts-noto-cjk, or point ${FONT_DIRS_ENV} at a directory holding "
            "NotoSansCJK-Regular.ttc")

    def rank(path: Path) -> int:
        return next((i for i, hint in enumerate(_FALLBACK_HINTS) if path.name.startswith(hint)),
                    len(_FALLBACK_HINTS))

    # Only fonts likely to hold Han characters (and DejaVu for symbols): a
    # character nobody has would otherwise make us read every font's cmap.
    useful = [p for p in files if rank(p) < len(_FALLBACK_HINTS)
              or any(k in p.name.lower() for k in _CJK_NAME_HINTS)]
    fallbacks = [FontFace(p, 0) for p in sorted(useful, key=rank)]
    return FontSet(regular, bold, fallbacks)
