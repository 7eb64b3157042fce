"""HTML exports -> the lines the text parser reads.

Block elements become paragraphs separated by blank lines, headings are marked as markdown
headings, and each table row becomes one TAB-separated line, so an HTML export and a text
export of the same report parse to the same document.
"""
from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "section", "article", "header", "footer", "table", "ul", "ol",
           "blockquote", "pre", "caption", "title"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP = {"script", "style", "head", "nav"}  # a nav is the contents or menus: links to the text, not text


class _Lines(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skipping = 0

    def _flush(self, prefix: str = "") -> None:
        text = " ".join("".join(self.text).split())
        self.text = []
        if text:
            self.lines += [prefix + text, ""]

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
            (self.cell if self.cell is not None else self.text).append(" ")
        elif tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
            if tag == "li":
                self.text.append("- ")

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
        elif tag in _BLOCKS:
            self._flush()

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
