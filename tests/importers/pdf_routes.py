"""PDFs of the seeds made by the project's renderer and by LibreOffice, and their text as the
usual extractors give it (pdftotext default/-layout/-raw, pypdf, pdfminer.six, PDFium).

Making and extracting costs seconds a file (LibreOffice tens), so every result is kept in a
cache keyed by the SHA-256 of its input: ``$ILS_TEST_CACHE`` or ``var/test-cache`` (ignored
by git). What our renderers make from a seed is keyed by the seed and by the code that reads and
renders it, so a changed renderer never reads an old PDF. A fresh checkout pays once.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .seeds import REPO

CACHE = Path(os.environ.get("ILS_TEST_CACHE", REPO / "var" / "test-cache"))


def _cached(kind: str, data: bytes, make, suffix: str, key: bytes | None = None) -> Path:
    """What ``make(data)`` gives, kept under the digest of ``key`` (the data itself by default)."""
    path = CACHE / kind / f"{hashlib.sha256(data if key is None else key).hexdigest()[:24]}{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        result = make(data)
        # a name of its own, so that test runs sharing the cache never write one file together
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as temporary:
            temporary.write(result if isinstance(result, bytes) else result.encode("utf-8"))
        Path(temporary.name).replace(path)
    return path


def _libreoffice(data: bytes, suffix: str, filter_name: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"rapport{suffix}"
        source.write_bytes(data)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", f"pdf:{filter_name}", "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=300)
        return (Path(folder) / "rapport.pdf").read_bytes()


def _code_fingerprint() -> bytes:
    """The importer, domain and renderer sources: what a rendered seed depends on beside the seed."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("importers", "domain", "renderers")
                       for p in (REPO / "ils" / folder).rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(path.read_bytes())
    return digest.digest()


_CODE = _code_fingerprint()


def have_tools() -> bool:
    return bool(shutil.which("soffice") and shutil.which("pdftotext"))


def make_pdf(seed: Path, maker: str) -> Path:
    """The seed as PDF: ``typst`` (our report), ``lo-text``, ``lo-docx``, ``lo-html`` (LibreOffice)."""
    from ils.importers import parse_file

    text = seed.read_bytes() + _CODE
    if maker == "typst":
        from ils.renderers.pdf_report import render_pdf

        return _cached("typst", text, lambda _: render_pdf(parse_file(seed)), ".pdf")
    if maker == "lo-text":
        return _cached("lo-text", seed.read_bytes(), lambda data: _libreoffice(data, ".txt", "writer_pdf_Export"),
                       ".pdf")
    if maker == "lo-docx":
        from ils.renderers.docx_report import render_docx

        docx = _cached("docx", text, lambda _: render_docx(parse_file(seed)), ".docx").read_bytes()
        return _cached("lo-docx", docx, lambda data: _libreoffice(data, ".docx", "writer_pdf_Export"), ".pdf",
                       key=_zip_content(docx))
    if maker == "lo-html":
        from ils.renderers.html_report import render_html

        html = _cached("html", text, lambda _: render_html(parse_file(seed)), ".html").read_bytes()
        return _cached("lo-html", html, lambda data: _libreoffice(data, ".html", "writer_web_pdf_Export"), ".pdf")
    raise ValueError(maker)


def _zip_content(data: bytes) -> bytes:
    """A ZIP's members without their timestamps: a DOCX made again from the same report has the
    same content but other times, and must not cost LibreOffice another conversion."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(name.encode() + b"\0" + archive.read(name) for name in sorted(archive.namelist()))


def _pdftotext(mode: str):
    def extract(data: bytes) -> bytes:
        options = [f"-{mode}"] if mode != "default" else []
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(data)
            file.flush()
            return subprocess.run(["pdftotext", *options, file.name, "-"], check=True,
                                  capture_output=True, timeout=120).stdout
    return extract


def _pypdf(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n\f\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdfminer(data: bytes) -> str:
    """pdfminer.six's text, its ties made reproducible: its layout analysis merges the nearest
    boxes first and breaks ties between equally near ones by ``id()``, a memory address, so the
    same PDF gives another order of a table's cells from run to run (a failure on CI could not
    be read again here). Ties go by the order pdfminer first met the boxes instead."""
    import io
    import itertools

    import pdfminer.layout
    from pdfminer.high_level import extract_text

    numbers = itertools.count()

    def first_met(box) -> int:
        if "_ils_order" not in box.__dict__:
            box._ils_order = next(numbers)
        return box._ils_order

    pdfminer.layout.id = first_met  # the module's name lookup finds it before the builtin
    try:
        return extract_text(io.BytesIO(data))
    finally:
        del pdfminer.layout.id


def _pdfium(data: bytes) -> str:
    from ils.importers.pdf import stream_lines

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        return "\n".join(stream_lines(file.name))


EXTRACTORS = {"pdftotext": _pdftotext("default"), "pdftotext-layout": _pdftotext("layout"),
              "pdftotext-raw": _pdftotext("raw"), "pypdf": _pypdf, "pdfminer": _pdfminer,
              "pdfium": _pdfium}


def extract(pdf: Path, extractor: str) -> Path:
    return _cached(extractor, pdf.read_bytes(), EXTRACTORS[extractor], ".txt")
