"""The document's head and decisions: the city's title, decision amounts, bilaga references and
the rules every text of the head obeys. Pure: the importer, the services and the renderers share it.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .model import Decision, DocumentType, Period
from .values import format_number

AMOUNT_UNITS = {"mnkr": "mnkr", "tkr": "tkr", "kronor": "kronor"}
MAX_AMOUNT = Decimal(10) ** 11  # kronor in a committee's decision stay far below this

# "bilaga 2", "Bilaga 03b", "bilagor" is not a reference to one bilaga
ATTACHMENT_REFERENCE = re.compile(r"\bbilaga\s+0*(?P<n>\d{1,3}[a-z]?)\b", re.I)
_AMOUNT_IN_TEXT = re.compile(r"\d\s*(?:mnkr|miljoner kronor|tkr|kronor|kr)\b", re.I)
_SWEDISH_NUMBER = re.compile(r"^[-−]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})*(?:,[0-9]+)?$|^[-−]?[0-9]+(?:,[0-9]+)?$")
_TAG = re.compile(r"</?[a-zA-Z!?][^>]*>")


class FieldError(ValueError):
    """Bad input for one field: ``field`` names it, the message says what is wrong, in Swedish."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def city_title(doc_type: DocumentType, period: Period, year: int, committee: str) -> str:
    """The title in the city's form: "Tertialrapport Tertial 2 2024 för Södermalms stadsdelsnämnd"."""
    kind = {
        Period.VP: f"Verksamhetsplan {year}",
        Period.T1: f"Tertialrapport Tertial 1 {year}",
        Period.T2: f"Tertialrapport Tertial 2 {year}",
        Period.VB: f"Verksamhetsberättelse VB {year}",
    }[period]
    return f"{kind} för {committee}" if committee else kind


def attachment_label(text: str) -> str:
    """The bilaga a decision's text refers to ("… enligt bilaga 2." -> "Bilaga 2"), or ""."""
    match = ATTACHMENT_REFERENCE.search(text)
    return f"Bilaga {match['n']}" if match else ""


def parse_amount(text: str, field: str = "amount") -> Decimal | None:
    """A decision's amount written the Swedish way ("0,7", "868 046", "-1,5"); empty is None.
    Anything else – a point for decimals, letters, several numbers – is refused, never guessed."""
    text = text.strip()
    if not text:
        return None
    if not _SWEDISH_NUMBER.match(text):
        raise FieldError(field, f"Beloppet ”{text[:40]}” är inte ett tal. Skriv det som 0,7 eller 868 046 "
                                "(decimalkomma, mellanslag mellan tusental).")
    digits = re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".").replace("−", "-")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise FieldError(field, f"Beloppet ”{text[:40]}” är inte ett tal.") from None
    if abs(value) >= MAX_AMOUNT:
        raise FieldError(field, "Beloppet är orimligt stort.")
    if -value.as_tuple().exponent > 4:
        raise FieldError(field, "Beloppet får ha högst fyra decimaler.")
    return value


def amount_text(amount: Decimal, unit: str) -> str:
    """"0,7 mnkr", "868 046 kronor": as the city's decisions print amounts."""
    decimals = max(0, -amount.normalize().as_tuple().exponent)
    if unit == "mnkr":
        decimals = max(decimals, 1)
    return f"{format_number(amount, decimals)} {unit}"


def decision_text(decision: Decision) -> str:
    """The decision as printed: its text, plus its amount, bilaga and economy row where the text
    does not already say them (a controller may write the amount in a field only). The importer
    reads each of them back from this text."""
    text = decision.text.strip()
    extra = []
    if decision.amount is not None and not _AMOUNT_IN_TEXT.search(text):
        extra.append(f"Belopp: {amount_text(decision.amount, decision.amount_unit or 'mnkr')}.")
    if decision.attachment and attachment_label(text).lower() != decision.attachment.lower():
        extra.append(f"Se {decision.attachment.lower()}.")
    if decision.economy_row and decision.economy_row not in text:
        extra.append(f"Avser {decision.economy_row}.")
    return " ".join([text] + extra)


def clean_text(field: str, label: str, value: str, max_length: int, multiline: bool = False) -> str:
    """A text of the head as stored: trimmed, NFC; refused with a message naming the field if too
    long, with control characters (line breaks only where ``multiline``) or with HTML markup."""
    value = unicodedata.normalize("NFC", (value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    allowed = "\n\t" if multiline else ""
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in allowed for c in value):
        raise FieldError(field, f"{label} innehåller styrtecken"
                         + ("" if multiline else " eller radbrytningar") + "; ta bort dem.")
    if _TAG.search(value):
        raise FieldError(field, f"{label} får inte innehålla HTML-kod (t.ex. <b>); skriv vanlig text.")
    if len(value) > max_length:
        raise FieldError(field, f"{label} är för lång: högst {max_length} tecken, nu {len(value)}.")
    return value


def renumbered(decisions: list[Decision]) -> list[Decision]:
    """Decisions numbered 1, 2, 3 … in their order: the number follows the position."""
    for number, decision in enumerate(decisions, start=1):
        decision.number = number
    return decisions
