"""The report's outline, shared by the HTML and DOCX renderers so both print the same structure."""
from __future__ import annotations

import re

from ils.domain.economics import EconomyTable
from ils.domain.model import Document, Goal, Section

from .formatting import (
    cell_text, economy_cell, indicator_columns, indicator_values, is_plan, keeps_together, status_label,
    status_symbol,
)
from .measure import text_width

_LIST_ITEM = re.compile(r"^\s*[-•–]\s+")


def text_blocks(text: str) -> list[str | list[str]]:
    """A multi-line text as paragraphs (str) and bullet lists (list of items, from "- " lines)."""
    blocks: list[str | list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _LIST_ITEM.match(line):
            item = _LIST_ITEM.sub("", line).strip()
            if blocks and isinstance(blocks[-1], list):
                blocks[-1].append(item)
            else:
                blocks.append([item])
        else:
            blocks.append(line.strip())
    return blocks


def goal_depths(doc: Document) -> list[tuple[Goal, int]]:
    """Each goal with its depth in the outline (1-3).

    A goal whose parent is missing from the document moves up, so heading levels never skip.
    """
    out, depth = [], 0
    for goal in doc.goals:
        depth = min(goal.level.depth, depth + 1)
        out.append((goal, depth))
    return out


def split_sections(doc: Document) -> tuple[list[Section], list[Section]]:
    """Sections before the goal tree introduce the report; those after it close it."""
    first_goal = min((g.line for g in doc.goals if g.line), default=0)
    if not first_goal:
        return list(doc.sections), []
    intro = [s for s in doc.sections if s.line < first_goal]
    return intro, [s for s in doc.sections if s.line >= first_goal]


def economy_groups(doc: Document) -> list[tuple[str, list[EconomyTable]]]:
    """Consecutive tables under one sub-heading: their section, else their own title."""
    groups: list[tuple[str, list[EconomyTable]]] = []
    for table in doc.economy:
        heading = table.section or table.title or "Tabell"
        if groups and groups[-1][0] == heading:
            groups[-1][1].append(table)
        else:
            groups.append((heading, [table]))
    return groups


# Table geometry shared by the PDF (176 mm text width) and Word (170 mm): the narrower one.
TABLE_WIDTH_PT = 170 / 25.4 * 72
TABLE_FONT_PT = 8
CELL_PADDING_PT = 10.5  # 4.5 pt on each side, the rule and some rounding
_BREAKS = re.compile(r"\s+|(?<=[/-])(?=\w)")  # where a value that may wrap can break
HYPHENATED = 10  # header words this long may be hyphenated in print, so only a part must fit


def _column_need(header: str, cells: list[tuple[str, bool]]) -> float:
    """Points a value column needs for its widest unbreakable piece: a header word in bold, a
    value kept whole, or a word (or part after a slash or hyphen) of a value that may wrap."""
    pieces = [text_width(word if len(word) < HYPHENATED else word[:6] + "-", TABLE_FONT_PT, bold=True)
              for word in header.split()]
    for text, whole in cells:
        pieces += [text_width(part, TABLE_FONT_PT) for part in ([text] if whole else _BREAKS.split(text))]
    return max(pieces, default=0.0) + CELL_PADDING_PT


def fitted_widths(columns: list[tuple[str, list[tuple[str, bool]]]], first_share: float,
                  uniform: bool = False) -> list[float]:
    """Column widths in percent: each value column (header, [(cell text, kept whole)]) as wide
    as its words, the first column the rest but at least ``first_share``. ``uniform`` gives the
    value columns one width, as economy tables print them."""
    needs = [_column_need(header, cells) for header, cells in columns]
    if uniform and needs:
        needs = [max(needs)] * len(needs)
    room = TABLE_WIDTH_PT * (1 - first_share)
    if sum(needs) > room:  # words will break; share the room in proportion to the needs
        needs = [n * room / sum(needs) for n in needs]
    values = [round(100 * n / TABLE_WIDTH_PT, 1) for n in needs]
    return [round(100 - sum(values), 1)] + values


def indicator_widths(doc: Document) -> list[float]:
    """The indicator tables of a document share their column widths, fitted to all its values."""
    indicators = doc.indicators
    values = [indicator_values(doc, i) for i in indicators]
    columns = [(name, [(cell_text(v[index]), keeps_together(v[index])) for v in values])
               for index, name in enumerate(indicator_columns(doc)[1:])]
    if not is_plan(doc):
        statuses = {i.status for i in indicators}
        columns.append(("Bedömning", [(f"{status_symbol(s)} {status_label(s, doc)}", False) for s in statuses]))
    return fitted_widths(columns, first_share=0.2)


def economy_widths(table: EconomyTable) -> list[float]:
    """Row labels take what the number columns leave, at least a quarter."""
    columns = [(name, [(economy_cell(table, row, index), True) for row in table.rows])
               for index, name in enumerate(table.columns)]
    return fitted_widths(columns, first_share=0.25, uniform=True)


def activity_widths(columns: int) -> list[float]:
    return [70, 15, 15] if columns == 3 else [52, 12, 12, 24]
