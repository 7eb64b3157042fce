"""Assessments the data do not support.

The assessment is a judgement, not a formula, so only clear conflicts are raised: a goal
"helt" while most of its measurable indicators miss their targets, and a goal "helt" above a
child goal that is only "delvis" or "inte".
"""
from __future__ import annotations

from collections.abc import Iterator

from ..assessment import Assessment
from ..model import Document, DocumentType
from ..targets import IndicatorStatus
from .findings import Finding, FindingKind


def check_assessments(doc: Document) -> Iterator[Finding]:
    if doc.type is DocumentType.VERKSAMHETSPLAN:
        return
    past = doc.type is DocumentType.VERKSAMHETSBERATTELSE
    for goal in doc.goals:
        if goal.assessment is not Assessment.HELT:
            continue
        statuses = [i.status for i in doc.indicators_of(goal.number)
                    if i.status is not IndicatorStatus.NOT_MEASURABLE]
        missed = [s for s in statuses if s is not IndicatorStatus.MET]
        if statuses and len(missed) * 2 > len(statuses):
            yield Finding(FindingKind.ASSESSMENT, goal.line,
                          f"Mål {goal.number} bedöms '{goal.assessment.label(past)}' men "
                          f"{len(missed)} av {len(statuses)} mätbara indikatorer når inte årsmålet",
                          goal.number)
        for child in doc.children(goal.number):
            if child.assessment in (Assessment.DELVIS, Assessment.INTE):
                yield Finding(FindingKind.ASSESSMENT, goal.line,
                              f"Mål {goal.number} bedöms '{goal.assessment.label(past)}' men "
                              f"underliggande mål {child.number} bedöms "
                              f"'{child.assessment.label(past)}'", goal.number)
