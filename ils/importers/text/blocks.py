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

from ils.domain.assessment import parse_assessment
from ils.domain.values import normalise_spaces

from .text_tables import read_table
from . import vocabulary
from .vocabulary import LABEL_ANALYSIS, LABEL_DESCRIPTION, LABEL_EXPECTED, fold

_HEADING_MARK = re.compile(r"^\s{0,3}#{1,6}\s+")
_TAGS = re.compile(r"</?(?:b|i|em|strong|u|span|br|p|div)\b[^>]*>", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])")
_LONE_STARS = re.compile(r"^\*+|\*+$")
_LIST_MARK = re.compile(r"^(?:[-–•*]\s*(?=\S)|\d{1,2}\.\s+)")
_SENTENCE_CLOSERS = "'\"”’)"
_SOFT_HYPHEN_BREAK = re.compile(r"(?<=[a-zåäöéü])-$")
_FUNCTION_WORDS = {"och", "eller", "samt", "till", "respektive", "som", "men"}
_PAGE_NUMBER = re.compile(r"^(?:(?:sida|sid\.?|s\.|page)\s*)?\(?\d{1,4}(?:\s*(?:\(|av|of|/|-)\s*\d{1,4}\)?)?\)?$",
                          re.IGNORECASE)
OPENS_PART = re.compile(r"^\W{0,4}(?:KF:s\s+(?:inriktningsm[aå]l|m[aå]l\s+f[oö]r\s+verksamhetsomr[aå]det)|"
                         r"N[aä]mndm[aå]l)\s*:", re.IGNORECASE)
_LABELS = LABEL_ANALYSIS | LABEL_DESCRIPTION | LABEL_EXPECTED | frozenset().union(*(
    getattr(vocabulary, name) for name in dir(vocabulary) if name.startswith("SECTION_")))
_TABLE_START = re.compile(r"^\s*\W{0,4}(?:Indikator|Aktivitet)\b", re.IGNORECASE)  # indented: set with tab stops
# A goal label whose number and title went onto the next line ("KF:s inriktningsmål:" / "1. …").
_LABEL_ALONE = re.compile(r"^[#*\s]*(?:KF:s\s+inriktningsm[aå]l|KF:s\s+m[aå]l\s+f[oö]r\s+verksamhetsomr[aå]det|"
                          r"N[aä]mndm[aå]l)\s*:?[*\s]*$", re.IGNORECASE)  # markdown's marks around it or not
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+\S")
_DIGITS = re.compile(r"\d+")
_TITLE_WORDS = 3  # a running title has words; a lone number or cell recurring at a page's edge is kept


@dataclass
class Block:
    """A paragraph (``cells`` empty) or a table row (``cells`` set), with its first line."""

    line: int
    text: str = ""
    cells: list[str] = field(default_factory=list)
    heading: bool = False  # marked as a heading by markdown or HTML
    line_count: int = 1
    raw_first_cell: str = ""  # the first cell before markup and glyph stripping
    loose: bool = False  # a row read from text without TABs: values in order, columns unknown
    glued: bool = False  # such a row had a number split off its name: its cells are a guess
    note: str = ""  # a warning the block reader has about this block
    lines: list[int] = field(default_factory=list)  # every physical line it was made of, for the accounting

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def clean_inline(text: str) -> str:
    """Remove markdown emphasis and inline HTML, keep the words."""
    if "<" not in text and "*" not in text and "__" not in text:
        return html.unescape(text.strip()).strip()  # no markup: most lines, so spare the patterns
    text = _PARAGRAPH_BREAK.sub(" ", text)
    text = _TAGS.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = _LONE_STARS.sub("", text.strip())
    return html.unescape(text).strip()


PAGE_BREAK = "\f"


def _strip_page_furniture(lines: list[str]) -> tuple[list[str], set[int]]:
    """Blank out page headers, footers and page numbers of a text with form feeds; the lines,
    and the indexes of those blanked.

    A header or footer is a short line that recurs, digits aside, at the top or bottom of at
    least half of the pages; a running title of that shape is one wherever it stands after the
    first page. Form feeds stay, as PAGE_BREAK lines, for the paragraph joining.
    """
    if not any(PAGE_BREAK in line for line in lines):
        return lines, set()
    pages: list[list[int]] = [[]]
    for index, line in enumerate(lines):
        if PAGE_BREAK in line:
            pages.append([])
            if line.strip(PAGE_BREAK).strip():  # pdftotext puts the form feed before the next
                pages[-1].append(index)         # page's first line, on the same line
            continue
        pages[-1].append(index)
    edges: list[int] = []
    for page in pages:
        filled = [i for i in page if lines[i].strip() and "\t" not in lines[i]]
        edges.extend(filled[:2] + filled[-2:])
    shapes = Counter(_DIGITS.sub("#", lines[i].strip()) for i in set(edges))
    repeated = {shape for shape, count in shapes.items() if count >= max(2, len(pages) // 2)}
    numbers = _page_numbers(lines, pages, edges)
    # a running title an extractor put inside its page (among a table's cells), after the first
    # page, whose own title may read the same
    inside = {i for page in pages[1:] for i in page if len(lines[i].split()) >= _TITLE_WORDS
              and _DIGITS.sub("#", lines[i].strip().strip(PAGE_BREAK).strip()) in repeated}
    result = list(lines)
    furniture = set()
    for index in set(edges) | inside:
        stripped = lines[index].strip().strip(PAGE_BREAK).strip()
        shape = _DIGITS.sub("#", stripped)
        if (shape in repeated and not _PAGE_NUMBER.match(stripped)) or index in numbers:
            result[index] = PAGE_BREAK if PAGE_BREAK in lines[index] else ""
            furniture.add(index)
    # a page break stays as a line of its own; text after it on its line keeps the break in front
    return [line if PAGE_BREAK not in line or line.strip(PAGE_BREAK).strip() else PAGE_BREAK
            for line in result], furniture


def page_furniture(lines: list[str]) -> set[int]:
    """The indexes of the lines shaped as the page headers, footers and numbers ``to_blocks``
    takes out, wherever they stand: an extractor may put a page's running title among its
    table's cells."""
    lines = [normalise_spaces(line).rstrip("\n") for line in lines]
    found = _strip_page_furniture(lines)[1]
    shapes = {_DIGITS.sub("#", lines[i].strip(PAGE_BREAK).strip()) for i in found} - {"#"}
    # a number alone is a page's only where it numbers its page: elsewhere it is a cell (a
    # period, a date's wrapped day)
    return found | {i for i, line in enumerate(lines) if line.strip(PAGE_BREAK).strip()
                    and _DIGITS.sub("#", line.strip(PAGE_BREAK).strip()) in shapes}


def _page_numbers(lines: list[str], pages: list[list[int]], edges: list[int]) -> set[int]:
    """The edge lines that number their page: their number runs with the pages' (a fixed
    offset, found on two pages at least), so a cell's year or a date's wrapped day at a page's
    edge ("2025", "30") is kept."""
    found: dict[int, list[int]] = {}  # offset of the number from the page's index -> lines
    for page_index, page in enumerate(pages):
        for index in set(page) & set(edges):
            if match := _PAGE_NUMBER.match(lines[index].strip().strip(PAGE_BREAK).strip()):
                number = int(_DIGITS.search(match.group()).group())
                found.setdefault(number - page_index, []).append(index)
    runs = [indexes for indexes in found.values() if len(indexes) >= 2 or len(pages) <= 2]
    return {index for indexes in runs for index in indexes}


def _join_lone_labels(lines: list[str]) -> tuple[list[str], dict[int, int]]:
    """Put a goal label standing alone back in front of its number and title.

    The label's line takes the joined text; the line it came from is left blank, so every
    other line keeps its number. Returns the lines and, for each joined label, the index of
    the line it took.
    """
    result = list(lines)
    joined = {}
    for index, line in enumerate(lines):
        if "\t" in line or not _LABEL_ALONE.match(line):
            continue
        following = next((i for i in range(index + 1, min(index + 4, len(lines)))
                          if lines[i].strip() and lines[i] != PAGE_BREAK), None)
        if following is not None and _NUMBERED.match(lines[following]):
            label = line.rstrip().rstrip("*").rstrip().rstrip(":").rstrip()
            result[index] = f"{label}: {lines[following].strip()}"
            result[following] = ""
            joined[index] = following
    return result, joined


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


def _ends_sentence(text: str) -> bool:
    """Does the text end with ".", "!", "?", ":" or ";", closing quotes or brackets aside?

    Only its end is looked at: a regular expression anchored at the end would try every
    position of the text, and paragraphs are long."""
    return text.removesuffix("\n").rstrip(_SENTENCE_CLOSERS)[-1:] in (".", "!", "?", ":", ";")


def _hyphen_broken(text: str) -> bool:
    """Does the text end with a word hyphenated at the line's end? Only its end is searched."""
    return _SOFT_HYPHEN_BREAK.search(text[-3:]) is not None


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _wrapped(previous: str, line: str, width: int | None) -> bool:
    """Was ``previous`` ended only because the next word would not fit in ``width``?"""
    return width is not None and len(previous) >= width * 0.6 and \
        len(previous) + 1 + len(_first_word(line)) > width


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Does physical line ``line`` continue the one before it (no blank line between)?"""
    if not line or not previous:
        return False
    if OPENS_PART.match(line) or (len(line) < 40 and (fold(line) in _LABELS or parse_assessment(line))):
        return False  # a goal heading, a label or a status line after a full line is no wrapped text
    if _LIST_MARK.match(line):
        # "- med god omsorg" continues a wrapped line; "- Fler besökare" is a new item.
        return line[0] in "-–" and line[1:].lstrip()[:1].islower() and _wrapped(previous, line, width)
    if _hyphen_broken(previous) and line[0].islower():
        return True
    if width is not None and len(previous) >= width * 0.6:
        return _wrapped(previous, line, width)
    return not _ends_sentence(previous) and line[0].islower()


def _join(previous: str, line: str) -> str:
    if _hyphen_broken(previous) and line[0].islower():
        if _first_word(line).lower().strip(",.") in _FUNCTION_WORDS:
            return f"{previous} {line}"  # "hälso- och sjukvård" keeps its hyphen
        return previous[:-1] + line
    return f"{previous} {line}"


@dataclass
class _Paragraph:
    """A paragraph being assembled: its raw text (markup cleaned once it is whole)."""

    block: Block
    raw: str
    last_line: str  # the last physical line, cleaned, for the wrap and continuation tests


def to_blocks(raw_lines: list[str]) -> tuple[list[Block], set[int]]:
    """Turn physical lines into blocks; blank lines separate paragraphs, TABs make rows.

    Also returns the (1-based) lines removed as page headers, footers and page numbers."""
    lines, furniture = _strip_page_furniture([normalise_spaces(line).rstrip("\n") for line in raw_lines])
    lines, joined = _join_lone_labels(lines)
    width = _wrap_width([line for line in lines if line != PAGE_BREAK])
    blocks: list[Block] = []
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    after_page_break = False
    hard_break = False  # the previous line ended with markdown's explicit line break
    # the TAB-less table reader sees the words without markup ("<b>Aktivitet</b>", "**Analys**")
    cleaned = [clean_inline(line.lstrip(PAGE_BREAK)) if ("<" in line or "*" in line) and "\t" not in line
               else line.lstrip(PAGE_BREAK) if line != PAGE_BREAK else line for line in lines]
    notes: dict[int, str] = {}  # line -> what the table reader says of the text there
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        number = index
        if "\t" not in line and _TABLE_START.match(cleaned[index - 1].lstrip(PAGE_BREAK)) \
                and (table := read_table(cleaned, index - 1)):
            rows, index = table
            current, after_page_break = None, False
            blocks.extend(Block(line=r.line, cells=r.cells, line_count=r.line_count, loose=r.loose,
                                glued=r.glued, raw_first_cell=r.cells[0],
                                lines=[n for n in range(r.line, r.line + r.line_count) if lines[n - 1].strip()])
                          for r in rows if r.cells)
            notes.update((r.line, r.note) for r in rows if r.note)
            continue
        if line.startswith(PAGE_BREAK) and line != PAGE_BREAK:
            after_page_break, current = True, None
            line = line.lstrip(PAGE_BREAK)
        if line == PAGE_BREAK:
            after_page_break, current = True, None
            continue
        if "\t" in line:
            current, after_page_break = None, False
            cells = line.split("\t")
            blocks.append(Block(line=number, cells=[clean_inline(c) for c in cells],
                                raw_first_cell=cells[0], lines=[number]))
            continue
        heading = bool(_HEADING_MARK.match(line))
        raw = _HEADING_MARK.sub("", line).strip()
        text = clean_inline(raw)
        if not text:
            current = None
            continue
        if current is None and after_page_break and paragraphs and not heading \
                and paragraphs[-1].block is blocks[-1] \
                and not _ends_sentence(paragraphs[-1].last_line) \
                and _wrapped(paragraphs[-1].last_line, text, width):
            current = paragraphs[-1]  # a paragraph the page break cut after a full line
        after_page_break = False
        if current is not None and not heading and not hard_break \
                and _continues(current.last_line, text, width) \
                and not (text[:1].isupper() and OPENS_PART.match(current.raw)):  # a title wraps in lower case
            current.raw = _join(current.raw, raw)
            current.last_line = text
            current.block.line_count += 1
            current.block.lines.append(number)
        else:
            taken = [joined[index - 1] + 1] if index - 1 in joined else []
            current = _Paragraph(Block(line=number, text=text, heading=heading, note=notes.get(number, ""),
                                       lines=[number, *taken]), raw, text)
            blocks.append(current.block)
            paragraphs.append(current)
        hard_break = line.endswith("  ")
    for paragraph in paragraphs:
        if paragraph.block.line_count > 1:
            paragraph.block.text = clean_inline(paragraph.raw)
    return _join_page_split_paragraphs(blocks), {index + 1 for index in furniture}


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
            and not _ends_sentence(previous.text)
            and not _LIST_MARK.match(block.text)
        ):
            previous.text = _join(previous.text, block.text)
            previous.line_count += block.line_count
            previous.lines.extend(block.lines)
            continue
        result.append(block)
    return result
