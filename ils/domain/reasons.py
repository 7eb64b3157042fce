"""When a person must write why: the rules behind "motivera" in the edit forms.

A goal assessed otherwise than the evidence proposes needs a reason, and so does an indicator
whose value misses its target (the analysis is where the committee explains it).
"""
from __future__ import annotations

from .assessment import Assessment
from .targets import IndicatorStatus


def assessment_needs_reason(chosen: Assessment | None, proposed: Assessment | None) -> bool:
    return chosen is not None and proposed is not None and chosen is not proposed


def indicator_needs_analysis(status: IndicatorStatus) -> bool:
    return status in (IndicatorStatus.NOT_MET, IndicatorStatus.PARTLY_MET)
