"""The report's outline, shared by the HTML, PDF and DOCX renderers so all print the same structure."""
from __future__ import annotations

import re

from ils.domain.economics import EconomyTable
from ils.domain import markup
from ils.domain.model import Document, Goal
from ils.domain.text_template import BEFORE_GOALS, Part, document_parts, with_content

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


def text_parts(doc: Document) -> tuple[list[Part], list[Part]]:
    """The texts by the template, as printed: the parts with text (and those above them), before
    and after the goal tree. A stored document has its parts; a freshly read one has its sections
    placed into the shipped template, so every renderer prints one structure."""
    shown = with_content(document_parts(doc))
    return [p for p in shown if p.place == BEFORE_GOALS], [p for p in shown if p.place != BEFORE_GOALS]


def part_blocks(part: Part, level: int) -> list[markup.Block]:
    """A part's blocks with each sub-heading at its heading level under the part's own ``level``;
    a sub-heading never skips a level (PDF/UA and screen readers need the order)."""
    out, previous = [], level
    for block in markup.parse(part.text):
        if isinstance(block, markup.Heading):
            absolute = min(level + block.depth, previous + 1, 6)
            previous = absolute
            out.append(markup.Heading(absolute, block.text))
        else:
            out.append(block)
    return out


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


def economy_widths(columns: int) -> list[float]:
    """Column widths in percent: the row labels take what the number columns leave (>= 25 %)."""
    width = min(13.0, 75.0 / max(columns, 1))
    return [100 - width * columns] + [width] * columns


# Indicator table column widths (percent) by column count: VP 4, VB 8 + status, tertial 9 + status.
INDICATOR_WIDTHS = {
    4: [52, 16, 16, 16],
    9: [24, 9, 8, 8.5, 9.5, 8.5, 9, 10, 13.5],
    10: [20.5, 9, 7.5, 8.5, 8, 8.5, 7.5, 8, 9.5, 13],
}


def activity_widths(columns: int) -> list[float]:
    return {3: [70, 15, 15], 4: [52, 12, 12, 24]}.get(columns, [44, 11.5, 11.5, 19, 14])


def part_groups(parts: list[Part]) -> list[list[Part]]:
    """Parts grouped under their top-level part, in order: each group prints as one part of the report."""
    groups: list[list[Part]] = []
    for part in parts:
        if part.level == 1 or not groups:
            groups.append([part])
        else:
            groups[-1].append(part)
    return groups
