"""Goal assessments ("Uppfylls helt / delvis / inte") and the rule that proposes one.

Reports write the assessment in the present tense during the year ("Uppfylls helt") and, in
some annual reports, in the past tense ("Uppfylldes delvis"); exports also misspell it
("Uppfylles"). All forms map onto one of three values.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum

from .targets import IndicatorStatus


class Assessment(StrEnum):
    HELT = "helt"
    DELVIS = "delvis"
    INTE = "inte"

    def label(self, past: bool = False) -> str:
        verb = "Uppfylldes" if past else "Uppfylls"
        return f"{verb} {self.value}"


_ASSESSMENT = re.compile(
    r"^(?:uppfyll(?:s|es|des|des|ts|t)|uppnå(?:s|ddes|tt)|uppnås|nås)\s+"
    r"(?P<degree>helt|delvis|inte|ej)\b",
    re.IGNORECASE,
)


def parse_assessment(text: str) -> Assessment | None:
    """Read an assessment line, ignoring lost or surviving status glyphs in front of it."""
    stripped = text.strip()
    while stripped and not stripped[0].isalnum():  # any glyph, known or not, and its spacing
        stripped = stripped[1:]
    match = _ASSESSMENT.match(stripped)
    if match is None:
        return None
    degree = match.group("degree").lower()
    return Assessment.INTE if degree == "ej" else Assessment(degree)


def propose_assessment(
    indicator_statuses: Iterable[IndicatorStatus],
    activities_with_deviation: int = 0,
    child_assessments: Iterable[Assessment | None] = (),
) -> Assessment | None:
    """Propose an assessment from the evidence under a goal.

    Helt when every measurable indicator is met, no activity deviates and every assessed child
    goal is helt; inte when most measurable indicators are not met or most children are inte;
    delvis otherwise. None when there is no evidence at all.
    """
    statuses = [s for s in indicator_statuses if s is not IndicatorStatus.NOT_MEASURABLE]
    children = [c for c in child_assessments if c is not None]
    if not statuses and not children and not activities_with_deviation:
        return None
    not_met = sum(s is IndicatorStatus.NOT_MET for s in statuses)
    if (statuses and not_met * 2 > len(statuses)) or (
        children and sum(c is Assessment.INTE for c in children) * 2 > len(children)
    ):
        return Assessment.INTE
    all_met = all(s is IndicatorStatus.MET for s in statuses)
    children_helt = all(c is Assessment.HELT for c in children)
    if all_met and children_helt and not activities_with_deviation:
        return Assessment.HELT
    return Assessment.DELVIS
