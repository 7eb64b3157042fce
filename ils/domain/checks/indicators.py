"""Indicator rows: missing targets, missing gender split, totals the split makes impossible."""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Document, DocumentType
from ..targets import TargetKind
from .findings import Finding, FindingKind

# Indicators about people should be reported for women and men (Stockholm's rule for
# individ-based statistics): "Andel/Antal", perhaps an adjective, then a noun for people.
# Ratios "per" something, and indicators already about one gender, are exempt.
_INDIVIDUALS = re.compile(
    r"^(?:andel(?:en)?|antal(?:et)?)\s+(?:\S+\s+)?(?:personer|barn|elever|ungdomar|unga|"
    r"brukare|omsorgstagare|föräldrar|vårdnadshavare|invånare|stockholmare|medarbetare|anställda|"
    r"deltagare|äldre|klienter|hemtjänsttagare|biståndsmottagare)\b", re.IGNORECASE)
_ONE_GENDER = re.compile(r"\b(kvinnor|män|flickor|pojkar)\b", re.IGNORECASE)


def _half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal: 0,005 for "0,36", 0,5 for "81"."""
    return Decimal(5).scaleb(min(value.as_tuple().exponent, 0) - 1)


def check_indicators(doc: Document) -> Iterator[Finding]:
    follow_up = doc.type is not DocumentType.VERKSAMHETSPLAN
    for indicator in doc.indicators:
        where = f"Indikatorn '{indicator.name}' (mål {indicator.goal})"
        if indicator.target.kind is TargetKind.EMPTY:
            kf = f"; KF:s årsmål: {indicator.kf_target.text}" if indicator.kf_target.text else ""
            yield Finding(FindingKind.INDICATOR, indicator.line, f"{where} saknar årsmål{kf}",
                          indicator.goal)
        if not follow_up or indicator.outcome is None:
            continue
        name = indicator.name
        individual = (_INDIVIDUALS.search(name) and " per " not in name.lower()
                      and not _ONE_GENDER.search(name))
        if individual and not indicator.has_gender_split:
            yield Finding(FindingKind.INDICATOR, indicator.line,
                          f"{where} gäller personer men redovisas inte uppdelat på kvinnor och män",
                          indicator.goal)
        men, women, total = indicator.outcome_men, indicator.outcome_women, indicator.outcome
        if men is None or women is None or not total.unit == men.unit == women.unit:
            continue
        low, high = sorted((men.value, women.value))
        rounding = max(_half_unit(q.value) for q in (total, men, women))
        additive = abs(men.value + women.value - total.value) <= 3 * rounding
        if not additive and not low - 2 * rounding <= total.value <= high + 2 * rounding:
            yield Finding(FindingKind.INDICATOR, indicator.line,
                          f"{where}: utfallet {total} ligger utanför utfallen för män ({men}) och "
                          f"kvinnor ({women}), vilket inte är möjligt för ett viktat medelvärde",
                          indicator.goal)
