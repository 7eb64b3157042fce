"""Text widths in the report font, so table columns can be made as wide as their words.

The report is set in Arial; where Arial is missing, fontconfig substitutes Liberation Sans,
which has the same advance widths. The widths are read once from whichever of the two is
installed (python-docx and WeasyPrint lay out with the same metrics); without either, an
average advance per character is a safe overestimate.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

_FALLBACK_EM = {False: 0.58, True: 0.64}  # above the average of Swedish words in Arial
_KNOWN_FILES = {
    False: ["/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/msttcorefonts/Arial.ttf"],
    True: ["/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
           "/usr/share/fonts/truetype/msttcorefonts/Arial_Bold.ttf"],
}


def _font_file(bold: bool) -> str | None:
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", "Arial:bold" if bold else "Arial"],
                                   capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found.lower().endswith((".ttf", ".otf")) and Path(found).is_file():
            return found
    return next((path for path in _KNOWN_FILES[bold] if Path(path).is_file()), None)


@cache
def _advances(bold: bool) -> dict[int, float]:
    """Advance width in em by code point; empty when no usable font is installed."""
    path = _font_file(bold)
    if path is None:
        return {}
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            units = font["head"].unitsPerEm
            metrics = font["hmtx"]
            return {code: metrics[name][0] / units for code, name in font.getBestCmap().items()}
    except Exception:  # a damaged or unexpected font file: fall back to the estimate
        return {}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points at ``size`` points."""
    advances = _advances(bold)
    fallback = _FALLBACK_EM[bold]
    return sum(advances.get(ord(c), fallback) for c in text) * size
