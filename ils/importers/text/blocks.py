"""From physical lines to logical blocks: paragraphs and table rows.

Exports come in three textual shapes: the ILS text export (one paragraph per line, tables as
TAB-separated rows), its markdown/HTML variant (``##`` headings, ``**bold**``, ``<b>``,
``<p>`` in cells), and text extracted from PDFs (hard-wrapped lines, hyphenation, page
headers and footers, form feeds between pages). This module removes the differences so the
parser sees one shape: a list of blocks, each with the line number it started on.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from ils.domain.values import normalise_spaces

_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
_TAGS = re.compile(r"</?(?:b|i|em|strong|u|span|br|p|div)\b[^>]*>", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_LONE_STARS = re.compile(r"^\*+|\*+$")
_LIST_MARK = re.compile(r"^(?:[-–•*]\s*(?=\S)|\d{1,2}\.\s+)")
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*$")
_SOFT_HYPHEN_BREAK = re.compile(r"(?<=[a-zåäöéü])-$")
_FUNCTION_WORDS = {"och", "eller", "samt", "till", "respektive", "som", "men"}
_PAGE_NUMBER = re.compile(r"^(?:sida\s+)?\d{1,4}(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?$", re.IGNORECASE)


@dataclass
class Block:
    """A paragraph (``cells`` empty) or a table row (``cells`` set), with its first line."""

    line: int
    text: str = ""
    cells: list[str] = field(default_factory=list)
    heading: bool = False  # marked as a heading by markdown or HTML
    line_count: int = 1
    raw_first_cell: str = ""  # the first cell before markup and glyph stripping

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def clean_inline(text: str) -> str:
    """Remove markdown emphasis and inline HTML, keep the words."""
    text = _PARAGRAPH_BREAK.sub(" ", text)
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = _LONE_STARS.sub("", text.strip())
    return html.unescape(text).strip()


def _strip_page_furniture(lines: list[str]) -> list[str]:
    """Blank out page headers, footers and page numbers of a text with form feeds."""
    if not any("\f" in line for line in lines):
        return lines
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if "\f" in line:
            pages.append([])
            continue
        pages[-1].append(index)
    edges: list[int] = []
    for page in pages:
        filled = [i for i in page if lines[i].strip()]
        edges.extend(filled[:3] + filled[-3:])
    shapes = Counter(re.sub(r"\d+", "#", lines[i].strip()) for i in set(edges))
    repeated = {shape for shape, count in shapes.items() if count >= max(3, len(pages) // 3)}
    result = list(lines)
    for index in set(edges):
        stripped = lines[index].strip()
        if "\t" in lines[index]:
            continue
        if re.sub(r"\d+", "#", stripped) in repeated or _PAGE_NUMBER.match(stripped):
            result[index] = ""
    return ["" if "\f" in line else line for line in result]


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None for one-paragraph-per-line text."""
    lengths = [len(line.rstrip()) for line in lines if "\t" not in line and len(line.strip()) >= 20]
    if len(lengths) < 20:
        return None
    lengths.sort()
    p95 = lengths[int(len(lengths) * 0.95) - 1]
    if p95 > 140:
        return None
    near = sum(1 for n in lengths if n >= p95 - 20)
    return p95 if near * 3 >= len(lengths) else None


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Does ``line`` continue the paragraph ending with ``previous`` (no blank line between)?"""
    if not line or _LIST_MARK.match(line) or not previous:
        return False
    if _SOFT_HYPHEN_BREAK.search(previous) and line[0].islower():
        return True
    if width is not None and len(previous) >= width * 0.6:
        return len(previous) + 1 + len(_first_word(line)) > width * 0.9
    return not _SENTENCE_END.search(previous) and line[0].islower()


def _join(previous: str, line: str) -> str:
    if _SOFT_HYPHEN_BREAK.search(previous) and line[0].islower():
        if _first_word(line).lower().strip(",.") in _FUNCTION_WORDS:
            return f"{previous} {line}"  # "hälso- och sjukvård" keeps its hyphen
        return previous[:-1] + line
    return f"{previous} {line}"


def to_blocks(raw_lines: list[str]) -> list[Block]:
    """Turn physical lines into blocks; blank lines separate paragraphs, TABs make rows."""
    lines = _strip_page_furniture([normalise_spaces(line).rstrip("\n") for line in raw_lines])
    width = _wrap_width(lines)
    blocks: list[Block] = []
    current: Block | None = None
    hard_break = False  # the previous line ended with markdown's explicit line break
    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            current = None
            cells = line.split("\t")
            blocks.append(Block(line=number, cells=[clean_inline(c) for c in cells],
                                raw_first_cell=cells[0]))
            continue
        heading = bool(_HEADING_MARK.match(line))
        text = clean_inline(_HEADING_MARK.sub("", line))
        if not text:
            current = None
            continue
        joins = current is not None and not heading and not hard_break
        if joins and _continues(current.text, text, width):
            current.text = _join(current.text, text)
            current.line_count += 1
        else:
            current = Block(line=number, text=text, heading=heading)
            blocks.append(current)
        hard_break = line.endswith("  ")
    return _join_page_split_paragraphs(blocks)


def _join_page_split_paragraphs(blocks: list[Block]) -> list[Block]:
    """Rejoin paragraphs a page break cut mid-sentence: the next one starts in lower case."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            previous is not None
            and not block.is_row
            and not previous.is_row
            and block.text[:1].islower()
            and not _SENTENCE_END.search(previous.text)
            and not _LIST_MARK.match(block.text)
        ):
            previous.text = _join(previous.text, block.text)
            previous.line_count += block.line_count
            continue
        result.append(block)
    return result
