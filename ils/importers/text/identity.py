"""Type, period and year of a report whose front pages are missing, from what the rest says.

The tables tell most: a plan's indicator tables have a frequency column and KF's target "år
2025"; a tertial report's have a forecast column and periods "Tertial 1 2024"; an annual
report's have outcomes but no forecast. The prose confirms ("i samband med tertialrapport 2").
"""
from __future__ import annotations

import re
from collections import Counter

from ils.domain.model import Document, DocumentType, Period

_TERTIAL_PERIOD = re.compile(r"^Tertial\s+(?P<n>[123])\s+(?P<year>(?:19|20)\d\d)$", re.I)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_KF_TARGET_YEAR = re.compile(r"KF:s\s+[aå]rsm[aå]l\s+[aå]r\s+(?P<year>(?:19|20)\d\d)", re.I)
_PREVIOUS_YEAR = re.compile(r"\bVB\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_MENTION = re.compile(r"\btertialrapport\s+(?P<n>[12])\b", re.I)


def infer_identity(doc: Document, columns: set[str], headers: list[str], texts: list[str]
                   ) -> tuple[DocumentType, Period, int, str] | None:
    """(type, period, year, reason) from the goal tables and text, or None if they say too little."""
    tertials = Counter()
    years = Counter()
    for indicator in doc.indicators:
        if match := _TERTIAL_PERIOD.match(indicator.period.strip()):
            tertials[int(match["n"])] += 1
            years[int(match["year"])] += 1
        elif _YEAR_ONLY.match(indicator.period.strip()):
            years[int(indicator.period)] += 1
    header_text = " ".join(headers)
    if "frequency" in columns and "outcome" not in columns:
        match = _KF_TARGET_YEAR.search(header_text)
        year = int(match["year"]) if match else (years.most_common(1)[0][0] if years else None)
        if year is None:
            return None
        return DocumentType.VERKSAMHETSPLAN, Period.VP, year, "indikatortabellerna har periodicitet men inget utfall"
    if match := _PREVIOUS_YEAR.search(header_text):
        years[int(match["year"]) + 1] += 1000  # "Utfall VB 2023" stands in every table of 2024
    if not years:
        return None
    year = years.most_common(1)[0][0]
    if "forecast" in columns:
        mentions = Counter(int(m["n"]) for text in texts for m in _MENTION.finditer(text))
        number = max(tertials) if tertials else (mentions.most_common(1)[0][0] if mentions else None)
        if number is None:
            return None
        period = Period.T2 if number == 2 else Period.T1
        said = f"perioden 'Tertial {number} {year}'" if tertials else f"texten nämner tertialrapport {number}"
        return DocumentType.TERTIALRAPPORT, period, year, f"indikatortabellerna har prognos och {said}"
    return DocumentType.VERKSAMHETSBERATTELSE, Period.VB, year, "indikatortabellerna har utfall men ingen prognos"
