"""Reading a report file as text, refusing what is not text.

Old reports arrive as UTF-8, Windows-1252, UTF-16 or UTF-32 (Word's "Unicode text"), with or
without a byte-order mark, and sometimes as UTF-8 that was once read as Windows-1252 and saved
again ("FÃ¶rslag"). The encoding is found from the BOM or the pattern of NUL bytes, and the
mojibake is repaired by ftfy, which knows far more of these accidents than a hand-made table.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReportError

# Control characters that never occur in a text export (TAB, LF, CR and FF do), and the
# replacement character a wrong decoding leaves.
_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")
# Invisible characters a Word paste leaves inside words: soft hyphen, zero-width space,
# non-joiner, joiner, word joiner, BOM. They would split keywords ("Upp\u00adfylls").
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# What sends a line to ftfy (which costs a quarter of a second on a whole report): the lead
# bytes of UTF-8 read as Windows-1252 followed by a continuation character, and ligatures
# and full-width forms.
_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
                       "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_WIDE_FORMS = re.compile("[\ufb00-\ufb06\uff01-\uff5e]")
_SOFT_HYPHEN_AT_END = re.compile("\u00ad[ \t]*(?=\n|$)")
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def check_size(path: Path, max_bytes: int | None) -> None:
    """Refuse a file over the limit before reading any of it."""
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise ReportError(str(path), None, f"filen är {size / 1048576:.1f} MB, mer än gränsen "
                          f"{limit / 1048576:.1f} MB; ingen rapport är så stor")


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without BOM, told by where the NUL bytes of ASCII text fall."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    quads = len(sample) // 4
    if quads and all(sample[i * 4 + 1:i * 4 + 3] == b"\x00\x00" for i in range(quads)):
        return "utf-32-le" if sample[0] else "utf-32-be"
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, source: str) -> str:
    """Bytes -> text: BOM, then UTF-16/32 by NUL pattern, then UTF-8, then Windows-1252."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None) or _wide_encoding(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            line = data[: error.start].count("\n".encode(encoding.replace("-sig", ""))) + 1
            raise ReportError(source, line, f"filen är inte giltig {encoding.upper()}-text") from error
        return text.lstrip("\ufeff")
    if b"\x00" in data[:65536]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ReportError(source, line, "filen är binär, inte en textexport (NUL-tecken)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: error.start].count(b"\n") + 1
            raise ReportError(source, line, "filen är inte UTF-8-text") from error


# Word's and LibreOffice's list bullets set in the Symbol and Wingdings fonts come out of a PDF
# as private-use characters: at a line's start they are the bullet they show.
_SYMBOL_BULLET = re.compile(r"^([ \t]*)[\uf0b7\uf0a7](?=\s)", re.M)


def normalise_text(text: str) -> str:
    """One spelling of every character: mojibake repaired, invisible characters out.

    ftfy undoes UTF-8 read as Windows-1252 only where the result is plainly better, so correct
    text passes unchanged; it also turns ligatures and full-width forms into plain letters. A
    soft hyphen or zero-width space inside a word is dropped. Keywords are compared after NFKC
    (``vocabulary.fold``); the text itself keeps its "m²" and "…".
    """
    if text.isascii():
        return text
    if _MOJIBAKE.search(text) or _WIDE_FORMS.search(text):
        text = "\n".join(_repair(text.split("\n")))
    # A soft hyphen where a line ends is where a word was broken: a hyphen the paragraph
    # joiner knows; anywhere else it is invisible.
    text = _INVISIBLE.sub("", _SOFT_HYPHEN_AT_END.sub("-", text))
    return _SYMBOL_BULLET.sub(r"\1•", text)


def _repair(lines: list[str]) -> list[str]:
    """ftfy on the lines that look damaged; once it has found the document mis-decoded, the
    lines it judged too short to be sure of ("HÃ¥llbar utveckling") are re-decoded as well."""
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    suspects = [i for i, line in enumerate(lines) if _MOJIBAKE.search(line) or _WIDE_FORMS.search(line)]
    fixed = {i: ftfy.fix_text(lines[i], uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")
             for i in suspects}
    if any(fixed[i] != lines[i] and not _MOJIBAKE.search(fixed[i]) for i in suspects):
        for i in suspects:
            if _MOJIBAKE.search(fixed[i]):
                try:
                    fixed[i] = fixed[i].encode("sloppy-windows-1252").decode("utf-8")
                except UnicodeError:
                    pass
    return [fixed.get(i, line) for i, line in enumerate(lines)]


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The file's text with every line ending as LF (the parser normalises the characters)."""
    check_size(path, max_bytes)
    text = decode(path.read_bytes(), str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def garbled_line(lines: list[str]) -> int | None:
    """The first line of a run that looks like binary or mis-decoded data, if any."""
    for number, line in enumerate(lines, start=1):
        if _BAD.search(line):
            bad = len(_BAD.findall(line))
            if bad >= 3 and bad * 10 >= len(line):
                return number
    return None
