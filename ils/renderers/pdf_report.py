"""Domain Document -> a tagged PDF/UA-1 report: Typst's layout (``typst_report``) and one pikepdf pass.

Typst tags the report itself (headings, lists, outline, tables with THead/TBody, column headers
with /Scope /Column, captions) and writes /Lang, the XMP title and pdfuaid:part, DisplayDocTitle
and the document info. It cannot yet mark a body cell as a row header (``pdf.header-cell`` needs
Typst's a11y-extras feature, which the Python package does not enable), so the pass below does
what the HTML report's ``<th scope="row">`` does: the first cell of a body row that has other
cells and any content becomes a TH with /Scope /Row. That leaves out exactly the rows the HTML
report gives no row header: an analysis row (one cell over the whole width) and an economy row
without a label.

The same pass corrects one text mapping. Typst hyphenates the narrow table cells, and it draws
the hyphen at a break with the font's hyphen glyph but records it as a soft hyphen (U+00AD); a
font maps each glyph to one text, so every real hyphen in that font, the minus of "-414,8" and
the dashes of "2024-01-01", would then read back as a soft hyphen. The glyph is a hyphen, so the
ToUnicode maps say so.
"""
from __future__ import annotations

import io
import re

import pikepdf

from ils.domain.model import Document

from .typst_report import compile_report, render_typst_pdf


def render_pdf(doc: Document) -> bytes:
    return post_process(render_typst_pdf(doc))


def render_report_pdf(data: dict) -> bytes:
    """A report given as the Typst template's JSON (the city's sammanställning) as tagged PDF."""
    return post_process(compile_report(data))


def post_process(pdf_bytes: bytes) -> bytes:
    """Row headers (the first cell of each labelled table body row becomes a TH, /Scope /Row)
    and hyphen glyphs that read as hyphens."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for table in _tables(pdf.Root.StructTreeRoot):
            for body in _kids(table):
                if body.get("/S") != "/TBody":
                    continue
                for row in _kids(body):
                    cells = row.get("/K")
                    # A row of one cell is an analysis row; cells are structure elements.
                    if not isinstance(cells, pikepdf.Array) or len(cells) < 2:
                        continue
                    first = cells[0]
                    if isinstance(first, pikepdf.Dictionary) and first.get("/S") == "/TD" and _has_content(first):
                        first.S = pikepdf.Name.TH
                        _set_scope(first, pikepdf.Name.Row)
        _hyphens_as_hyphens(pdf)
        out = io.BytesIO()
        # Typst wrote the XMP (rewriting it costs 0.1 s). Object streams compress the structure
        # tree, which Typst leaves uncompressed: the file shrinks by 60 % and is written faster.
        pdf.save(out, fix_metadata_version=False, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


_SOFT_HYPHEN = re.compile(rb"^(<[0-9A-Fa-f]+>\s*)<00[Aa][Dd]>", re.MULTILINE)


def _hyphens_as_hyphens(pdf: pikepdf.Pdf) -> None:
    """Map glyphs that the fonts' ToUnicode maps give as soft hyphen (bfchar entries) to "-"."""
    seen = set()
    for page in pdf.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            to_unicode = font.get("/ToUnicode")
            if to_unicode is None or to_unicode.objgen in seen:
                continue
            seen.add(to_unicode.objgen)
            data = to_unicode.read_bytes()
            fixed = _SOFT_HYPHEN.sub(rb"\1<002D>", data)
            if fixed != data:
                to_unicode.write(fixed)


# Where Typst puts a table: under the document or a grouping element, never in text-level ones.
_GROUPS = {"/Document", "/Part", "/Sect", "/Div", "/Art", "/NonStruct", "/Figure"}


def _tables(root: pikepdf.Dictionary):
    """The Table elements in document order, looking only into grouping elements (the tree is
    large; paragraphs, headings, lists and the outline hold no tables in the report)."""
    stack = [root]
    while stack:
        element = stack.pop()
        for kid in reversed(_kids(element)):
            kind = kid.get("/S")
            if kind == "/Table":
                yield kid
            elif kind in _GROUPS:
                stack.append(kid)


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements under ``element`` (marked-content ids and references are leaves)."""
    kids = element.get("/K")
    if kids is None:
        return []
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _has_content(element: pikepdf.Dictionary) -> bool:
    kids = element.get("/K")
    return kids is not None and not (isinstance(kids, pikepdf.Array) and len(kids) == 0)


def _set_scope(element: pikepdf.Dictionary, scope: pikepdf.Name) -> None:
    """Set /Scope in the element's Table attribute object, creating one if it has none."""
    attributes = element.get("/A")
    candidates = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    for attribute in candidates:
        if isinstance(attribute, pikepdf.Dictionary) and attribute.get("/O") == "/Table":
            attribute.Scope = scope
            return
    table = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
    if attributes is None:
        element.A = table
    elif isinstance(attributes, pikepdf.Array):
        attributes.append(table)
    else:
        element.A = pikepdf.Array([attributes, table])
