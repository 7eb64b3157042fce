"""The front matter as every renderer prints it: head groups, decisions, signatures, bilagor.

One place, so HTML, PDF, DOCX and text say the same and the importer reads each of them back.
"""
from __future__ import annotations

from ils.domain.front_matter import decision_text
from ils.domain.model import Attachment, Document

from .formatting import swedish_date

FILE_KINDS = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel"}


def head_groups(doc: Document) -> list[tuple[str, list[str]]]:
    """(label, lines): Handläggare with the telephone and e-mail, Till with the meeting date, Diarienummer."""
    groups = []
    contact = [f"Telefon: {doc.phone}"] * bool(doc.phone) + [f"E-post: {doc.email}"] * bool(doc.email)
    if doc.author or contact:
        groups.append(("Handläggare", [doc.author] * bool(doc.author) + contact))
    groups.append(("Till", [doc.recipient or doc.committee] + ([swedish_date(doc.date)] if doc.date else [])))
    if doc.reference:
        groups.append(("Diarienummer", [f"Dnr: {doc.reference}"]))
    return groups


def decision_items(doc: Document) -> list[tuple[int, str]]:
    return [(d.number, decision_text(d)) for d in doc.decisions]


def attachment_item(attachment: Attachment) -> str:
    """"Bilaga 2: Title"; a bilaga that is not appended to the PDF names its file."""
    text = ": ".join(x for x in (attachment.label, attachment.title) if x)
    if attachment.file_name and attachment.kind != "pdf":
        text += f" (fil: {attachment.file_name})"
    return text


def attachment_items(doc: Document) -> list[str]:
    return [attachment_item(a) for a in doc.attachments]
