"""Activities a follow-up reports on without saying enough: a status "Avvikelse" whose deviation is
not described. The app saves such partial work and holds the goal back from review
(`domain.remaining`); an imported report is questioned here."""
from __future__ import annotations

from collections.abc import Iterator
from textwrap import shorten

from ..model import ActivityStatus, Document
from .findings import Finding, FindingKind


def check_activities(doc: Document) -> Iterator[Finding]:
    for activity in doc.activities:
        if activity.status is ActivityStatus.AVVIKELSE and not activity.deviation.strip():
            yield Finding(FindingKind.ACTIVITY, activity.line,
                          f"Aktiviteten \"{shorten(activity.text, 80, placeholder=' …')}\" under mål "
                          f"{activity.goal} har avvikelse men avvikelsen är inte beskriven", activity.goal)
