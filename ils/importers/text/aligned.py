"""Column-aligned text read back into TAB-separated rows.

Two shapes of text keep a table's columns in the position of its words rather than in TABs:

- an export whose TABs were expanded to spaces (``expandtabs(8)``, an editor's "tabs to
  spaces"): every cell after the first starts at a tab stop, so a run of spaces that ends at a
  stop is the TABs it replaced, and how far it reaches says how many (empty cells included);
- text laid out by columns (``pdftotext -layout``): the header's cells stand over their
  columns, and each following line's words belong to the column they stand under; a cell that
  wraps continues on the next lines in its own column.

Both are turned into the shape the parser reads exactly, one TAB-separated line per row, and
only where the text has that shape: text with TABs, or whose tables are not aligned, passes
unchanged. A row that takes several lines becomes one line at its first line's number, the
others left blank, so every other line keeps its number for the warnings.
"""
from __future__ import annotations

import re

from .text_tables import header_at

TAB_STOP = 8
_SPACES = re.compile(r" +")
_TABLE_HEADER = re.compile(r"^\W{0,4}(?:Indikator|Aktivitet)\s{2,}\S", re.IGNORECASE)
# A value cell's start and end: a cell boundary lies more likely between these than in words.
_VALUE_START = re.compile(r"^[-+−]?\d")
_VALUE_END = re.compile(r"(?:\d|%|\)|\d [a-zåäö]{1,5}\.?)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A space inside a number: "3 331,1", "12 500".
_THOUSANDS = (re.compile(r"^[-+−]?\d{1,3}$"), re.compile(r"^\d{3}(?:,\d+)?$"))


def as_tab_separated(lines: list[str]) -> list[str]:
    """The lines with their aligned tables as TAB-separated rows; unchanged if there are none."""
    if any("\t" in line for line in lines):
        return lines
    if _expanded_tabs(lines):
        return _retab(lines)
    return lines


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
    """The ``count`` single spaces ending at a tab stop most likely to be TABs: between two
    values or before a date first (unless the two read as one number with a thousands space), then a value
    and a capital,, then
    before a capital or a value, the rightmost first (the name, left, has the most spaces)."""
    candidates = []
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
            rank = 2 if value_before else 1.5
        else:
            rank = 0
        candidates.append((rank, start))
    candidates.sort(reverse=True)
    return [start for _, start in candidates[:count]]
