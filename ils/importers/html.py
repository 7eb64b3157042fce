"""HTML exports -> the lines the text parser reads.

Block elements become paragraphs separated by blank lines, headings are marked as markdown
headings, and each table row becomes one TAB-separated line, so an HTML export and a text
export of the same report parse to the same document. A line break (`<br>`) and each term and
description of a `<dl>` (the report's head: "Till", the committee, the date) start a new line of
their paragraph, as in the text export; items of an ordered list keep their numbers ("2. ").
"""
from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "section", "article", "header", "footer", "table", "ul", "ol",
           "blockquote", "pre", "caption", "title", "dl"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LINES = {"dt", "dd"}
_SKIP = {"script", "style", "head", "nav"}  # a nav is the contents or menus: links to the text, not text


class _Lines(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skipping = 0
        self.numbers: list[int | None] = []  # per open list: the next item's number, None if unordered
        self.block: list[str] = []  # lines of the paragraph being read (a head group's lines)

    def _line(self) -> None:
        self.block += [line for line in (" ".join(part.split()) for part in "".join(self.text).split("\n")) if line]
        self.text = []

    def _flush(self, prefix: str = "") -> None:
        self._line()
        if self.block:
            self.lines += [prefix + self.block[0], *self.block[1:], ""]
        self.block = []

    def _item(self, attrs) -> None:
        if not self.numbers or self.numbers[-1] is None:
            self.text.append("- ")
            return
        value = dict(attrs).get("value") or ""
        number = int(value) if value.isdigit() else self.numbers[-1]
        self.numbers[-1] = number + 1
        self.text.append(f"{number}. ")

    def handle_starttag(self, tag, attrs):
        if self.skipping and tag not in _SKIP:
            return
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br":
            (self.cell if self.cell is not None else self.text).append(" " if self.cell is not None else "\n")
        elif tag in _LINES:
            self._line()
        elif tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
            if tag in ("ol", "ul"):
                start = dict(attrs).get("start") or ""
                self.numbers.append((int(start) if start.isdigit() else 1) if tag == "ol" else None)
            elif tag == "li":
                self._item(attrs)

    def handle_endtag(self, tag):
        if self.skipping and tag not in _SKIP:
            return
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.lines.append("\t".join(self.row))
            self.row = None
        elif tag == "table":
            self.lines.append("")
        elif tag in _HEADINGS:
            self._flush("#" * int(tag[1]) + " ")
        elif tag in _LINES:
            self._line()
        elif tag in _BLOCKS:
            self._flush()
            if tag in ("ol", "ul") and self.numbers:
                self.numbers.pop()

    def handle_data(self, data):
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.text).append(data)


def html_lines(text: str) -> list[str]:
    parser = _Lines()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines
