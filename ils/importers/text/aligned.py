"""Column-aligned text read back into rows the parser reads.

Two shapes of text keep a table's columns in the position of its words rather than in TABs:

- an export whose TABs were expanded to spaces (``expandtabs(8)``, an editor's "tabs to
  spaces"): every cell after the first starts at a tab stop, so a run of spaces that ends at a
  stop is the TABs it replaced, and how far it reaches says how many (empty cells included).
  Its rows become TAB-separated again, the shape the parser reads exactly;
- text laid out by columns (``pdftotext -layout``): the header's cells stand over their
  columns, a row's cells wrap in their columns over several lines. Positions tell which lines
  make a row and which words a cell, but not exactly which column a value is in (see
  ``_read_layout``), so each row becomes one line of its cells in order, for the reader of
  TAB-less tables, which places values by their kind and marks what it inferred.

Only text of that shape changes: text with TABs, or whose tables are not aligned, passes
unchanged. A row that takes several lines becomes one line at its first line's number, the
others left blank, so every other line keeps its number for the warnings.
"""
from __future__ import annotations

import functools
import re

from . import vocabulary as v
from .text_tables import header_at, header_cells

TAB_STOP = 8
_SPACES = re.compile(r" +")
_TABLE_HEADER = re.compile(r"^\W{0,4}(?:Indikator|Aktivitet)\s{2,}\S", re.IGNORECASE)
# A value's start and end: a cell's boundary lies more likely between these than inside words.
_VALUE_START = re.compile(r"^[-+−]?\d")
_VALUE_END = re.compile(r"(?:\d|%|\)|\d [a-zåäö]{1,5}\.?)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A space inside a number: "3 331,1", "12 500".
_THOUSANDS = (re.compile(r"^[-+−]?\d{1,3}$"), re.compile(r"^\d{3}(?:,\d+)?$"))


def read_aligned(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """The lines with their aligned tables as rows the parser reads (unchanged if there are
    none), and for each line a rebuilt row took in and left blank (1-based), the line now
    holding its text, so that the line's fate is its row's."""
    if any("\t" in line for line in lines):
        return lines, {}
    if _expanded_tabs(lines):
        return _retab(lines), {}
    return _read_layout(lines)


# -- TABs expanded to spaces --------------------------------------------------------------------

def _stop_runs(line: str) -> list[tuple[int, int, int]]:
    """(start, end, TABs) of each run of two or more spaces inside the line that ends at a tab
    stop: the TABs it replaced. A run reaching the line's end counts too (trailing empty cells)."""
    runs = []
    for match in _SPACES.finditer(line):
        start, end = match.span()
        if end % TAB_STOP or end - start < 2 or start == 0 and end == len(line):
            continue
        first_stop = (start // TAB_STOP + 1) * TAB_STOP
        runs.append((start, end, 1 + (end - first_stop) // TAB_STOP))
    return runs


def _has_runs(line: str) -> bool:
    return bool(_stop_runs(line))


def _expanded_tabs(lines: list[str]) -> bool:
    """Does the text look like an export whose TABs became spaces? Its table headers then have
    their cells at tab stops: every run of two or more spaces in them ends at one."""
    headers = [line.rstrip() for line in lines if _TABLE_HEADER.match(line)]
    if not headers:
        return False
    aligned = sum(1 for line in headers
                  if all(m.end() % TAB_STOP == 0 for m in _SPACES.finditer(line) if m.end() - m.start() >= 2))
    return aligned * 2 > len(headers)


def _retab(lines: list[str]) -> list[str]:
    """Each block of consecutive lines with tab-stop runs is a table: its rows have as many
    cells as its widest line (the export pads every row to its header's width), or as its
    header has cells where it is an indicator or activity table."""
    result = list(lines)
    index = 0
    while index < len(lines):
        if not _has_runs(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and _has_runs(lines[end]):
            end += 1
        if not any(_stop_runs(lines[i].rstrip()) for i in range(index, end)):
            index = end  # only trailing spaces (a hard line break): no table
            continue
        tabs = [_tabbed(lines[i]) for i in range(index, end)]
        header = header_at(lines, index)
        width = max([row.count("\t") for row in tabs] + ([len(header[1]) - 1] if header else []))
        for offset, row in enumerate(tabs):
            missing = width - row.count("\t")
            result[index + offset] = _tabbed(lines[index + offset], missing) if missing > 0 else row
        index = end
    return result


def _tabbed(line: str, missing: int = 0) -> str:
    """The line with its tab-stop runs as TABs, and ``missing`` more TABs where a single space
    ends at a stop (a cell one short of the stop is followed by one space)."""
    cuts = {start: (end, "\t" * tabs) for start, end, tabs in _stop_runs(line)}
    if missing:
        for position in _single_space_stops(line, missing):
            cuts[position] = (position + 1, "\t")
    parts, position = [], 0
    for start in sorted(cuts):
        end, tabs = cuts[start]
        parts += [line[position:start], tabs]
        position = end
    parts.append(line[position:])
    return "".join(parts)


def _single_space_stops(line: str, count: int) -> list[int]:
    """The ``count`` single spaces ending at a tab stop most likely to be TABs: a line's last
    space first, then one between two values or before a date (unless the two read as one
    number with a thousands space), a value and a capital, then before a capital (one that
    begins other cells of the line first: "Prognos Budgetjustering Prognos Resultat…") or a
    value; among equals the rightmost (the name, on the left, has the most spaces)."""
    candidates = []
    openers = {line[end:].split(" ")[0] for _, end, _ in _stop_runs(line)}  # words that begin cells
    for match in _SPACES.finditer(line):
        start, end = match.span()
        if end - start != 1 or end % TAB_STOP or start == 0:
            continue
        if end == len(line):
            candidates.append((2, start))  # a cell at the line's end, one short of the stop
            continue
        before, after = " ".join(line[:start].split(" ")[-2:]), line[end:].split(" ")[0]
        value_before = bool(_VALUE_END.search(before))
        if _THOUSANDS[0].match(before.split(" ")[-1]) and _THOUSANDS[1].match(after):
            rank = -1
        elif _VALUE_START.match(after):
            rank = 3 if value_before or _DATE.match(after) else 1
        elif after[:1].isupper():
            rank = 2 if value_before else 1.75 if after in openers else 1.5
        else:
            rank = 0
        candidates.append((rank, start))
    candidates.sort(reverse=True)
    return [start for _, start in candidates[:count]]


# -- text laid out by columns -------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_HEADER_LINES = 4  # a header cell wraps over at most this many lines
_CELL_WORDS = 5  # and has at most this many words on its first line ("Periodens utfall VB 2021")
_SLACK = (2, 0, 3, 4, 1)  # characters by which the layout moves a header's lower lines left
_DRIFT = 3  # characters by which it moves a cell left of its column's header
# A cell nothing continues: a period ("2024", "VB 2022", "Tertial 1 2024"), a frequency or a date.
_COMPLETE = re.compile(r"^(?:(?:(?:VB|Tertial|Halv[aå]r|Kvartal)(?: \d)? )?(?:19|20)\d\d|\d{4}-\d{2}-\d{2}|"
                       r"[AÅ]r|Tertial|Halv[aå]r|Kvartal|M[aå]nad)$")
# What ends an indicator row, cut off from the value the layout pushed against it.
_CLOSING = re.compile(r"^(?:(?:19|20)\d\d|[AÅ]r|Tertial|Halv[aå]r|Kvartal|M[aå]nad)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER_HYPHEN = re.compile(r"\d-$")
_PERIOD_PREFIX = re.compile(r"^(?:VB|\d)$")
_UNIT_WORD = re.compile(r"^(?:%|st|kr|tkr|mnkr|GWh|MWh|kWh|dagar|timmar|personer)$")
_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
_ROW_GLYPH = re.compile(rf"^[{re.escape(v.GLYPHS)}]")


def _words(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line)]


def _columns(lines: list[str], index: int) -> tuple[list[int], list[str], int] | None:
    """(column starts, labels, index after the header) of a header set in columns at
    ``index``: the first line's words start the columns, and every column's words, down the
    header's lines, read as exactly one known header cell ("Perio-" / "dens ut-" / "fall")."""
    first = _words(lines[index])
    kind = v.fold(first[0][2]) if first else ""
    if kind.startswith("indikator"):
        kind, final = "indicator", ("period", "frequency", "assessment")
    elif kind.startswith("aktivitet"):
        kind, final = "activity", ("end", "deviation", "status")
    else:
        return None
    best = None
    for depth in range(1, _HEADER_LINES + 1):
        below = [_words(line) for line in lines[index + 1:index + depth]]
        if len(below) < depth - 1 or any(not words for words in below):
            break
        found = next(filter(None, (_partition(first, below, kind, slack) for slack in _SLACK)), None)
        if found is not None and found[1][-1][1] in final:  # a whole header ends in its last column
            best = (found[0], [label for label, _ in found[1]], index + depth)
    return best


def _partition(first, below, kind: str, slack: int) -> tuple[list[int], list[tuple[str, str]]] | None:
    """The first line's words grouped into columns whose text is each one header cell; a
    word on a line below belongs to the column it starts in, or up to ``slack`` before."""
    def label(start: int, end: int | None) -> tuple[str, str] | None:
        texts = [w for w in first if w[0] >= start and (end is None or w[0] < end)]
        for words in below:
            texts += [w for w in words if w[0] + slack >= start and (end is None or w[0] + slack < end)]
        return _one_label(" ".join(w[2] for w in texts), kind)

    starts = [w[0] for w in first]
    # ways[i]: the columns of the first words[:i] when a column starts at word i
    ways: dict[int, tuple[list[int], list[tuple[str, str]]]] = {0: ([], [])}
    for i in range(len(starts)):
        if i not in ways:
            continue
        for j in range(i + 1, min(i + _CELL_WORDS, len(starts)) + 1):
            cell = label(starts[i], starts[j] if j < len(starts) else None)
            if cell is not None and j not in ways:
                ways[j] = (ways[i][0] + [starts[i]], ways[i][1] + [cell])
    return ways.get(len(starts))


@functools.lru_cache(maxsize=4096)
def _one_label(text: str, kind: str) -> tuple[str, str] | None:
    """(label, field) if the text is exactly one header cell of the kind's table."""
    text = re.sub(r"(?<=[a-zåäö])[-\u00ad] (?=[a-zåäö])", "", text)
    found = header_cells(text, kind)
    return found[0] if found and len(found) == 1 else None


def _read_layout(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Each table set in columns as one line for its header and one for each row, its cells
    in column order. Positions say which lines make a row and which words a cell (a name
    wrapped over four lines, a period "Tertial 1" / "2024"), but not reliably which column a
    value stands in: pdftotext moves words by several characters, more than the gap between
    narrow columns. So the rows go to the reader of TAB-less tables, which places each value
    by its kind and marks what it inferred, never on a guess from a position."""
    result = list(lines)
    tables: list[tuple[range, list[str], list]] = []  # lines, labels, rows
    index = 0
    while index < len(lines):
        header = _TABLE_HEADER.match(lines[index]) and _columns(lines, index)
        if not header:
            index += 1
            continue
        starts, labels, end = header
        leading, rows, end = _layout_rows(lines, end, starts)
        carried = bool(leading and tables and tables[-1][2]) and tables[-1][1] == labels and \
            _page_between(lines, tables[-1][0].stop, index)
        if rows is None and not carried:
            index += 1
            continue
        if carried:
            # the header repeated on a new page, and the last row of the page before goes on
            for line in leading:
                pieces = _pieces(lines[line], starts, first=False)
                for cell, (_, piece) in zip(_continued(tables[-1][2][-1][1], pieces), pieces):
                    cell[1].append(piece)
            leading = []
        result[index] = "\f" * lines[index].startswith("\f") + " ".join(labels)  # the page break stays
        for i in range(index + 1, end):
            result[i] = lines[i].strip() if i in leading else ""
        tables.append((range(index, end), labels, rows or []))
        index = end
    for table, _, rows in tables:
        ends = [line for line, _ in rows[1:]] + [table.stop]
        for (line, cells), (before, _), end in zip(rows, [(-2, None), *rows], ends):
            text = " ".join(part for part in (_join(parts) for _, parts in cells) if part)
            if before == line - 1 and v.ANALYSIS_PREFIX.match(result[before]) and end > line + 1:
                line += 1  # a blank line ends the one-line analysis before, as a sentence's end would
            result[line] = text
    if tables:
        # Outside the tables, text side by side (a page footer's title and page number, two
        # columns of prose) keeps a gap between its parts, of one width on every page.
        inside = {i for table, _, _ in tables for i in table}
        result = [line if i in inside else _GAP.sub("   ", line) for i, line in enumerate(result)]
    return result, _taken_in(lines, result, [table for table, _, _ in tables])


def _taken_in(lines: list[str], result: list[str], tables: list[range]) -> dict[int, int]:
    """Each table line left blank though it had text -> the line above it in its table that
    now holds the header or row it went into (1-based)."""
    joined = {}
    for table in tables:
        holder = table.start
        for i in table:
            if result[i].strip():
                holder = i
            elif lines[i].strip():
                joined[i + 1] = holder + 1
    return joined


def _page_between(lines: list[str], end: int, start: int) -> bool:
    """Do only a page break and its furniture (a few short lines) stand between two lines?"""
    between = [line for line in lines[end:start + 1] if line.strip(" \f")]
    return any("\f" in line for line in lines[end:start + 1]) and len(between) <= 4


def _column_of(starts: list[int], position: float) -> int:
    return max(0, sum(1 for start in starts if start <= position) - 1)


def _pieces(line: str, starts: list[int], first: bool = True) -> list[tuple[int, str]]:
    """The line's cells as (start, text): runs of words set closer than two spaces, cut
    before a word that begins a cell (``_begins_cell``) where the run reaches over a column's
    start beyond the first column; on a row's first line also before a date wherever it
    stands, and beyond the first column before a year or a frequency (the period, which the
    layout pushes against the value before it); on the lines below, before those only after
    a unit ("st" / "2024", but "Faststäl" / "ls 2024" is one cell)."""
    pieces: list[tuple[int, str]] = []
    for match in re.finditer(r"\S+(?: \S+)*", line):
        base, words = match.start(), _words(match.group())
        crossing = _column_of(starts, base) != _column_of(starts, match.end() - 1)
        pieces.append((base, words[0][2]))
        for (_, _, previous), (start, end, word) in zip(words, words[1:]):
            beyond = base + start >= starts[1] - _DRIFT
            closing = beyond and _CLOSING.match(word) and (first or _UNIT_WORD.match(previous))
            if _begins_cell(previous, word) and (crossing and beyond or closing or first and _DATE.match(word)):
                pieces.append((base + start, word))
            else:
                pieces[-1] = (pieces[-1][0], f"{pieces[-1][1]} {word}")
    return pieces


def _begins_cell(previous: str, word: str) -> bool:
    """Can ``word`` begin a cell after ``previous``: a capital, a glyph, a date, or a number
    after a value or of four digits, but not "1" after "Tertial", "000" after "12", "2022"
    after "VB", nor what follows a glyph."""
    if _ROW_GLYPH.match(previous) or _YEAR.match(word) and _PERIOD_PREFIX.match(previous):
        return False  # "● Uppnås", "VB 2022", "Tertial 1 2024"
    if word[:1].isupper() or _ROW_GLYPH.match(word) or _DATE.match(word):
        return True
    if _THOUSANDS[0].match(previous) and _THOUSANDS[1].match(word):
        return False
    return bool(_VALUE_START.match(word)) and (bool(_VALUE_END.search(previous)) or len(word) >= 4)


def _join(parts: list[str]) -> str:
    """A cell's lines joined: a word broken at a soft hyphen is one word again, and so is one
    broken after the hyphen of a number ("14-" / "dagarsperiod")."""
    text = ""
    for part in parts:
        if text.endswith("\u00ad"):
            text = text[:-1] + part
        else:
            text = f"{text}{'' if _NUMBER_HYPHEN.search(text) else ' '}{part}".strip()
    return text.replace("\u00ad", "")


def _layout_rows(lines: list[str], index: int, starts: list[int]) -> tuple[list[int], list | None, int]:
    """(lines before the first row, the rows as (first line, cells), the index after the
    table). The table ends at a blank line or a page break; rows are None if no row with
    values follows, or if they flow across the columns (a table printed with TABs as tab
    stops is no layout by columns). The lines before the first row are the rest of the page
    before. A row starts where the first column starts in a capital or a glyph and another
    column has a value; the lines after it continue its cells (``_continued``); an analysis
    ("Analys: …") runs over the whole width until the next row."""
    rows: list[tuple[int, list[tuple[int, list[str]]]]] = []
    leading: list[int] = []
    analysis = False
    flowing = table_rows = 0
    while index < len(lines) and lines[index].strip() and "\f" not in lines[index]:
        text = lines[index].strip()
        pieces = _pieces(lines[index], starts)
        flows = _flows(lines[index], starts)
        if rows and not _starts_row(pieces, starts):
            pieces = _pieces(lines[index], starts, first=False)
        if v.ANALYSIS_PREFIX.match(text) and not text.lower().startswith("analysera"):
            rows.append((index, [(0, [text])]))
            analysis = True
        elif analysis and (flows or not _starts_row(pieces, starts)):
            rows[-1][1][0][1].append(text)
        elif not rows and not _starts_row(pieces, starts):
            leading.append(index)
        elif rows and not _starts_row(pieces, starts):
            flowing += flows
            for cell, (_, piece) in zip(_continued(rows[-1][1], pieces), pieces):
                cell[1].append(piece)
        else:
            analysis = False
            flowing += flows
            rows.append((index, [(start, [piece]) for start, piece in pieces]))
            table_rows += 1
        index += 1
    if not table_rows or flowing * 5 > table_rows:
        return leading, None, index
    return leading, rows, index


def _continued(cells: list[tuple[int, list[str]]], pieces: list[tuple[int, str]]) -> list:
    """The cells that a continuation line's pieces continue: cells that a period or a date has
    not completed, one per piece from left to right (pieces apart are cells apart), nearest
    in sum; with more pieces than such cells, each the nearest."""
    open_cells = [c for c in cells if not _COMPLETE.match(c[1][-1])] or cells
    if len(pieces) > len(open_cells):
        return [min(open_cells, key=lambda c: (abs(c[0] - start), c[0])) for start, _ in pieces]
    # best[j]: (cost, cells) of the pieces so far, the last one in open_cells[j]
    best: dict[int, tuple[int, list]] = {}
    for number, (start, _) in enumerate(pieces):
        step = {}
        for j, cell in enumerate(open_cells):
            before = [best[i] for i in best if i < j] if number else [(0, [])]
            if before:
                cost, chosen = min(before, key=lambda b: b[0])
                step[j] = (cost + abs(cell[0] - start), chosen + [cell])
        best = step
    return min(best.values(), key=lambda b: b[0])[1]


def _flows(line: str, starts: list[int]) -> bool:
    """Does the line's first run of words, in the first column, reach over three columns or
    more (as prose or a row printed with tab stops does, never a name set in its column)?"""
    first = re.search(r"\S+(?: \S+)*", line)
    return first is not None and _column_of(starts, first.start()) == 0 and _column_of(starts, first.end() - 2) >= 2


def _starts_row(pieces: list[tuple[int, str]], starts: list[int]) -> bool:
    """A row's first line: its name in the first column and a value in another, each as a
    cell begins."""
    if not pieces or pieces[0][0] >= starts[1]:
        return False
    name = pieces[0][1]
    return _opens(name) and any(_column_of(starts, start) > 0 and _opens(text) for start, text in pieces[1:])


def _opens(text: str) -> bool:
    """Can the text begin a cell: a capital, a number, a glyph (not a wrapped word's rest)?"""
    return text[0].isupper() or bool(_VALUE_START.match(text)) or bool(_ROW_GLYPH.match(text))
