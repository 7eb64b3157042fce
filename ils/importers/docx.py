"""Word (.docx) reports -> the lines the text parser reads.

The body is read in document order, paragraphs and tables interleaved, into the shape of the
ILS text export: a paragraph is one line followed by a blank line (a manual line break starts
a new line), a table row is one line of TAB-separated cells, and a list paragraph gets the
"- " or "N. " its numbering shows on screen but does not store in the text. Headings are
plain lines, as in the export.
"""
from __future__ import annotations

from pathlib import Path

from .archives import ArchiveRefused, NotAnArchive, check_zip
from .errors import ReportError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": " ", f"{_W}br": "\n", f"{_W}cr": "\n",
             f"{_W}noBreakHyphen": "-"}


def docx_lines(path: str | Path) -> list[str]:
    """The text of a .docx report as lines; raise ReportError if it cannot be read."""
    import docx

    try:
        with open(path, "rb") as source:
            check_zip(source)
    except (NotAnArchive, OSError):
        pass  # python-docx below names the problem in its own words
    except ArchiveRefused as refused:
        raise ReportError(str(path), None, str(refused)) from None
    try:
        document = docx.Document(str(path))
        body = document.element.body
        lists = _Lists(document)
        lines: list[str] = []
        _read(body, lists, lines)
    except Exception as error:  # python-docx, zipfile and lxml each fail their own way
        raise ReportError(str(path), None, f"filen är ingen läsbar Word-fil (.docx) "
                          f"({type(error).__name__}: {error}); den är skadad, avkortad eller av "
                          "ett annat format") from error
    return lines


def _read(container, lists: _Lists, lines: list[str]) -> None:
    for child in container:
        if child.tag == f"{_W}p":
            text = lists.prefix(child) + _text(child)
            lines.extend(part.strip() for part in text.split("\n"))
            lines.append("")
        elif child.tag == f"{_W}tbl":
            for row in child.iterfind(f"{_W}tr"):
                lines.append("\t".join(_cells(row)))
            lines.append("")
        elif child.tag == f"{_W}sdt":  # a content control (e.g. a table of contents) holds body content
            _read(child.iterfind(f"{_W}sdtContent/*"), lists, lines)


def _text(element) -> str:
    """The text of the runs inside an element; tab stops and the like in properties are not text."""
    parts = []
    for node in element.iter(*_RUN_TEXT):
        if node.getparent().tag == f"{_W}r":
            replacement = _RUN_TEXT[node.tag]
            parts.append((node.text or "") if replacement is None else replacement)
    return "".join(parts)


def _cells(row) -> list[str]:
    """A row's cells; a cell spanning columns leaves the columns it covers empty, like the export."""
    cells = [""] * _grid(row, "gridBefore")
    for cell in row.iterfind(f"{_W}tc"):
        text = " ".join(" ".join(_text(p).split()) for p in cell.iter(f"{_W}p"))
        cells.append(text.strip())
        span = cell.find(f"{_W}tcPr/{_W}gridSpan")
        cells.extend([""] * (int(span.get(f"{_W}val")) - 1 if span is not None else 0))
    return cells + [""] * _grid(row, "gridAfter")


def _grid(row, name: str) -> int:
    node = row.find(f"{_W}trPr/{_W}{name}")
    return int(node.get(f"{_W}val")) if node is not None else 0


class _Lists:
    """List numbering as shown: "- " for bullets, "N. " for numbered items, counted per list."""

    def __init__(self, document):
        numbering = document.part.numbering_part.element
        styles = document.styles.element
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.iterfind(f"{_W}abstractNum")}
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}
        for num in numbering.iterfind(f"{_W}num"):
            definition = abstract.get(num.find(f"{_W}abstractNumId").get(f"{_W}val"))
            for level in definition.iterfind(f"{_W}lvl") if definition is not None else ():
                fmt = level.find(f"{_W}numFmt")
                start = level.find(f"{_W}start")
                self.formats[(num.get(f"{_W}numId"), level.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    int(start.get(f"{_W}val")) if start is not None else 1)
        self.style_numbering = {
            style.get(f"{_W}styleId"): style.find(f"{_W}pPr/{_W}numPr")
            for style in styles.iterfind(f"{_W}style")
            if style.find(f"{_W}pPr/{_W}numPr") is not None
        }
        self.counters: dict[tuple[str, str], int] = {}

    def prefix(self, paragraph) -> str:
        numbering = paragraph.find(f"{_W}pPr/{_W}numPr")
        if numbering is None:
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            numbering = self.style_numbering.get(style.get(f"{_W}val")) if style is not None else None
        if numbering is None or numbering.find(f"{_W}numId") is None:
            return ""
        level = numbering.find(f"{_W}ilvl")
        key = (numbering.find(f"{_W}numId").get(f"{_W}val"),
               level.get(f"{_W}val") if level is not None else "0")
        fmt, start = self.formats.get(key, ("bullet", 1))
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        self.counters[key] = self.counters.get(key, start - 1) + 1
        return f"{self.counters[key]}. "
