"""Importers: report files (text, markdown/HTML export, PDF, DOCX) -> domain Document."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ils.domain.model import Document

from .errors import ReportError

if TYPE_CHECKING:
    from .text.accounting import ParseResult

__all__ = ["ReportError", "parse_file", "parse_text", "read_report"]


def parse_text(text: str, source: str = "<text>", committee: str | None = None,
               require_committee: bool = True) -> Document:
    return _parse_text_lines(text.split("\n"), source=source, committee=committee,
                             require_committee=require_committee).document


def parse_file(path: str | Path, committee: str | None = None, max_bytes: int | None = None,
               require_committee: bool = True) -> Document:
    """Parse any supported report file; raise ReportError naming file and line on bad input.

    A file over ``max_bytes`` (50 MB by default) is refused before it is read. Without
    ``require_committee`` a report that names no committee is read with a warning.
    """
    return read_report(path, committee, max_bytes, require_committee).document


def read_report(path: str | Path, committee: str | None = None, max_bytes: int | None = None,
                require_committee: bool = True) -> ParseResult:
    """``parse_file``, with the account of what became of every line of the file."""
    from functools import partial

    from .text.reading import check_size

    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise ReportError(source, None, "filen finns inte")
    check_size(path, max_bytes)
    parse_lines = partial(_parse_lines, require_committee=require_committee)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _parse_pdf(path, parse_lines, source=source, committee=committee)
    if suffix == ".docx":
        from .docx import docx_lines

        return parse_lines(docx_lines(path), source=source, committee=committee)
    from .text.reading import read_text

    if suffix in (".html", ".htm", ".xhtml"):
        from .html import html_lines

        return parse_lines(html_lines(read_text(path)), source=source, committee=committee)
    return _parse_text_lines(read_text(path, max_bytes).split("\n"), source=source, committee=committee,
                             require_committee=require_committee)


def _parse_pdf(path: Path, parse_lines, **options) -> ParseResult:
    """A tagged PDF from its structure; an untagged one from both readings PDFium gives in one
    pass, the geometry of its words and its text in content order (the geometry is exact where
    its columns are clean; the content order survives tables whose cells wrap and overlap, as
    LibreOffice sets them). A geometric reading that guessed no goal-table row and placed every
    line is kept as it is (``_sound``); otherwise the content order is parsed too and the better
    reading is kept (``_quality``): a reading whose columns ran together marks its goal-table
    rows as guessed, so it never wins on rows it only guessed."""
    from .pdf import tagged_lines, untagged_lines

    tagged = tagged_lines(path)
    if tagged is not None:
        return parse_lines(tagged, **options)
    geometry, stream = untagged_lines(path)  # unreadable, encrypted or without text: raised here
    try:
        by_geometry: ParseResult | ReportError = parse_lines(geometry, **options)
    except ReportError as error:
        by_geometry = error
    if not isinstance(by_geometry, ReportError) and _sound(by_geometry):
        return by_geometry
    try:
        by_stream = parse_lines(stream, **options)
    except ReportError:
        if isinstance(by_geometry, ReportError):
            raise by_geometry from None
        return by_geometry
    if isinstance(by_geometry, ReportError) or _quality(by_stream) > _quality(by_geometry):
        return by_stream
    return by_geometry


def _sound(result: ParseResult) -> bool:
    """Did a reading give table rows, guess none of its goal-table rows and place every line?
    Its warnings then speak of the report's data, not of the reading: no other can do better."""
    from .text.accounting import Fate

    doc = result.document
    rows = (*doc.indicators, *doc.activities)
    return bool(rows) and not any(item.inferred for item in rows) and not result.account.counts()[Fate.WARNED]


def _quality(result: ParseResult) -> tuple[int, int, int]:
    """Goal-table rows placed without a guess, then economy rows without a warning, then fewer
    lines warned about.

    A goal table's columns are known, so a row placed by a guess is marked; an economy table's
    columns are the report's own, so a reading whose columns ran together gives rows that only
    a warning on their line tells (their cells do not fill the columns): those rows only break
    a tie, and a warned one not at all."""
    doc = result.document
    warned = {w.line for w in doc.warnings}
    unguessed = sum(not item.inferred for item in (*doc.indicators, *doc.activities))
    economy = sum(row.line not in warned for table in doc.economy for row in table.rows)
    return unguessed, economy, -len(warned)


def _parse_text_lines(lines: list[str], **options) -> ParseResult:
    """Plain text: its column-aligned tables (TABs expanded to spaces, ``pdftotext -layout``)
    are read back into rows first, and the tables whose cells stand one a line are tidied
    (``cells``); a row rebuilt from several lines accounts for all of them."""
    from .text.aligned import read_aligned
    from .text.cells import read_cells, settle

    rows, joined = read_aligned(lines)
    cells = read_cells(rows)
    result = _parse_lines(cells.lines, **options)
    settle(result, cells)
    result.account.follow({**cells.joined, **joined})
    return result


def _parse_lines(lines, **options) -> ParseResult:
    from .text.parser import parse_report

    return parse_report(lines, **options)
