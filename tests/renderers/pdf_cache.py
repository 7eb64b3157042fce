"""Render a seed to PDF and read what the tests look at, in a worker process.

Reading text with pdfplumber costs seconds a document (it opens the whole file), so it runs
next to the rendering, in parallel, rather than in the test process.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
import pikepdf

from ils.importers import parse_file
from ils.renderers.pdf_report import render_pdf


@dataclass
class RenderedPdf:
    pdf: bytes
    pages: int
    bookmarks: dict[str, int]  # outline title -> 0-based page index
    texts: dict[int, str]  # page index -> text, for the first two pages and each part's first


def render_and_read(path: str) -> RenderedPdf:
    pdf = render_pdf(parse_file(path))
    bookmarks: dict[str, int] = {}
    parts: set[int] = {0, 1}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        index = {page.objgen: number for number, page in enumerate(document.pages)}
        pages = len(document.pages)
        with document.open_outline() as outline:
            stack = [(item, 0) for item in outline.root]
            while stack:
                item, depth = stack.pop()
                page = index[item.destination[0].objgen]
                bookmarks.setdefault(item.title, page)
                if depth == 1:  # the parts, under the document title
                    parts.add(page)
                stack.extend((child, depth + 1) for child in item.children)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        texts = {page: document.pages[page].extract_text() or "" for page in sorted(parts)}
    return RenderedPdf(pdf, pages, bookmarks, texts)
