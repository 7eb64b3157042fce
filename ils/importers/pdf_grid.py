"""Ruled tables in a PDF: the cell grid its border rules draw, and the words of each cell.

Word processors (LibreOffice, Word) draw a table's borders as thin paths: a horizontal rule
between two rows, a vertical one between two columns. Where a page has such a grid, its cells
are exact, however narrow the columns and however tight the rows: the words' gaps and line
pitch (``pdf._Layout``) cannot tell a wrapped cell from the next row in an 8 pt table, the rules
can. A cell that spans columns (a merged header cell) keeps its text in its first column and
leaves the others empty, as the ILS text export does.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import NamedTuple

# A path thinner than this (points) is a rule; longer than _MIN_RULE it can border a cell.
_THIN = 2.0
_MIN_RULE = 5.0
# Rules closer than this are one border (a cell's border drawn by both its neighbours).
_SAME = 1.5
# A vertical rule borders a row if it covers this share of the row's height.
_COVERS = 0.6


class _Rule(NamedTuple):
    at: float  # x of a vertical rule, top-down y of a horizontal one
    start: float  # its extent along the other axis (top-down for a vertical rule)
    end: float


@dataclass
class Grid:
    """One ruled table: its row borders (top-down), its column borders and the vertical rules."""

    rows: list[float]
    columns: list[float]
    verticals: list[_Rule]

    @property
    def top(self) -> float:
        return self.rows[0]

    @property
    def bottom(self) -> float:
        return self.rows[-1]

    def holds(self, x0: float, x1: float, middle: float) -> bool:
        """Does a word with this extent and vertical middle lie inside the grid?"""
        return self.top < middle < self.bottom and self.columns[0] - _SAME <= x0 and x1 <= self.columns[-1] + _SAME

    def row_of(self, middle: float) -> int:
        return max(i for i, y in enumerate(self.rows[:-1]) if y <= middle)

    def cell_of(self, row: int, x: float) -> int:
        """The column a word starting at ``x`` belongs to: that of the row's border left of it
        (a merged cell's words go to its first column)."""
        top, bottom = self.rows[row], self.rows[row + 1]
        need = _COVERS * (bottom - top)
        borders = [r.at for r in self.verticals
                   if min(r.end, bottom) - max(r.start, top) >= need and r.at <= x + _SAME]
        left = max(borders, default=self.columns[0])
        return max(i for i, c in enumerate(self.columns[:-1]) if c <= left + _SAME)


def page_rules(page, page_top: float) -> tuple[list[_Rule], list[_Rule]]:
    """The page's thin paths as (horizontal, vertical) rules, in top-down coordinates."""
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    horizontal: list[_Rule] = []
    vertical: list[_Rule] = []
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        width, height = right.value - left.value, top.value - bottom.value
        if height < _THIN and width > _MIN_RULE:
            horizontal.append(_Rule(page_top - (top.value + bottom.value) / 2, left.value, right.value))
        elif width < _THIN and height > _MIN_RULE:
            vertical.append(_Rule((left.value + right.value) / 2, page_top - top.value, page_top - bottom.value))
    return horizontal, vertical


def grids(horizontal: list[_Rule], vertical: list[_Rule]) -> list[Grid]:
    """The ruled tables: runs of horizontal rules of one width, each two following ones joined
    by a vertical rule (two tables one after the other share their width, not a rule)."""
    found: list[Grid] = []
    run: list[_Rule] = []
    for rule in sorted(horizontal):
        if run and rule.at - run[-1].at <= _SAME:
            continue  # one border drawn twice
        if run and not (_same_width(rule, run[0]) and _joined(run[-1], rule, vertical)):
            found.extend(_grid(run, vertical))
            run = []
        run.append(rule)
    found.extend(_grid(run, vertical))
    return found


def _same_width(rule: _Rule, other: _Rule) -> bool:
    return abs(rule.start - other.start) <= 2 * _SAME and abs(rule.end - other.end) <= 2 * _SAME


def _joined(upper: _Rule, lower: _Rule, vertical: list[_Rule]) -> bool:
    """Is the band between two horizontal rules a table row: crossed by a vertical rule?"""
    need = _COVERS * (lower.at - upper.at)
    return any(upper.start - _SAME <= r.at <= upper.end + _SAME and min(r.end, lower.at) - max(r.start, upper.at) >= need
               for r in vertical)


def _grid(run: list[_Rule], vertical: list[_Rule]) -> list[Grid]:
    """The grid of a run of row borders: the vertical rules that border one of its rows at
    least. A box drawn round text (a page frame, a fact box) has one column and is no table:
    its text is read as text, and a table inside it as the table."""
    if len(run) < 2:
        return []
    x0, x1 = min(r.start for r in run), max(r.end for r in run)
    inside = [r for r in vertical if x0 - _SAME <= r.at <= x1 + _SAME
              and any(_joined(upper, lower, [r]) for upper, lower in zip(run, run[1:]))]
    columns: list[float] = []
    for x in sorted(r.at for r in inside):
        if not columns or x - columns[-1] > _SAME:
            columns.append(x)
    if len(columns) < 3:
        return []
    return [Grid([r.at for r in run], columns, inside)]


def grid_rows(grid: Grid, words) -> list[str]:
    """The grid's rows as TAB-separated cells; each cell's words in reading order, its lines
    joined by a space. A row without any word is left out."""
    cells: dict[tuple[int, int], list] = {}
    for word in words:
        row = grid.row_of(word.top + word.height / 2)
        cells.setdefault((row, grid.cell_of(row, word.x0)), []).append(word)
    out = []
    for row in range(len(grid.rows) - 1):
        texts = [_cell_text(cells.get((row, column), [])) for column in range(len(grid.columns) - 1)]
        if any(texts):
            out.append("\t".join(texts))
    return out


def _cell_text(words) -> str:
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) < 0.5 * word.height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))
