"""Economy tables whose TABs were lost: rows rebuilt from the figures they end in.

Text taken out of a PDF (pdftotext, pypdf, PDFium's content order) gives an economy table's
row as its label and its figures joined by spaces ("Avgifter -65,9 -31,0 47,1 % -78,8"), the
empty cells gone, a long label alone on the line before its figures, and the header as short
lines that each hold a cell or a piece of one ("Verksamhetsområde , mnkr Bokslut" / "2023").
Before the parser walks the economy part, each run of such rows becomes rows of cells:

- a row's figures are its values in order ("1 386,2" one value: a space before three digits
  groups thousands; "47,1 %" one value); a label alone before a line of figures is its label;
  a line that holds two rows (a label after two or more figures) is split;
- the table's columns are as many as its fullest row has values. Which header piece belongs
  to which column the text does not tell, so the columns are named "Kolumn 1" … and the header
  as read stands in the table's stub; a warning names the table and says that a row whose
  empty cells vanished has its values too far left;
- a row with fewer values than the fullest lost empty cells: the economy reader warns of it.

A run of rows is the table; a line of prose or a heading before it ends the header.
"""
from __future__ import annotations

import re
from collections import Counter

from ils.domain.model import ImportWarning

from . import vocabulary as v
from .blocks import OPENS_PART, Block

_FIGURE = re.compile(r"[-−+]?\d+(?:,\d+)?%?|%")
_DECIMAL = re.compile(r"[-−+]?\d+,\d+%?")
_GROUP_START = re.compile(r"[-−+]?[1-9]\d{0,2}(?: \d{3})*")  # "1", "-36", "1 386": may take a group
_GROUP = re.compile(r"\d{3}(?:,\d+)?%?")
_SENTENCE = re.compile(r"[.!?:;]\s|[.!?:;,]$")
_UNIT = re.compile(r"\b(?:mnkr|tkr|kr)\b", re.IGNORECASE)  # a header's stub ("Mnkr, netto"), never a title
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SMALL_NUMBER = re.compile(r"\d{1,2}")
_MAX_LABEL = 90  # a longer text ending in a figure is a sentence
_MAX_HEADER_PIECE = 60
_MAX_STUB = 200  # as the stored table's stub


def ends_in_figures(text: str) -> bool:
    """"varav vuxna 71,3 0,0": a line whose last two words are figures, or that ends in a decimal
    figure ("varav barn och ungdom 142,1", which no heading does), is a table row, not prose."""
    words = text.split()[-2:]
    return bool(words) and (_DECIMAL.fullmatch(words[-1]) is not None
                            or len(words) == 2 and all(_FIGURE.fullmatch(w) for w in words))


def split_rows(text: str) -> list[tuple[str, list[str]]] | None:
    """The rows (label, figures) of a line whose cells were joined by spaces, most often one;
    two where an extractor ran two lines together ("Ekonomiskt bistånd 119,2 113,8 varav
    handläggning 30,0 28,6"). None for a sentence."""
    words = text.split()
    rows: list[tuple[str, list[str]]] = []
    end = len(words)
    while end:
        start = end
        while start and _FIGURE.fullmatch(words[start - 1]):
            start -= 1
        if start == end:
            return None
        while start + 1 < end and _YEAR.fullmatch(words[start]) and _DECIMAL.fullmatch(words[start + 1]):
            start += 1  # "Resultatöverföring från 2023 24,3": a year before decimals is the label's
        label_start = start
        # the label goes back to the figures of the row before it: two or more, one a decimal
        while label_start and not _row_end(words[:label_start]):
            label_start -= 1
        label = " ".join(words[label_start:start])
        if len(label) > _MAX_LABEL or _SENTENCE.search(label) or any(map(_DECIMAL.fullmatch, words[label_start:start])):
            return None  # a sentence, or one that quotes a figure ("blev 30,8 % av budgeten")
        rows.insert(0, (label, words[start:end]))
        end = label_start
    return rows


def _row_end(words: list[str]) -> bool:
    """Do the words end in another row's figures: two numbers or more, one with decimals?"""
    figures = []
    for word in reversed(words):
        if not _FIGURE.fullmatch(word):
            break
        figures.append(word)
    numbers = [f for f in figures if f != "%"]
    return len(numbers) >= 2 and any(_DECIMAL.fullmatch(f) for f in numbers)


def _values(words: list[str], group: bool = True) -> list[str]:
    """Figures as cells: "47,1 %" one value, and with ``group`` "1 386,2" and "86 916" one: a
    space before three digits groups thousands. Integers alone do not tell grouped from separate
    ("419 404 419", three counts): the table decides (``_regrouped``)."""
    values: list[str] = []
    for word in words:
        if word == "%" and values:
            values[-1] += " %"
        elif group and values and _GROUP.fullmatch(word) and _GROUP_START.fullmatch(values[-1]):
            values[-1] += f" {word}"
        else:
            values.append(word)
    return values


def _regrouped(rows: list[Block], figures: dict[int, list[str]]) -> None:
    """A row with fewer values than most of its table's whose integers, taken one by one, give
    as many as those: its integers were counts, not thousands."""
    counts = Counter(len(row.cells) for row in rows if len(row.cells) > 1)
    if not counts:
        return
    width = counts.most_common(1)[0][0]
    for row in rows:
        if len(row.cells) < width and len(separate := _values(figures[id(row)], group=False)) + 1 == width:
            row.cells[1:] = separate


def _numbered_labels(rows: list[Block]) -> None:
    """"Område 1 86916 -5503 0 5503": a row with one value more than the table's others whose
    first is a small number had a number in its label."""
    def small(row: Block) -> bool:
        return len(row.cells) > 2 and _SMALL_NUMBER.fullmatch(row.cells[1]) is not None
    width = max((len(r.cells) for r in rows if not small(r)), default=0)
    for row in rows:
        if small(row) and len(row.cells) == width + 1:
            row.cells[0:2] = [f"{row.cells[0]} {row.cells[1]}"]


def rebuild_economy_rows(blocks: list[Block]) -> tuple[list[Block], list[ImportWarning]]:
    """The blocks with each TAB-less economy table of the economy part turned into rows."""
    start, end = _economy_part(blocks)
    if start is None:
        return blocks, []
    out, warnings = list(blocks[:start]), []
    index = start
    while index < end:
        row = _row_at(blocks, index, end)
        if row is None:
            out.append(blocks[index])
            index += 1
            continue
        rows: list[Block] = []
        figures: dict[int, list[str]] = {}
        while row is not None:
            found, index = row
            for block, words in found:
                rows.append(block)
                figures[id(block)] = words
            row = _row_at(blocks, index, end)
        _regrouped(rows, figures)
        _numbered_labels(rows)
        previous_row = bool(out) and out[-1].is_row
        header = [] if previous_row else _header(out)
        if not previous_row:  # a row that lost its TABs inside a table with them is one of its rows
            width = max(len(r.cells) - 1 for r in rows)
            pieces = [b.text for b in header]
            lines = [n for b in header for n in b.lines]
            out.append(Block(line=(header or rows)[0].line, cells=[" ".join(pieces), *(
                f"Kolumn {n}" for n in range(1, width + 1))], loose=True, lines=lines))
            warnings.append(ImportWarning(out[-1].line, (
                f"rad {out[-1].line}: ekonomitabellen saknar tabbar (text ur en PDF); raderna är återbyggda ur "
                "sina tal i den ordning de står, men en tom cell syns inte i texten, så en rad som tappat en "
                f"tom cell har sina värden en kolumn för långt till vänster. Kolumnerna ({width}) heter "
                f"Kolumn 1–{width}: vilken rubrik som hör till vilken kolumn framgår inte"
                + (f" (rubriken lästes som {' '.join(pieces)[:80]!r})" if pieces else ""))))
        out.extend(rows)
    out.extend(blocks[end:])
    return out, warnings


def _economy_part(blocks: list[Block]) -> tuple[int | None, int]:
    """The blocks of the economy part: from its heading after the last goal to the attestation."""
    last_goal = max((i for i, b in enumerate(blocks) if not b.is_row and OPENS_PART.match(b.text)), default=-1)
    start = next((i for i, b in enumerate(blocks) if i > last_goal and not b.is_row and len(b.text) < 80
                  and v.fold(b.text) in v.SECTION_ECONOMY), None)
    if start is None:
        return None, len(blocks)
    end = next((i for i in range(start + 1, len(blocks)) if not blocks[i].is_row and len(blocks[i].text) < 80
                and v.fold(blocks[i].text) in v.SECTION_ATTESTATION | v.SECTION_TRAILING), len(blocks))
    return start + 1, end


def _row_at(blocks: list[Block], index: int, end: int) -> tuple[list[tuple[Block, list[str]]], int] | None:
    """The rows that start at block ``index`` (a label and its figures, in one block or a label
    before a block of figures; a block may hold two rows) and the index after them; None if
    the block begins no row."""
    if index >= end:
        return None
    block = blocks[index]
    found = split_rows(block.text) if not block.is_row and ends_in_figures(block.text) else None
    if found is None and index + 1 < end and _is_label(block):
        following = blocks[index + 1]
        after = split_rows(following.text) if not following.is_row and ends_in_figures(following.text) else None
        if after and not after[0][0]:  # figures without a label: the label was the block before
            after[0] = (block.text, after[0][1])
            return _blocks(after, [*block.lines, *following.lines], block.line), index + 2
        return None
    if not found or not found[0][0]:
        return None  # figures with no label before them: left for the parser to warn of
    return _blocks(found, block.lines, block.line), index + 1


def _blocks(rows: list[tuple[str, list[str]]], lines: list[int], line: int) -> list[tuple[Block, list[str]]]:
    """Row blocks with their figures; the first accounts for the lines, the others stand on its line."""
    return [(Block(line=line, cells=[label, *_values(figures)], loose=True, lines=list(lines) if not n else []),
             figures) for n, (label, figures) in enumerate(rows)]


def _is_label(block: Block) -> bool:
    text = block.text
    return not block.is_row and bool(text) and len(text) <= _MAX_LABEL and not _SENTENCE.search(text) \
        and not ends_in_figures(text) and not block.heading


def _header(out: list[Block]) -> list[Block]:
    """The header pieces before a table's first row, taken out of ``out``: the short lines after
    the table's title (the first short line after prose or a section heading, which stays)."""
    start = len(out)
    while start and _is_header_piece(out[start - 1]):
        start -= 1
    if start == len(out):
        return []
    if start + 1 < len(out) and not _UNIT.search(out[start].text):
        start += 1  # the title stays
    while start < len(out) and len(" ".join(b.text for b in out[start:])) > _MAX_STUB:
        start += 1  # what a table's stub cannot hold stays text
    pieces = out[start:]
    del out[start:]
    return pieces


def _is_header_piece(block: Block) -> bool:
    """A short line that is no sentence: a header cell or a piece of one ("Prestationsförändr.",
    abbreviated), a title, a row without values."""
    text = block.text
    sentence = _SENTENCE.search(text.removesuffix(".") if len(text.split()) <= 3 else text)
    return not block.is_row and len(text) <= _MAX_HEADER_PIECE and not sentence \
        and not ends_in_figures(text) and not v.is_economy_section(v.fold(text)) \
        and v.fold(text) not in v.SECTION_ECONOMY
