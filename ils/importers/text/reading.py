"""Reading a report file as text, refusing what is not text."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReportError

# Control characters that never occur in a text export (TAB, LF, CR and FF do), and the
# replacement character a wrong decoding leaves.
_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def read_text(path: Path) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252 for old exports."""
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportError(str(path), line, "filen är binär, inte en textexport (NUL-tecken)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: error.start].count(b"\n") + 1
            raise ReportError(str(path), line, "filen är inte UTF-8-text") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def garbled_line(lines: list[str]) -> int | None:
    """The first line of a run that looks like binary or mis-decoded data, if any."""
    for number, line in enumerate(lines, start=1):
        if _BAD.search(line):
            bad = len(_BAD.findall(line))
            if bad >= 3 and bad * 10 >= len(line):
                return number
    return None
