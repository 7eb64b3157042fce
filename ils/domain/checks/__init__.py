"""The consistency checker: what an auditor would question in a report, with its location.

Each module checks one kind of claim against the document's own data: economics arithmetic,
assessments against indicators and child goals, narrative counts against the goal tree,
indicator rows (targets, gender split) and activities (an Avvikelse not described). The internal
control (risk analysis, controls, follow-ups) is checked by `check_internal_control`, on its own
data rather than the document's. Findings are for a person to review, not verdicts.
"""
from __future__ import annotations

from ..model import Document
from .activities import check_activities
from .assessments import check_assessments
from .economy import check_economy
from .findings import Finding, FindingKind
from .indicators import check_indicators
from .internal_control import check_internal_control
from .narrative import check_narrative

__all__ = ["Finding", "FindingKind", "check_document", "check_internal_control"]


def check_document(doc: Document) -> list[Finding]:
    findings = [
        *check_economy(doc), *check_assessments(doc), *check_narrative(doc), *check_indicators(doc),
        *check_activities(doc),
    ]
    return sorted(findings, key=lambda f: (f.line, f.kind.value, f.message))
