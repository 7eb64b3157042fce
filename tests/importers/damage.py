"""Damaged variants of a text export, as old reports arrive: each function takes the seed's
text and returns the variant's bytes (so that encodings can be damaged too)."""
from __future__ import annotations

import re

from tests.variants import TAB, rewrap

_GOAL_LABEL = re.compile(r"^(?P<label>(?:[#*\s]*)(?:KF:s inriktningsmål|KF:s mål för verksamhetsområdet|"
                         r"Nämndmål):)\s*(?P<rest>\d.*)$", re.MULTILINE)
_ASSESSMENT = re.compile(r"^\W*(?=Uppfylls (?:helt|delvis|inte))", re.MULTILINE)
_GOALS_PART = re.compile(r"^[#*\s]*Uppföljning av Kommunfullmäktiges inriktningsmål\s*$|"
                         r"^[#*\s]*Kommunfullmäktiges inriktningsmål\s*$|^[#*\s]*Verksamhetens mål\s*$",
                         re.MULTILINE | re.IGNORECASE)


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def tabs_as_spaces(text: str) -> bytes:
    """Every TAB a single space: the cells of a row joined by spaces, empty cells as runs."""
    return utf8(text.replace(TAB, " "))


def tabs_expanded(text: str) -> bytes:
    return utf8(text.expandtabs(8))


def wrapped_at_90(text: str) -> bytes:
    return utf8(rewrap(text, width=90))


def page_furniture(text: str) -> bytes:
    """A running title and "Sid 5 (72)" on every page."""
    return utf8(rewrap(text, header="{title}", footer="Sid {page} ({pages})"))


def utf16(text: str) -> bytes:
    return text.encode("utf-16")  # with BOM


def utf16_be_without_bom(text: str) -> bytes:
    return text.encode("utf-16-be")


def utf32(text: str) -> bytes:
    return text.encode("utf-32")


def mojibake(text: str) -> bytes:
    """UTF-8 once read as Windows-1252 and saved again as UTF-8 ("FÃ¶rslag")."""
    import ftfy.bad_codecs  # noqa: F401

    return utf8(text.encode("utf-8").decode("sloppy-windows-1252"))


def soft_hyphens(text: str) -> bytes:
    """Soft hyphens and zero-width spaces inside the keywords, as a paste from Word leaves them."""
    for word, broken in (("Uppfylls", "Upp\u00adfylls"), ("Nämndmål", "Nämnd\u00admål"),
                         ("Beskrivning", "Beskriv\u200bning"), ("inriktningsmål", "inrikt\u00adnings\u00admål"),
                         ("Indikator\t", "Indi\u00adkator\t"), ("Analys", "Ana\u200blys")):
        text = text.replace(word, broken)
    return utf8(text)


def unknown_glyphs(text: str) -> bytes:
    """An icon no exporter used before each assessment ("◉ Uppfylls helt")."""
    return utf8(_ASSESSMENT.sub("\u25c9 ", text))


def labels_on_own_lines(text: str) -> bytes:
    """"KF:s inriktningsmål:" on a line, "1. En modern storstad …" on the next."""
    return utf8(_GOAL_LABEL.sub(lambda m: f"{m['label']}\n{m['rest']}", text))


def front_pages_missing(text: str) -> bytes:
    """Everything before the goals part is gone: no title, no decisions, no contents."""
    parts = list(_GOALS_PART.finditer(text))
    return utf8(text[parts[-1].start():] if parts else text)


DAMAGES = {f.__name__: f for f in (
    tabs_as_spaces, tabs_expanded, wrapped_at_90, page_furniture, utf16, utf16_be_without_bom,
    utf32, mojibake, soft_hyphens, unknown_glyphs, labels_on_own_lines, front_pages_missing)}
