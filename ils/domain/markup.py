"""The one stored format of a report's texts: a Markdown subset, read into blocks.

Writers get sub-headings (``## Rubrik``), paragraphs, bullet and numbered lists and emphasis
(``**fetstil**``, ``*kursiv*``) – what the city's reports use. markdown-it-py parses it with
everything else switched off: raw HTML, links, images, code, tables and quotes stay literal text,
so no renderer ever sees markup from a user. Renderers get `Heading`, `Paragraph` (runs with
emphasis) and `ListBlock` and never Markdown.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

MAX_LENGTH = 100_000  # characters in one text part; the longest seed part has ~9 500
MAX_HEADING_DEPTH = 3

_PARSER = MarkdownIt("zero").enable(["heading", "list", "emphasis", "escape", "newline"])


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A sub-heading inside a part; depth 1 is directly under the part's own heading."""

    depth: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Run, ...], ...]
    ordered: bool = False

    @property
    def texts(self) -> list[str]:
        return ["".join(r.text for r in item) for item in self.items]


Block = Heading | Paragraph | ListBlock


def problems(text: str) -> list[str]:
    """What makes a text unstorable, in Swedish; empty when it is fine."""
    found = []
    if len(text) > MAX_LENGTH:
        found.append(f"texten är {len(text)} tecken lång; högst {MAX_LENGTH} tecken går att spara")
    bad = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\t\r"})
    if bad:
        codes = ", ".join(f"U+{ord(c):04X}" for c in bad[:5])
        found.append(f"texten innehåller styrtecken som inte går att spara ({codes})")
    return found


def normalized(text: str) -> str:
    """Line ends as LF, no trailing spaces on lines, no blank lines at the ends."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def parse(text: str) -> list[Block]:
    """The text's blocks in order; a nested list is flattened into its parent's items."""
    blocks: list[Block] = []
    tokens = _PARSER.parse(text)
    lists: list[list] = []  # open lists: [ordered, items]
    heading_depth = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([token.type == "ordered_list_open", []])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered, items = lists.pop()
            if lists:
                lists[-1][1].extend(items)
            elif items:
                blocks.append(ListBlock(tuple(items), ordered))
        elif token.type == "heading_open":
            heading_depth = min(max(int(token.tag[1]) - 1, 1), MAX_HEADING_DEPTH)  # "## " is depth 1
        elif token.type == "heading_close":
            heading_depth = 0
        elif token.type == "inline":
            runs = _runs(token.children or [])
            if not runs:
                continue
            if heading_depth:
                blocks.append(Heading(heading_depth, "".join(r.text for r in runs).strip()))
            elif lists:
                lists[-1][1].append(runs)
            else:
                blocks.append(Paragraph(runs))
    return blocks


def _runs(children) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type in ("softbreak", "hardbreak"):
            _add(runs, Run(" ", bold > 0, italic > 0))
        elif child.content:
            _add(runs, Run(child.content, bold > 0, italic > 0))
    while runs and not runs[-1].text.strip():
        runs.pop()
    return tuple(runs)


def _add(runs: list[Run], run: Run) -> None:
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
    else:
        runs.append(run)


def is_empty(text: str) -> bool:
    return not any(isinstance(b, (Paragraph, ListBlock)) for b in parse(text))


def plain_text(text: str) -> str:
    """The text without markup: a heading or paragraph a line, list items as "- item" lines."""
    lines = []
    for block in parse(text):
        if isinstance(block, ListBlock):
            lines += [f"- {item}" for item in block.texts]
        else:
            lines.append(block.text)
    return "\n".join(lines)


_LEADING = re.compile(r"^(\s*)(#|[+>=-])")
_NUMBERED = re.compile(r"^(\s*\d+)([.)])")
_LIST_LINE = re.compile(r"^\s*[-–•*]\s+")
_INLINE = re.compile(r"([\\*_`])")


def escape(line: str) -> str:
    """A line of plain text as Markdown that reads back as exactly that text."""
    line = _INLINE.sub(r"\\\1", line)
    line = _LEADING.sub(lambda m: m[1] + "\\" + m[2], line)
    return _NUMBERED.sub(lambda m: m[1] + "\\" + m[2], line)


def from_plain(text: str) -> str:
    """Imported plain text (a paragraph a line, "- " lines as list items) as Markdown."""
    out: list[str] = []
    previous_item = False
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _LIST_LINE.match(line):
            if not previous_item and out:
                out.append("")
            out.append("- " + escape(_LIST_LINE.sub("", line).strip()))
            previous_item = True
        else:
            if out:
                out.append("")
            out.append(escape(line.strip()))
            previous_item = False
    return "\n".join(out)


def subheading(text: str, depth: int = 1) -> str:
    return "#" * (depth + 1) + " " + escape(text.strip())
