"""Bilaga files: what a file is (by its content, never its name), and PDF bilagor appended to the
report's PDF with a bookmark each.

A file is accepted when its first bytes say PDF or Office Open XML and the library that reads
that format opens it: pikepdf for PDF, python-docx for DOCX, openpyxl for XLSX. A renamed
executable, a truncated PDF or a ZIP that is not a Word or Excel file is refused with a message.
"""
from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.files.storage import default_storage

from ils.domain.front_matter import FieldError

KINDS = {"pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_UNPACKED_FACTOR = 20  # an Office file unpacks to at most this many times its size (zip bombs)


def max_bytes() -> int:
    return settings.ILS_ATTACHMENT_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",").removesuffix(",0") + " MB"


def file_kind(content: bytes) -> str:
    """"pdf", "docx" or "xlsx" for a file that opens as one; FieldError("file", …) otherwise."""
    if not content:
        raise FieldError("file", "Filen är tom.")
    if len(content) > max_bytes():
        raise FieldError("file", f"Filen är för stor ({_megabytes(len(content))}): en bilaga får vara "
                                 f"högst {_megabytes(max_bytes())}.")
    if content.startswith(b"%PDF-"):
        return _check_pdf(content)
    if content.startswith(b"PK\x03\x04"):
        return _check_office(content)
    raise FieldError("file", "Filen är varken PDF, Word (DOCX) eller Excel (XLSX) – innehållet avgör, "
                             "inte filnamnet.")


def _check_pdf(content: bytes) -> str:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(content)) as pdf:
            if pdf.is_encrypted:
                raise FieldError("file", "PDF-filen är lösenordsskyddad eller krypterad och kan inte "
                                         "läggas till rapporten.")
            if len(pdf.pages) == 0:
                raise FieldError("file", "PDF-filen har inga sidor.")
    except pikepdf.PdfError:
        raise FieldError("file", "Filen börjar som en PDF men går inte att öppna: den är skadad eller "
                                 "avkortad.") from None
    return "pdf"


def _check_office(content: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FieldError("file", "Filen är en skadad ZIP-fil, varken Word (DOCX) eller Excel (XLSX).") from None
    if unpacked > _UNPACKED_FACTOR * max(len(content), 1024 * 1024):
        raise FieldError("file", "Filen packas upp till orimligt mycket data och tas inte emot.")
    if "word/document.xml" in names:
        kind = "docx"
    elif "xl/workbook.xml" in names:
        kind = "xlsx"
    else:
        raise FieldError("file", "ZIP-filen är varken ett Word-dokument (DOCX) eller en Excel-fil (XLSX).")
    try:
        if kind == "docx":
            import docx

            docx.Document(io.BytesIO(content))
        else:
            import openpyxl

            openpyxl.load_workbook(io.BytesIO(content), read_only=True).close()
    except Exception:  # noqa: BLE001 - any failure to open means the file is not usable
        raise FieldError("file", f"Filen ser ut som {'Word' if kind == 'docx' else 'Excel'} men går inte "
                                 "att öppna: den är skadad.") from None
    return kind


def read(attachment) -> bytes:
    with default_storage.open(attachment.file.name, "rb") as handle:
        return handle.read()


def pdf_with_attachments(pdf: bytes, attachments) -> bytes:
    """The report's PDF with each PDF bilaga's pages after it, in order, each under a bookmark
    "Bilaga N: title" beside the report's own bookmarks."""
    import pikepdf

    files = [a for a in attachments if a.kind == "pdf" and a.file]
    if not files:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as report:
        starts = []
        opened = []
        for attachment in files:
            try:
                appended = pikepdf.open(io.BytesIO(read(attachment)))
            except (OSError, pikepdf.PdfError):  # a file gone from storage: the list still names it
                continue
            opened.append(appended)
            starts.append((attachment, len(report.pages)))
            report.pages.extend(appended.pages)
        with report.open_outline() as outline:
            for attachment, page in starts:
                title = ": ".join(x for x in (attachment.label, attachment.title) if x)
                outline.root.append(pikepdf.OutlineItem(title, page))
        out = io.BytesIO()
        report.save(out)
        for appended in opened:
            appended.close()
    return out.getvalue()
