"""A finding: what does not add up, where, and why it matters."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    ECONOMY = "ekonomi"  # arithmetic in the economics tables
    ASSESSMENT = "bedomning"  # an assessment the data do not support
    NARRATIVE = "berattelse"  # a count or figure in the text that the data contradict
    INDICATOR = "indikator"  # a target or gender split missing or impossible
    INTERNAL_CONTROL = "internkontroll"  # risk scores, treatments and follow-ups of the internal control
    ACTIVITY = "aktivitet"  # an activity's status the follow-up does not explain

    @property
    def label(self) -> str:
        return {"ekonomi": "Ekonomi", "bedomning": "Bedömning", "berattelse": "Text mot data",
                "indikator": "Indikator", "internkontroll": "Intern kontroll",
                "aktivitet": "Aktivitet"}[self.value]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    line: int
    message: str
    goal: str | None = None
