"""Importers: report files (text, markdown/HTML export, PDF, DOCX) -> domain Document."""
from __future__ import annotations

from pathlib import Path

from ils.domain.model import Document

from .errors import ReportError

__all__ = ["ReportError", "parse_file", "parse_text"]


def parse_text(text: str, source: str = "<text>", committee: str | None = None,
               require_committee: bool = True) -> Document:
    from .text.aligned import as_tab_separated
    from .text.parser import parse_lines

    return parse_lines(as_tab_separated(text.split("\n")), source=source, committee=committee,
                       require_committee=require_committee)


def parse_file(path: str | Path, committee: str | None = None, max_bytes: int | None = None,
               require_committee: bool = True) -> Document:
    """Parse any supported report file; raise ReportError naming file and line on bad input.

    A file over ``max_bytes`` (50 MB by default) is refused before it is read. Without
    ``require_committee`` a report that names no committee is read with a warning.
    """
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
    return parse_text(read_text(path, max_bytes), source=source, committee=committee,
                      require_committee=require_committee)


def _parse_pdf(path: Path, parse_lines, **options) -> Document:
    """A tagged PDF from its structure; an untagged one from both readings PDFium gives in one
    pass, the geometry of its words and its text in content order (the geometry is exact where
    its columns are clean; the content order survives tables whose cells wrap and overlap, as
    LibreOffice sets them). A geometric reading that accounts for every line without a warning
    is kept as it is; otherwise the content order is parsed too and the reading with more table
    rows kept."""
    from .pdf import tagged_lines, untagged_lines

    tagged = tagged_lines(path)
    if tagged is not None:
        return parse_lines(tagged, **options)
    geometry, stream = untagged_lines(path)  # unreadable, encrypted or without text: raised here
    try:
        by_geometry: Document | ReportError = parse_lines(geometry, **options)
    except ReportError as error:
        by_geometry = error
    if isinstance(by_geometry, Document) and not by_geometry.warnings and _rows(by_geometry):
        return by_geometry
    try:
        by_stream = parse_lines(stream, **options)
    except ReportError:
        if isinstance(by_geometry, ReportError):
            raise by_geometry from None
        return by_geometry
    if isinstance(by_geometry, ReportError) or _rows(by_stream) > _rows(by_geometry):
        return by_stream
    return by_geometry


def _rows(doc: Document) -> int:
    return len(doc.indicators) + len(doc.activities) + sum(len(t.rows) for t in doc.economy)


def _parse_lines(lines, **options):
    from .text.parser import parse_lines

    return parse_lines(lines, **options)
