"""Text that spreadsheets must not run: formula injection ("=HYPERLINK(…)", "-1+cmd|…") in exports.

XLSX: XlsxWriter is told never to turn strings into formulas or links (WORKBOOK_OPTIONS), so text
is written as text. CSV has no types, so a text cell that a spreadsheet would read as a formula
gets a leading apostrophe, as OWASP's CSV-injection guidance says; numbers are left as they are.
"""
from __future__ import annotations

import re

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A number as the exports write it: "-5,5", "-1.25", "+122", "-3 331,1", "-0,07 %".
_NUMBER = re.compile(r"^[+-]?\d[\d \u00a0]*(?:[.,]\d+)?(?:e[+-]?\d+)?\s*%?$", re.I)


def csv_cell(value):
    """The value for a CSV cell: text a spreadsheet would evaluate is prefixed with "'"."""
    if not isinstance(value, str) or not value.lstrip(" ").startswith(_FORMULA_START):
        return value
    if _NUMBER.match(value.strip()):
        return value
    return "'" + value
