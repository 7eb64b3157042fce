"""PDF reports -> the lines the text parser reads.

PDFium reads each page once: its text in content order and, from the boxes of its characters,
positioned words (pdfminer, through pdfplumber, took ten times as long for the same words).
Words on one baseline form a visual line; a visual line whose words are separated by wide
gaps belongs to a table. The vertical distance between lines tells a wrapped
line (same paragraph, same table row) from a new table row and from a paragraph break.

The result has the shape of the ILS text export: a paragraph is one line (the geometry shows
where a line was wrapped because the next word did not fit, which the text alone cannot),
paragraphs are separated by blank lines, each table row is one line of TAB-separated cells
with a cell wrapped over several visual lines joined back, and a form feed line separates
pages, as pdftotext gives them. Page headers and footers are left for the parser to remove.
A table drawn with its borders is read by its rules instead (``pdf_grid``): a page's paths
are looked at only where its words show a table.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from . import pdf_grid
from .errors import ReportError
from .text.vocabulary import GLYPHS

# Characters further apart than this share of the font size belong to different words.
_WORD_GAP = 0.25
# Words whose tops differ by less than this share of their height are on one visual line.
_SAME_LINE = 0.5
# A gap wider than the font height (about three spaces) separates table cells; justified
# prose never stretches a space that far.
_CELL_GAP = 1.0
# A tight table sets its cells closer; a gap wider than half the font height and than this
# many of the line's own spaces still separates two cells.
_TIGHT_CELL_GAP = 0.5
_SPACES_IN_A_GAP = 3.0
# Line pitch, as a multiple of the body text's usual pitch: up to _WRAP the next line
# continues the paragraph or table row; beyond _PARAGRAPH it starts a new paragraph (and
# ends a table); in between it starts a new table row.
_WRAP = 1.2
_PARAGRAPH = 1.7
# Horizontal slack when matching a word to a table column or the right margin, in points.
_SLACK = 2.0
# The width of a space, as a share of the font size, for a line of one word.
_SPACE = 0.25
_LIST_ITEM = re.compile(r"^(?:[-–•*\uf0b7\uf0a7]|\d{1,2}\.)\s")
# A list item's bullet or number ("1.", "2)"), set apart from its text by a hanging indent (not a
# table's cell).
_BULLETS = frozenset("-–•*·▪\uf0b7\uf0a7")
_LIST_NUMBER = re.compile(r"\d{1,2}[.)]")


class _Word(NamedTuple):
    x0: float
    x1: float
    top: float
    height: float
    text: str


_BY_POSITION, _BY_X, _HEIGHT = itemgetter(2, 0), itemgetter(0), itemgetter(3)  # _Word's fields


@dataclass
class _Line:
    """A visual line: its words left to right, split into segments at cell gaps."""

    top: float
    height: float
    segments: list[list[_Word]]

    @cached_property
    def text(self) -> str:
        return " ".join(word.text for segment in self.segments for word in segment)

    @property
    def x0(self) -> float:
        return self.segments[0][0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1][-1].x1


def pdf_lines(path: str | Path) -> list[str]:
    """The text of a PDF report as lines; raise ReportError if it cannot be read.

    A tagged PDF with tables is read from its structure tree (``tagged_pdf``), any other from
    the geometry of its words (``geometry_lines``). The content order (``stream_lines``) is
    the other reading of an untagged PDF, for the tables geometry cannot rebuild
    (``importers.parse_file`` chooses between the two of ``untagged_lines``).
    """
    tagged = tagged_lines(path)
    if tagged is not None:
        return tagged
    return geometry_lines(path)


def untagged_lines(path: str | Path) -> tuple[list[str], list[str]]:
    """Both readings of an untagged PDF from one pass of PDFium over its pages: the lines
    rebuilt from the geometry of its words, and its text in content order."""
    pages = _read_pages(path, geometry=True)
    return _geometry_text(pages), _stream_text(pages)


def geometry_lines(path: str | Path) -> list[str]:
    """The text of an untagged PDF rebuilt from the positions of its words (see the module)."""
    return _geometry_text(_read_pages(path, geometry=True))


def stream_lines(path: str | Path) -> list[str]:
    """PDFium's text of each page in content order, pages separated by form feeds: a table's
    cells come out one after another, as the TAB-less table reader expects."""
    return _stream_text(_read_pages(path, geometry=False))


class _Page(NamedTuple):
    text: str  # PDFium's text in content order, one character per character index
    lines: list[_Line]  # empty unless read with the geometry
    tables: list[tuple[float, list[str]]] | tuple = ()  # ruled tables: (top, rows), their words not in lines


def _read_pages(path: str | Path, geometry: bool) -> list[_Page]:
    import pypdfium2 as pdfium

    source = str(path)
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReportError(source, None, "PDF-filen är lösenordsskyddad; spara en kopia "
                              "utan lösenord och importera den") from error
        raise ReportError(source, None, f"filen är ingen läsbar PDF ({error}); den är "
                          "skadad, avkortad eller av ett annat format") from error
    pages: list[_Page] = []
    try:
        for number in range(len(document)):
            try:
                pages.append(_read_page(document[number], geometry))
            except pdfium.PdfiumError as error:
                raise ReportError(source, None, f"sidan {number + 1} i PDF-filen kan inte läsas "
                                  f"({error}); filen är skadad eller avkortad") from error
    finally:
        document.close()
    if not any(page.text.strip() for page in pages):
        raise ReportError(source, None, "PDF-filen innehåller ingen text (inskannad bild?); "
                          "importera rapporten som text eller som PDF med text")
    return pages


def _read_page(page, geometry: bool) -> _Page:
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
            if not geometry:
                return _Page(text, [])
            page_top = page.get_bbox()[3]
            words = _words(textpage, text, page_top)
        finally:
            textpage.close()
        lines = _visual_lines(words)
        if not any(len(line.segments) > 1 for line in lines):
            return _Page(text, lines)  # no table: its rules need not be read
        grids = pdf_grid.grids(*pdf_grid.page_rules(page, page_top))
        return _Page(text, *_ruled_tables(words, grids)) if grids else _Page(text, lines)
    finally:
        page.close()


def _ruled_tables(words: list[_Word], grids: list[pdf_grid.Grid]) -> tuple[list[_Line], list]:
    """The page's lines outside its ruled tables, and each table's rows with its top."""
    inside: list[list[_Word]] = [[] for _ in grids]
    rest: list[_Word] = []
    for word in words:
        middle = word.top + word.height / 2
        grid = next((i for i, g in enumerate(grids) if g.holds(word.x0, word.x1, middle)), None)
        (rest if grid is None else inside[grid]).append(word)
    tables = [(grid.top, pdf_grid.grid_rows(grid, held)) for grid, held in zip(grids, inside) if held]
    return _visual_lines(rest), sorted(tables)


def _stream_text(pages: list[_Page]) -> list[str]:
    lines: list[str] = []
    for number, page in enumerate(pages):
        if number:
            lines.append("\f")
        # PDFium marks a word broken at a line end by U+FFFE and joins the two halves. A line
        # keeps its trailing space: a line wrapped inside a table cell ends with the space it was
        # wrapped at, a cell's last line without (text_tables reads a name cut by a page by it).
        lines.extend(page.text.replace("\ufffe", "").replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return lines


def _geometry_text(pages: list[_Page]) -> list[str]:
    layout = _Layout([page.lines for page in pages])
    lines: list[str] = []
    for index, page in enumerate(pages):
        if index:
            lines.append("\f")
        lines.extend(layout.page_text(page.lines, page.tables))
    return lines


def tagged_lines(path: str | Path) -> list[str] | None:
    """The lines of a tagged PDF with tables, or None for any other file (including one pikepdf
    cannot open: the geometry path then says what is wrong with it)."""
    import pikepdf

    from .tagged_pdf import is_tagged, tagged_pdf_lines

    try:
        pdf = pikepdf.open(path)
    except Exception:
        return None
    with pdf:
        try:
            tagged = is_tagged(pdf)
        except Exception:
            return None
        return tagged_pdf_lines(path, pdf) if tagged else None


# A run of PDFium's text between spaces and line breaks; U+FFFE stands for the hyphen of a word
# broken at the line's end (PDFium joins the halves without a line break between them).
_RUN = re.compile(r"[^\s\ufffe]*\ufffe|[^\s\ufffe]+")
# No glyph of a word is wider than its font size: a run wider than that has gaps inside.
_EM = 1.0


def _words(textpage, text: str, page_top: float) -> list[_Word]:
    """PDFium's words (its text between the spaces and line breaks it found) with their boxes.

    A call into PDFium costs microseconds and a page has thousands of characters, so only a
    word's start (origin) and its last character's box are read, and its font size once for each
    baseline and top of the box (the font's ascent) on the page. A run whose ends lie on
    different lines or too far apart for its length is split by its characters. A word's top is
    its baseline less its font size, whatever the font's ascent: a bold label, a symbol and the
    text after them stay on one line.
    """
    import ctypes

    import pypdfium2.raw as raw

    handle = textpage.raw
    origin, box, font_size = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
    x, y, last = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF()
    words: list[_Word] = []
    append = words.append
    sizes: dict[tuple[float, float], float] = {}
    for run in _RUN.finditer(text):
        start, stop = run.span()
        origin(handle, start, x, y)
        box(handle, stop - 1, last)
        base = y.value
        size = sizes.get((base, last.top))
        if size is None:
            size = sizes[base, last.top] = font_size(handle, start)
        left, right = x.value, last.right
        if abs(last.bottom - base) < _SAME_LINE * size and 0 <= right - left <= _EM * size * (stop - start):
            word = run.group()
            append(_Word(left, right, page_top - base - size, size,
                         word[:-1] + "-" if word[-1] == "\ufffe" else word))
        else:
            words.extend(_split_run(handle, text, start, stop, page_top))
    return words


def _split_run(handle, text: str, start: int, end: int, page_top: float) -> list[_Word]:
    """Characters -> words: a jump to another line or a gap wider than a space ends a word."""
    import ctypes

    import pypdfium2.raw as raw

    x, y, box = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF()
    words: list[_Word] = []
    glyphs: list[str] = []
    x0 = x1 = top = size = 0.0
    for index in range(start, end):
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        raw.FPDFText_GetLooseCharBox(handle, index, box)
        char_size = raw.FPDFText_GetFontSize(handle, index)
        char_top = page_top - y.value - char_size
        joins = glyphs and abs(char_top - top) < _SAME_LINE * size \
            and -_WORD_GAP * size <= x.value - x1 <= _WORD_GAP * size
        if glyphs and not joins:
            words.append(_Word(x0, x1, top, size, "".join(glyphs)))
            glyphs = []
        if not glyphs:
            x0, top, size = x.value, char_top, char_size
        glyphs.append("-" if text[index] == "\ufffe" else text[index])
        x1 = box.right
    if glyphs:
        words.append(_Word(x0, x1, top, size, "".join(glyphs)))
    return words


def _visual_lines(words: list[_Word]) -> list[_Line]:
    lines: list[_Line] = []
    line_words: list[_Word] = []
    first_top = 0.0
    for word in sorted(words, key=_BY_POSITION):
        if line_words and word.top - first_top < _SAME_LINE * word.height:
            line_words.append(word)
        else:
            if line_words:
                lines.append(_visual_line(line_words))
            line_words, first_top = [word], word.top
    if line_words:
        lines.append(_visual_line(line_words))
    return lines


def _visual_line(words: list[_Word]) -> _Line:
    """The words of one baseline, split at the gaps between table cells: a gap wider than the
    font height, or, on a line whose words are set with spaces of their own (a table's row),
    one several times as wide as those spaces. Justified prose stretches every space of a line
    alike, so it never splits."""
    words.sort(key=_BY_X)
    height = max(map(_HEIGHT, words))
    gaps = [words[i].x0 - words[i - 1].x1 for i in range(1, len(words))]
    space = min((g for g in gaps if g > 0), default=0.0)  # the line's own space
    gap = min(_CELL_GAP * height, max(_TIGHT_CELL_GAP * height, _SPACES_IN_A_GAP * space))
    breaks = [i for i in range(1, len(words)) if gaps[i - 1] > gap
              and not (i == 1 and _list_mark(words[0].text))]
    return _Line(words[0].top, height, [words[a:b] for a, b in zip([0, *breaks], [*breaks, len(words)])])


def _list_mark(text: str) -> bool:
    return text in _BULLETS or _LIST_NUMBER.fullmatch(text) is not None


class _Layout:
    """The document's usual line pitch and right margin, and the page reading built on them."""

    def __init__(self, pages: list[list[_Line]]):
        pitches = Counter(
            round((line.top - previous.top) * 4) / 4
            for page in pages for previous, line in zip(page, page[1:])
            if 0 < line.top - previous.top <= 1.8 * previous.height
        )
        heights = sorted(line.height for page in pages for line in page)
        self.pitch = pitches.most_common(1)[0][0] if pitches else 1.2 * heights[len(heights) // 2]
        # The right margin of the text: where lines followed by more of their paragraph end.
        # A page header or footer is a paragraph of its own and may be wider than the text.
        self.right = max((line.x1 for page in pages for line, following in zip(page, page[1:])
                          if len(line.segments) == 1
                          and following.top - line.top <= _WRAP * self.pitch), default=0.0)

    def page_text(self, lines: list[_Line], tables: list[tuple[float, list[str]]] = ()) -> list[str]:
        """One page: chunks between paragraph breaks, each made of bands (table rows); a ruled
        table's rows (``pdf_grid``) stand where the table stands, as a chunk of their own.

        A table whose rows are set apart like paragraphs (padded cells) comes as one chunk a row:
        consecutive chunks with cells share their columns, so that a row's empty cell stays
        empty and a row with a wrapped label still has its values in their columns."""
        pieces: list[list[list[_Line]] | list[str]] = []  # chunks of bands, and ruled tables' rows
        chunk: list[list[_Line]] = []
        tables = list(tables)
        for previous, line in zip([None, *lines], lines):
            distance = line.top - previous.top if previous is not None else None
            while tables and tables[0][0] < line.top:
                pieces.append(chunk)
                pieces.append(tables.pop(0)[1])
                chunk, distance = [], None
            if distance is None or distance > _PARAGRAPH * self.pitch:
                pieces.append(chunk)
                chunk = [[line]]
            elif distance > _WRAP * self.pitch:
                chunk.append([line])
            else:
                chunk[-1].append(line)
        pieces.append(chunk)
        pieces.extend(rows for _, rows in tables)
        out: list[str] = []
        pieces = [piece for piece in pieces if piece]
        previous: list[tuple[float, float]] | None = None
        for piece, columns in zip(pieces, _shared_columns(pieces)):
            if out and out[-1] and not (columns and columns is previous):  # a table's rows stay together
                out.append("")
            previous = columns
            if isinstance(piece[0], str):
                out.extend(piece)
            else:
                self._chunk(piece, columns, out)
        while out and not out[-1]:
            out.pop()
        return out

    def _chunk(self, chunk: list[list[_Line]], columns: list[tuple[float, float]], out: list[str]) -> None:
        tabular = [i for i, band in enumerate(chunk) if any(len(l.segments) > 1 for l in band)]
        if not tabular:
            self._prose(chunk, out)
            return
        first, last = tabular[0], tabular[-1]
        while first and _fits_a_column(chunk[first - 1], columns, first_column=False):
            first -= 1  # a header row whose first cell is empty
        while last + 1 < len(chunk) and _fits_a_column(chunk[last + 1], columns):
            last += 1  # rows with one filled cell (an analysis, a continuation) after the last full row
        self._prose(chunk[:first], out)
        if first:
            out.append("")
        out.extend(_row(band, columns) for band in chunk[first:last + 1])
        if last + 1 < len(chunk):
            out.append("")
            self._prose(chunk[last + 1:], out)

    def _prose(self, bands: list[list[_Line]], out: list[str]) -> None:
        for index, band in enumerate(bands):
            if index:
                out.append("")
            text = band[0].text
            for previous, line in zip(band, band[1:]):
                if self._wrapped(previous, line) and not text.endswith("-"):
                    text = f"{text} {line.text}"
                else:  # a line break of the text itself, or a hyphen the parser must judge
                    out.append(text)
                    text = line.text
            out.append(text)

    def _wrapped(self, line: _Line, following: _Line) -> bool:
        """Was the line broken because the next line's first word did not fit after it?

        A next line that starts like a list item is left for the parser to judge: a full line
        before a bullet looks exactly like a line wrapped before a dash. One that starts with a
        status symbol ("● Uppfylls helt" under a goal's heading) begins a line of its own.
        """
        if _LIST_ITEM.match(following.text) or following.text[:1] in GLYPHS:
            return False
        words = [word for segment in line.segments for word in segment]
        space = min((b.x0 - a.x1 for a, b in zip(words, words[1:])), default=_SPACE * line.height)
        word = following.segments[0][0]
        return line.x1 + space + (word.x1 - word.x0) > self.right


def _shared_columns(pieces: list) -> list[list[tuple[float, float]]]:
    """Each chunk's columns. A chunk of one row whose columns are all aligned with those of the
    chunks with cells just before it is a row of their table and shares its columns; a chunk of
    several rows is a table of its own, and a ruled table or prose ends one. [] for a chunk
    without cells."""
    runs: list[tuple[list[int], list[_Line], list[tuple[float, float]]]] = []  # (chunks, lines, columns)
    for index, piece in enumerate(pieces):
        bands = [] if isinstance(piece[0], str) else [[line for line in band if len(line.segments) > 1]
                                                       for band in piece]
        lines = [line for band in bands for line in band]
        if sum(map(bool, bands)) == 1 and runs and runs[-1][1] and _within(_columns(lines), runs[-1][2]):
            chunks, shared, _ = runs.pop()
            runs.append(([*chunks, index], shared + lines, _columns(shared + lines)))
        else:
            runs.append(([index], lines, _columns(lines) if lines else []))
    columns: list[list[tuple[float, float]]] = [[] for _ in pieces]
    for chunks, _, table in runs:
        for index in chunks:
            columns[index] = table  # one list a run: page_text sets a run's rows without gaps
    return columns


def _within(columns: list[tuple[float, float]], table: list[tuple[float, float]]) -> bool:
    """Is each column aligned with one of the table's: the same left edge (text) or right
    edge (numbers set flush right)?"""
    return all(any(abs(x0 - a) <= _SLACK or abs(x1 - b) <= _SLACK for a, b in table) for x0, x1 in columns)


def _columns(lines: list[_Line]) -> list[tuple[float, float]]:
    """Column extents from the cell segments of the table's multi-cell lines, narrowest first:
    a segment lying over two columns the narrower ones made (a tight header's cells run
    together, a label wrapped over the values) is no column; its words go each to its own."""
    spans = sorted(((s[0].x0, s[-1].x1) for line in lines for s in line.segments), key=lambda s: s[1] - s[0])
    columns: list[list[float]] = []
    for x0, x1 in spans:
        over = [c for c in columns if x0 <= c[1] + _SLACK and c[0] <= x1 + _SLACK]
        if len(over) > 1:
            continue
        if over:
            over[0][0], over[0][1] = min(over[0][0], x0), max(over[0][1], x1)
        else:
            columns.append([x0, x1])
    merged: list[list[float]] = []
    for x0, x1 in sorted(columns):
        if merged and x0 <= merged[-1][1] + _SLACK:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(x0, x1) for x0, x1 in merged]


def _column_of(x: float, columns: list[tuple[float, float]]) -> int:
    return max((i for i, (x0, _) in enumerate(columns) if x0 - _SLACK <= x), default=0)


def _fits_a_column(band: list[_Line], columns: list[tuple[float, float]], first_column: bool = True) -> bool:
    """Is a band of one-cell lines a table row? Each line must stay inside one column (text
    running into the next column is a paragraph). Before the table's first full row, a line in
    the first column is taken for a caption or heading, one further right for a row."""
    for line in band:
        if len(line.segments) > 1:
            continue
        column = _column_of(line.x0, columns)
        if column == 0 and (not first_column or line.x0 > columns[0][1]):
            return False
        if column + 1 < len(columns) and line.x1 > columns[column + 1][0] + _SLACK:
            return False
    return True


def _row(band: list[_Line], columns: list[tuple[float, float]]) -> str:
    """One table row: each word to its column (a one-segment line as a whole), lines joined."""
    cells: list[list[str]] = [[] for _ in columns]
    for line in band:
        if len(line.segments) == 1:
            cells[_column_of(line.x0, columns)].append(line.text)
            continue
        for segment in line.segments:
            for word in segment:
                cells[_column_of(word.x0, columns)].append(word.text)
    return "\t".join(" ".join(cell) for cell in cells)
