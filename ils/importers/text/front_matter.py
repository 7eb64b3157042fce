"""The head of a report: title, committee, date, handläggare, decisions, attachments."""
from __future__ import annotations

import re
from datetime import date

from ils.domain.model import Attachment, Decision, DocumentType, Period
from ils.domain.values import parse_quantity

from .vocabulary import (
    AMOUNT, ATTACHMENT, DECISION_ITEM, FOR_COMMITTEE, ISO_DATE, MONTHS, SWEDISH_DATE, TERTIAL_NUMBER,
    TITLE, YEAR, fold,
)

# The handläggare's contact block on the front page, as the city's template prints it: the
# committee's name, the phone number, the e-mail address and the city's web address, each optional.
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_CONTACT = re.compile(
    r"^(?:(?P<name>[^@\d]*?)\s+)??(?:(?P<phone>\+?[\d(][-\d ()]{4,}\d)\s*)?"
    rf"(?:(?P<email>{_EMAIL})\s*)?(?P<web>(?:https?://)?start\.stockholm(?:\.se)?/?)?$", re.I)
_LABELLED_EMAIL = re.compile(rf"^E-?post\s*:?\s*(?P<email>{_EMAIL})?$", re.I)
_FILE_NOTE = re.compile(r"\s*\(fil: [^()]*\)$")
_TYPES = {
    "verksamhetsplan": (DocumentType.VERKSAMHETSPLAN, Period.VP),
    "tertialrapport": (DocumentType.TERTIALRAPPORT, None),
    "verksamhetsberattelse": (DocumentType.VERKSAMHETSBERATTELSE, Period.VB),
}


def parse_date(text: str) -> date | None:
    """"2024-12-19" or "23 maj 2024"; None for anything else."""
    text = text.strip()
    try:
        if match := ISO_DATE.match(text):
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        if (match := SWEDISH_DATE.match(text)) and match["month"].lower() in MONTHS:
            return date(int(match["y"]), MONTHS[match["month"].lower()], int(match["d"]))
    except ValueError:
        return None
    return None


def parse_title(text: str) -> tuple[DocumentType, Period, int, str] | None:
    """Type, period, year and (if named) committee from "Tertialrapport Tertial 1 2024 för X"."""
    match = TITLE.match(text)
    if match is None:
        return None
    year = YEAR.search(match["rest"])
    if year is None:
        return None
    doc_type, period = _TYPES[fold(match["kind"])]
    if period is None:
        # "Tertial 2", "T2" or our own exports' "Tertialrapport 2"; none of them: the period stays
        # unknown (the parser refuses the file) rather than being taken for T1.
        tertial = TERTIAL_NUMBER.search(match["rest"]) or re.match(r"\s*(?P<n>[12])\b", match["rest"])
        period = {"1": Period.T1, "2": Period.T2}.get(tertial["n"]) if tertial else None
    committee = FOR_COMMITTEE.search(match["rest"][year.end():])
    return doc_type, period, int(year.group()), committee["committee"] if committee else ""


def looks_like_committee(text: str) -> bool:
    folded = fold(text)
    return len(text) < 80 and ("namnd" in folded or "styrelse" in folded) and not text.endswith(".")


def parse_email(text: str) -> str | None:
    """"E-post: namn@stockholm.se" (our own exports' head) -> the address ("" when none follows the label)."""
    match = _LABELLED_EMAIL.match(text.strip())
    return None if match is None else match["email"] or ""


def parse_contact(text: str) -> tuple[str, str, str] | None:
    """(name, phone, email) of a contact block ("0850805097 namn@stockholm.se start.stockholm",
    "Socialnämnden start.stockholm"); None unless it has an e-mail or the web address (a number
    alone could be anything) and any words before them name a committee."""
    match = _CONTACT.match(" ".join(text.split()))
    if match is None or not (match["email"] or match["web"]):
        return None
    name = (match["name"] or "").strip()
    if name and not looks_like_committee(name):
        return None
    return name, (match["phone"] or "").strip(), match["email"] or ""


def parse_decision(text: str, line: int) -> Decision | None:
    match = DECISION_ITEM.match(text)
    if match is None:
        return None
    decision = Decision(number=int(match["number"]), text=match["text"].strip(), line=line)
    if amount := AMOUNT.search(decision.text):
        quantity = parse_quantity(amount["value"])
        if quantity is not None:
            unit = amount["unit"].lower()
            decision.amount = quantity.value
            decision.amount_unit = "mnkr" if unit == "miljoner kronor" else unit
    return decision


def parse_attachment(text: str, line: int) -> Attachment | None:
    match = ATTACHMENT.match(text)
    if match is None:
        return None
    title = _FILE_NOTE.sub("", match["title"]).strip()  # "(fil: plan.docx)" names the file, not the title
    return Attachment(label=match["label"], title=title, line=line)
