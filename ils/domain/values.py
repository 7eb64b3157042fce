"""Swedish number and quantity parsing.

Report cells carry numbers the Swedish way ("3 331,1", "-414,8", "+122", "0,07 %") with the
unit glued on, and PDF extraction sometimes breaks them with a stray space or a soft hyphen.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Non-breaking, narrow and thin spaces used as thousands separators.
_SPACES = "\u00a0\u202f\u2009\u2007"
_MINUS = "\u2212\u2013"  # true minus and en dash, used as minus in some exports

_NUMBER = re.compile(
    r"""^(?P<sign>[+\-])?\s*
        (?P<int>\d{1,3}(?:[ ]\d{3})+|\d+)
        (?:,(?P<frac>\d+))?
        (?!\d)""",
    re.VERBOSE,
)


_NOT_A_UNIT = re.compile(r"^[-/.:]?\d")


def normalise_spaces(text: str) -> str:
    """Map exotic spaces and minus signs to ASCII so one grammar covers every export."""
    if text.isascii():  # most lines: nothing to map (a hot path of every import)
        return text
    for ch in _SPACES:
        text = text.replace(ch, " ")
    for ch in _MINUS:
        text = text.replace(ch, "-")
    return text


@dataclass(frozen=True)
class Quantity:
    """A number with the unit it was written with, and the cell text it came from."""

    value: Decimal
    unit: str = ""
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.value} {self.unit}".strip()


def parse_number(text: str) -> Decimal | None:
    """Parse a whole cell as a Swedish number; None if the cell is not just a number."""
    quantity = parse_quantity(text)
    if quantity is None or quantity.unit:
        return None
    return quantity.value


@functools.lru_cache(maxsize=4096)  # the importer asks of the same few hundred cells thousands of times
def parse_quantity(text: str) -> Quantity | None:
    """Parse "38,2 %", "1 123 st", "-5 503", "15,5 barn/avd." into value and unit.

    Returns None when the cell does not start with a number (word targets, empty cells).
    """
    raw = text.strip()
    cleaned = normalise_spaces(raw).strip()
    if not cleaned:
        return None
    match = _NUMBER.match(cleaned)
    if match is None:
        return None
    digits = match.group("int").replace(" ", "")
    frac = match.group("frac")
    try:
        value = Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    if match.group("sign") == "-":
        value = -value
    unit = cleaned[match.end():].strip()
    if _NOT_A_UNIT.match(unit):
        # "2021-12-31", "12 34x", "1.5": a date or garbled digits, not a quantity with a unit.
        return None
    return Quantity(value=value, unit=unit, text=raw)


# A unit as people type it after a number: "%", "st", "kr/inv.", "barn/avd.", "kg CO2" – it starts
# with a letter or %, then letters, digits, spaces, "/", "." and "%". Anything else after the
# number ("-1+cmd|' /C calc'!A0") makes the text no quantity.
_ENTERED_UNIT = re.compile(r"^(?:%|[^\W\d_])[^\W_ ]*(?:[ /.%]+[^\W_]*)*$")
MAX_ENTERED_CHARS = 40


def parse_entered_quantity(text: str) -> Quantity | None:
    """A number someone typed or sent: like parse_quantity, but what follows the number must be a
    plain unit, so text after the number ("12 =HYPERLINK(…)") is refused (None), never stored."""
    if len(text) > MAX_ENTERED_CHARS:
        return None
    quantity = parse_quantity(text)
    if quantity is None or (quantity.unit and not _ENTERED_UNIT.match(quantity.unit)):
        return None
    return quantity


def format_number(value: Decimal | int | float | None, decimals: int | None = None) -> str:
    """Format the Swedish way: space thousands separator, decimal comma ("3 331,1")."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = " ".join(groups)
    if frac:
        result += "," + frac
    return sign + result
