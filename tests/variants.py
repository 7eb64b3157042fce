"""Unseen variants of a text export, for round-trip tests.

Each seed is one layout of one report. The importer must read the same report hard-wrapped
with page headers and footers (as pdftotext gives a PDF), printed as a PDF, or as the report
of another year. These helpers make such variants from the text alone, so every seed report
yields them, and a test can demand that a variant parses to the same data.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TAB = "\t"
_TITLE = re.compile(r"^(?:Verksamhetsplan|Tertialrapport|Verksamhetsberättelse)\b.*\d{4}")
_MARKUP = re.compile(r"^[#*\s]+|[*\s]+$")
_TRAILING_PUNCTUATION = ".,;:!?)\"”'"


def report_identity(text: str) -> tuple[str, str]:
    """(committee, title) of a text export, for page headers: the title line and its "för …"."""
    lines = [_MARKUP.sub("", line) for line in text.split("\n") if TAB not in line]
    for index, line in enumerate(lines):
        if _TITLE.match(line):
            if " för " in line:
                return line.split(" för ", 1)[1], line
            following = next((l for l in lines[index + 1:] if l), "")
            return following, line
    return "", ""


# -- hard wrap and pagination ----------------------------------------------------------------


@dataclass
class _Unit:
    kind: str  # "blank", "prose" or "row"
    lines: list[str]
    header: str = ""  # for a row: the first row of its table, repeated after a page break
    first: bool = False  # the row is that first row


def _hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """Split a long all-lowercase word so that its head and a hyphen take ``room`` characters."""
    core = word.rstrip(_TRAILING_PUNCTUATION)
    if len(core) < 10 or not (core.isalpha() and core.islower()):
        return None
    cut = min(room - 1, len(core) - 4)
    return (word[:cut] + "-", word[cut:]) if cut >= 4 else None


def wrap(line: str, width: int) -> list[str]:
    """Hard-wrap a prose line at word boundaries, hyphenating a long word that would not fit."""
    if len(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    tail = line[len(line.rstrip()):]
    out: list[str] = []
    current = indent
    for word in line.split():
        candidate = f"{current} {word}" if current.strip() else current + word
        if len(candidate) <= width or not current.strip():
            current = candidate
            continue
        if split := _hyphen_split(word, width - len(current) - 1):
            out.append(f"{current} {split[0]}")
            current = split[1]
        else:
            out.append(current)
            current = word
    return out + [current + tail]


def _units(text: str, width: int) -> list[_Unit]:
    units: list[_Unit] = []
    header = ""
    for line in text.split("\n"):
        if TAB in line:
            first = not units or units[-1].kind != "row"
            header = line if first else header
            units.append(_Unit("row", [line], header, first))
        elif line.strip():
            units.append(_Unit("prose", wrap(line, width)))
        else:
            units.append(_Unit("blank", [line]))
    return units


def _lines_to_take(count: int, room: int, at_top: bool) -> int:
    """How many lines of a paragraph go on a page with ``room`` lines left, as a word
    processor would: all if they fit; none of a paragraph of three lines or fewer, nor fewer
    than two at either side of the break; on an empty page as many as fit."""
    if count <= room:
        return count
    if at_top:
        return room
    take = min(room, count - 2) if count > 3 else 0
    return take if take >= 2 else 0


def _paginate(units: list[_Unit], page_lines: int) -> list[list[str]]:
    """Fill pages: a table broken by a page repeats its header row (kept with the row after
    it), a paragraph breaks as _lines_to_take says, blank lines at the top of a page vanish."""
    pages: list[list[str]] = [[]]
    for number, unit in enumerate(units):
        page = pages[-1]
        room = page_lines - len(page)
        if unit.kind == "blank":
            if page and room > 0:
                page.append(unit.lines[0])
            continue
        if unit.kind == "row":
            following_row = number + 1 < len(units) and units[number + 1].kind == "row"
            if room < (2 if unit.first and following_row else 1):  # a header with its first row
                pages.append([] if unit.first else [unit.header])
            pages[-1].append(unit.lines[0])
            continue
        lines = unit.lines
        while lines:
            take = _lines_to_take(len(lines), page_lines - len(pages[-1]), not pages[-1])
            pages[-1].extend(lines[:take])
            lines = lines[take:]
            if lines:
                pages.append([])
    return [page for page in pages if page]


def rewrap(text: str, width: int = 80, page_lines: int = 55,
           header: str = "{committee} · {title}", footer: str = "Sida {page} av {pages}") -> str:
    """The text as pdftotext would give a printout of it: prose hard-wrapped at ``width``,
    pages of about ``page_lines`` lines with header and footer, separated by form feeds, and
    a table broken by a page break repeating its header row. Table rows are never changed."""
    committee, title = report_identity(text)
    pages = _paginate(_units(text, width), page_lines)
    out: list[str] = []
    for number, body in enumerate(pages, start=1):
        fields = {"committee": committee, "title": title, "page": number, "pages": len(pages)}
        if number > 1:
            out.append("\f")
        out += [header.format(**fields), "", *body, "", footer.format(**fields)]
    return "\n".join(out)


# -- another year ----------------------------------------------------------------------------

_YEARS = re.compile(
    r"(?<![\d,.])(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d))(?!\d)"
    r"|(?P<leap>29 februari (?P<ly>(?:19|20)\d\d))(?!\d)"
    r"|(?<![\d,.])(?P<year>(?:19|20)\d\d)(?![\d]|,\d)"
)


def other_year(text: str, from_year: int, to_year: int) -> str:
    """The report as if written ``to_year - from_year`` years later: every year within ten
    years of ``from_year`` is shifted (2024 -> 2025, "VB 2023" -> "VB 2024", dates too; 29
    February becomes the 28th when the shifted year has none). Further off, a four-digit
    number is more likely a value ("1945 GWh", an amount of 2094 mnkr) and stays."""
    shift = to_year - from_year

    def shifted(match: re.Match) -> str:
        year = int(match["y"] or match["ly"] or match["year"])
        if abs(year - from_year) > 10:
            return match[0]
        if match["iso"]:
            day = min(int(match["d"]), calendar.monthrange(year + shift, int(match["m"]))[1])
            return f"{year + shift}-{match['m']}-{day:02d}"
        if match["leap"]:
            return f"{29 if calendar.isleap(year + shift) else 28} februari {year + shift}"
        return str(year + shift)

    return _YEARS.sub(shifted, text)


# -- PDF -------------------------------------------------------------------------------------

FONT = "DejaVuSans"
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_SIZE = 9.0  # prose
_TABLE_SIZE = 8.0  # tables, made smaller still when the longest words of a row do not fit
# One leading for everything, so that the distance between lines alone tells a wrapped line
# (1 x) from a new table row (1.4 x) and from a paragraph (2 x), as pdf_lines expects.
_LEADING = 11.5
_ROW_GAP = 4.5
_GUTTER = 14.0
_LEFT = 56.0
_HEADER_Y, _BODY_TOP, _BODY_BOTTOM_MARGIN, _FOOTER_MARGIN = 40.0, 76.0, 70.0, 36.0


@cache
def _font():
    """Register DejaVu Sans once; return its width function and the characters it has."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    face = pdfmetrics.getFont(FONT).face
    return pdfmetrics.stringWidth, frozenset(chr(code) for code in face.charToGlyph)


def _printable(text: str) -> str:
    """The words of a text, single-spaced, without the characters the font cannot draw."""
    _, glyphs = _font()
    return " ".join("".join(c for c in text if c in glyphs).split())


def _fold(text: str, width: float, size: float) -> list[str]:
    """Word-wrap printable text into lines no wider than ``width`` points."""
    measure, _ = _font()
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", FONT, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


class _Pages:
    """Text placed on A4 pages, top-down: (x, baseline from the top, text, font size)."""

    def __init__(self, height: float):
        self.bottom = height - _BODY_BOTTOM_MARGIN
        self.pages: list[list[tuple[float, float, str, float]]] = [[]]
        self.y = _BODY_TOP

    @property
    def at_top(self) -> bool:
        return not self.pages[-1]

    def lines_left(self) -> int:
        return max(0, int((self.bottom - self.y) // _LEADING) + 1)

    def lines_per_page(self) -> int:
        return int((self.bottom - _BODY_TOP) // _LEADING) + 1

    def new_page(self) -> None:
        self.pages.append([])
        self.y = _BODY_TOP

    def skip(self, space: float) -> None:
        if not self.at_top:
            self.y += space

    def put(self, x: float, lines: list[str], size: float) -> None:
        for offset, text in enumerate(lines):
            self.pages[-1].append((x, self.y + offset * _LEADING, text, size))


def _paragraph(layout: _Pages, lines: list[str]) -> None:
    """Place a wrapped paragraph, broken over pages as in rewrap."""
    while lines:
        take = _lines_to_take(len(lines), layout.lines_left(), layout.at_top)
        layout.put(_LEFT, lines[:take], _SIZE)
        layout.y += take * _LEADING
        lines = lines[take:]
        if lines:
            layout.new_page()


def _table_geometry(rows: list[list[str]], width: float) -> tuple[list[float], float]:
    """Column widths and font size: each column at least as wide as its longest word, the
    rest of the width shared in proportion to how much more the column's text wants."""
    measure, _ = _font()
    columns = len(rows[0])
    available = width - _GUTTER * (columns - 1)
    size = _TABLE_SIZE
    words = [[w for row in rows for w in row[c].split()] for c in range(columns)]
    least = [max((measure(w, FONT, size) for w in col), default=0.0) for col in words]
    if sum(least) > available:
        size *= available / sum(least)
        least = [w * available / sum(least) for w in least]
    natural = [max(measure(row[c], FONT, size) for row in rows) for c in range(columns)]
    if sum(natural) <= available:
        return natural, size
    spare = available - sum(least)
    wanted = sum(n - m for n, m in zip(natural, least))
    if wanted <= 0:  # every column is one word wide, the font already shrunk to fit them
        return least, size
    return [m + (n - m) * spare / wanted for n, m in zip(natural, least)], size


def _table(layout: _Pages, rows: list[list[str]], body_width: float) -> None:
    """Place a table: cells wrapped inside their columns, rows never split, the header row
    repeated at the top of each further page, and kept together with the first row."""
    columns = max(len(row) for row in rows)
    rows = [[_printable(c) for c in row] + [""] * (columns - len(row)) for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return
    widths, size = _table_geometry(rows, body_width)
    starts = [_LEFT + sum(widths[:c]) + _GUTTER * c for c in range(columns)]
    folded = [[_fold(cell, widths[c] + 0.01, size) for c, cell in enumerate(row)] for row in rows]
    height = [max(len(cell) for cell in row) for row in folded]
    if max(height) > layout.lines_per_page():
        raise ValueError(f"a table row is taller than a page: {rows[height.index(max(height))][0]!r}")

    def place(index: int) -> None:
        for start, cell in zip(starts, folded[index]):
            layout.put(start, cell, size)
        layout.y += height[index] * _LEADING

    for index in range(len(rows)):
        need = height[index] + (height[1] if index == 0 and len(rows) > 1 else 0)
        if index:
            layout.skip(_ROW_GAP)
        if need > layout.lines_left() and not layout.at_top:
            layout.new_page()
            if index:
                place(0)
                layout.y += _ROW_GAP
        place(index)


def text_to_pdf(text: str, path: str | Path,
                header: str = "{committee} · {title}", footer: str = "Sida {page} av {pages}") -> Path:
    """Print a text export as an A4 PDF: prose wrapped to the page, tables as columns, a
    header and a footer (unless empty) on every page. Characters DejaVu Sans lacks are left out."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    page_width, page_height = A4
    body_width = page_width - 2 * _LEFT
    layout = _Pages(page_height)
    lines = text.split("\n")
    index = 0
    gap = False
    while index < len(lines):
        line = lines[index]
        if TAB in line:
            end = index
            while end < len(lines) and TAB in lines[end]:
                end += 1
            layout.skip(_LEADING if gap else 0)
            _table(layout, [row.split(TAB) for row in lines[index:end]], body_width)
            index, gap = end, False
            continue
        index += 1
        if not (printable := _printable(line)):
            gap = True
            continue
        layout.skip(_LEADING if gap else 0)
        gap = False
        _paragraph(layout, _fold(printable, body_width, _SIZE))
    committee, title = report_identity(text)
    canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
    pages = [page for page in layout.pages if page]
    for number, placed in enumerate(pages, start=1):
        fields = {"committee": committee, "title": title, "page": number, "pages": len(pages)}
        furniture = [(_LEFT, _HEADER_Y, _printable(header.format(**fields)), _SIZE),
                     (_LEFT, page_height - _FOOTER_MARGIN, _printable(footer.format(**fields)), _SIZE)]
        for x, y, string, size in placed + [item for item in furniture if item[2]]:
            canvas.setFont(FONT, size)
            canvas.drawString(x, page_height - y, string)
        canvas.showPage()
    canvas.save()
    return Path(path)
