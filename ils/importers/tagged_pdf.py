"""Tagged PDF reports -> the lines the text parser reads, from the structure tree.

A tagged PDF (``/MarkInfo /Marked true`` and a ``/StructTreeRoot``) says itself what is a heading,
a paragraph, a list item, a table row and a cell, and in which order they are read: each
structure element names the marked-content sequences (MCIDs) on a page that hold its text. So
nothing here guesses from geometry; the structure is walked in order and each element's
characters are collected by MCID. What is drawn outside marked content (page headers and
footers, symbols marked as artifacts, the hyphen drawn where a word was broken at the end of a
line) is not in any element and so not read.

The lines have the shape of the ILS text export, as ``pdf.py`` produces for untagged PDFs: a
heading or paragraph is one line, blocks are separated by blank lines, a list item is one line
("1. …", "- …"), and each table row is one line of TAB-separated cell texts, a cell wrapped
over several visual lines joined back. The table of contents (TOC elements) is left out.

Joining visual lines needs no guess either. A line broken at a space keeps the space glyph at its
end; a word broken by hyphenation has its hyphen drawn outside marked content (so the text
continues without it); a line that ends in a real hyphen ("ANDTS-" / "förebyggande") continues
directly. A new visual line after none of these is a line break of the text itself (a stacked
label and value), read as a new line, or within a table cell as a space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError

# Elements whose children are read in order as blocks of their own.
_GROUPS = {"Document", "Part", "Sect", "Div", "Art", "NonStruct", "Private", "Figure", "Reference",
           "BlockQuote", "Index", "Form"}
_SKIPPED = {"TOC", "TOCI", "Artifact"}
_LIST = {"L"}
_TABLE = {"Table"}
_ROW_GROUPS = {"THead", "TBody", "TFoot"}
# Characters whose tops differ by more than this share of their height are on different lines.
_NEW_LINE = 0.5
# A hyphen drawn outside marked content after the text of a marked-content sequence.
_BREAK = "\u00ad"
_DASHES = "-\u2010\u2013"
# Words that follow a suspended compound's hyphen ("sim- och idrottshallar") after a space.
_SUSPENDED = re.compile(r"(?:och|eller|samt|respektive|resp\.|till)\b")
_SPACES = re.compile(r"[ \t\r\f\v]+")


_HEADING = re.compile(r"H[1-6]?")


@dataclass(frozen=True)
class _Char:
    """A run of text drawn on one line: its text, page, baseline (downwards) and height."""

    text: str
    page: int
    top: float
    height: float


def is_tagged(pdf) -> bool:
    """A pikepdf document with a structure tree that holds at least one table."""
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)) or "/StructTreeRoot" not in root:
        return False
    return any(True for _ in _elements_of_type(root.StructTreeRoot, "/Table"))


def _elements_of_type(root, kind: str):
    stack = [root]
    while stack:
        element = stack.pop()
        for kid in _kids(element):
            if kid.get("/S") == kind:
                yield kid
                return
            stack.append(kid)


def _kids(element) -> list:
    import pikepdf

    kids = element.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def tagged_pdf_lines(path: str | Path, pdf) -> list[str]:
    """The lines of a tagged PDF (``pdf`` opened by pikepdf); raise ReportError if unreadable."""
    source = str(path)
    texts = _marked_texts(path, source)
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    reader = _Reader(texts, pages)
    reader.group(pdf.Root.StructTreeRoot, None)
    lines = reader.lines
    while lines and not lines[-1]:
        lines.pop()
    if not any(lines):
        raise ReportError(source, None, "PDF-filen innehåller ingen text (inskannad bild?); "
                          "importera rapporten som text eller som PDF med text")
    return lines


def _marked_texts(path: str | Path, source: str) -> list[dict[int, list[_Char]]]:
    """Per page, MCID -> its text runs in drawing order, read by PDFium.

    PDFium reads a page's content a dozen times faster than pdfminer, and a text object is the
    unit needed here: in drawing order, with its MCID, text and baseline. A hyphen drawn outside
    marked content after an MCID's text (a word broken at the line's end) is added to that MCID
    as _BREAK.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as error:
        raise ReportError(source, None, f"filen är ingen läsbar PDF ({type(error).__name__}: "
                          f"{error}); den är skadad, avkortad eller av ett annat format") from error
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            try:
                texts.append(_page_text(page, text_page, index))
            finally:
                text_page.close()
                page.close()
    finally:
        document.close()
    return texts


def _marks(obj) -> tuple[bool, str | None]:
    """Is the object inside an /Artifact mark, and the /ActualText that replaces its text, if any.

    Typst draws the hyphen of a word broken at a line's end inside ``/Span <</ActualText (U+00AD)>>``
    (PDFium reads that soft hyphen back as nothing), and a dash it moved to the line's end with
    the dash as ActualText.
    """
    import ctypes

    import pypdfium2.raw as raw

    artifact, actual = False, None
    wide = ctypes.POINTER(raw.FPDF_WCHAR)
    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        length = ctypes.c_ulong()
        buffer = ctypes.create_string_buffer(256)
        if raw.FPDFPageObjMark_GetName(mark, ctypes.cast(buffer, wide), len(buffer), ctypes.byref(length)):
            artifact |= _utf16(buffer, length) == "Artifact"
        if raw.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", ctypes.cast(buffer, wide),
                                                   len(buffer), ctypes.byref(length)):
            actual = _utf16(buffer, length)
    return artifact, actual


def _utf16(buffer, length) -> str:
    return buffer.raw[:min(length.value, len(buffer))].decode("utf-16-le", "replace").rstrip("\x00")


def _page_text(page, text_page, index: int) -> dict[int, list[_Char]]:
    import ctypes

    import pypdfium2.raw as raw

    by_mcid: dict[int, list[_Char]] = {}
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    matrix = raw.FS_MATRIX()

    def objects(count, get, parent):
        for number in range(count(parent)):
            yield get(parent, number)

    stack = [objects(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            stack.append(objects(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj))
            continue
        if kind != raw.FPDF_PAGEOBJ_TEXT:
            continue
        size = raw.FPDFTextObj_GetText(obj, text_page.raw, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFTextObj_GetText(obj, text_page.raw, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
        # PDFium marks a hyphen at a line's end as U+0002; in marked content it is the text's own
        # ("ANDTS-"), unless it is a text object of its own: the hyphen Typst drew where it broke a
        # word and, in a table's header cell, marked without the soft hyphen as ActualText.
        text = buffer.raw[:max(size - 2, 0)].decode("utf-16-le", "replace")
        text = _BREAK if text == "\x02" else text.replace("\x02", "-")
        mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
        artifact, actual = _marks(obj)
        if mcid < 0 or artifact:
            continue
        if actual is not None:
            text = actual if actual.strip("\u00ad") else _BREAK
        elif not text:
            # PDFium gives no text for a run of only a space (Typst draws the space after a dash
            # at a line's end as a run of its own); a run of text always reads as something.
            text = " "
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        by_mcid.setdefault(mcid, []).append(_Char(text, index, -matrix.f, top.value - bottom.value))
    return by_mcid


class _Reader:
    """Walks the structure tree in order and writes the lines."""

    def __init__(self, texts: list[dict[int, list[_Char]]], pages: dict[tuple[int, int], int]):
        self.texts = texts
        self.pages = pages
        self.lines: list[str] = []

    # Blocks

    def _block(self, *lines: str) -> None:
        """Lines printed together, then a blank line."""
        lines = [line for line in lines if line]
        if not lines:
            return
        self.lines.extend(lines)
        self.lines.append("")

    def group(self, element, page: int | None) -> None:
        import pikepdf

        page = self._page(element, page)
        kids = element.get("/K")
        if kids is None:
            return
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        loose: list[_Char] = []  # content directly in a grouping element: a paragraph of its own
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                if loose:
                    self._block(*_lines(loose))
                    loose = []
                self.element(kid, page)
            else:
                loose.extend(self._content(kid, page))
        if loose:
            self._block(*_lines(loose))

    def element(self, element, page: int | None) -> None:
        kind = str(element.get("/S"))[1:]
        if kind in _SKIPPED:
            return
        page = self._page(element, page)
        if kind in _GROUPS:
            self.group(element, page)
        elif kind in _LIST:
            self._list(element, page)
        elif kind in _TABLE:
            self._table(element, page)
        elif _HEADING.fullmatch(kind):
            # Marked as in the markdown variant of the export: the tags know a heading for certain,
            # the text parser could only guess it from a short line without a full stop.
            self._block(f"{'#' * int(kind[1:] or 1)} " + " ".join(_lines(self.text(element, page))))
        else:  # a paragraph, caption, span or any other text-level element
            self._block(*_lines(self.text(element, page)))

    def _list(self, element, page: int | None) -> None:
        items = []
        for item in _kids(element):
            if str(item.get("/S")) == "/L":  # a nested list: its items follow
                self._list(item, page)
                continue
            label, body = "", []
            item_page = self._page(item, page)
            for part in _kids(item):
                text = self.text(part, item_page)
                if str(part.get("/S")) == "/Lbl":
                    label = " ".join(_lines(text))
                else:
                    body.extend(_lines(text))
            text = " ".join(body)
            if label and not re.fullmatch(r"\d{1,3}[.)]?", label):
                label = "-"  # a bullet of any shape
            items.append(f"{label} {text}".strip() if label else text)
        self._block(*items)

    def _table(self, element, page: int | None) -> None:
        page = self._page(element, page)
        rows: list[list[str]] = []
        captions: list[str] = []
        for kid in _kids(element):
            kind = str(kid.get("/S"))
            kid_page = self._page(kid, page)
            if kind == "/Caption":
                captions.extend(_lines(self.text(kid, kid_page)))
            elif kind in ("/THead", "/TBody", "/TFoot"):
                for row in _kids(kid):
                    rows.append(self._row(row, self._page(row, kid_page)))
            elif kind == "/TR":
                rows.append(self._row(kid, kid_page))
        self._block(*captions)
        width = max((len(r) for r in rows), default=0)
        self._block(*("\t".join(row + [""] * (width - len(row))) for row in rows))

    def _row(self, row, page: int | None) -> list[str]:
        return [" ".join(_lines(self.text(cell, self._page(cell, page)))) for cell in _kids(row)]

    # Text

    def text(self, element, page: int | None) -> list[_Char]:
        """The characters of an element and its descendants, in order."""
        import pikepdf

        page = self._page(element, page)
        if str(element.get("/S")) in ("/TOC", "/TOCI", "/Artifact"):
            return []
        kids = element.get("/K")
        if kids is None:
            return []
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        chars: list[_Char] = []
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                chars.extend(self.text(kid, page))
            else:
                chars.extend(self._content(kid, page))
        return chars

    def _content(self, kid, page: int | None) -> list[_Char]:
        """A marked-content reference: an MCID on the element's page, or an MCR dictionary."""
        import pikepdf

        if isinstance(kid, int):
            mcid = kid
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            mcid = int(kid.MCID)
            page = self._page(kid, page)
        else:  # an object reference (a link annotation) holds no text
            return []
        if page is None or page >= len(self.texts):
            return []
        return self.texts[page].get(mcid, [])

    def _page(self, element, page: int | None) -> int | None:
        reference = element.get("/Pg")
        if reference is None:
            return page
        return self.pages.get(reference.objgen, page)


def _lines(chars: list[_Char]) -> list[str]:
    """Characters -> the text's own lines: visual lines joined where the layout broke them."""
    lines: list[str] = []
    text: list[str] = []
    previous: _Char | None = None
    broken = False  # a break hyphen was drawn after the previous character
    for char in chars:
        if char.text == _BREAK:
            broken = True
            continue
        if previous is not None and _new_line(previous, char) and not broken:
            ending = "".join(text)
            if ending.endswith(" -") or (ending.endswith("-") and _SUSPENDED.match(char.text)):
                # A dash standing alone ("i - med") or a suspended compound ("sim- och"): Typst
                # broke the line at the space after the hyphen and did not draw that space.
                text.append(" ")
            elif previous.text[-1:].isalnum():
                # Lines break at spaces (kept at the line's end), inside words (with a break
                # hyphen) and after punctuation ("ANDTS-", "nämnd/"), never between two letters.
                lines.append("".join(text))
                text = []
        broken = False
        text.append(char.text)
        previous = char
    lines.append("".join(text))
    return [line for line in (_SPACES.sub(" ", line).strip() for line in lines) if line]


def _new_line(previous: _Char, char: _Char) -> bool:
    if char.page != previous.page:
        return True
    return abs(char.top - previous.top) > _NEW_LINE * max(char.height, previous.height)
