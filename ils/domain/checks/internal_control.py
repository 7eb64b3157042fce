"""Internal control that does not add up: what an auditor (or CISO Assistant's x-rays) would question.

- a risk not assessed, or whose value or level does not follow from its scores on the year's frozen matrix;
- a risk at a level that needs treatment with neither control, action nor motivated acceptance;
- a control the VB never follows up (only once the VB is being written);
- a risk whose level fell since last year without any control or action behind it.
The line of a finding is the risk's or control's row number in the plan (1-based).
"""
from __future__ import annotations

from collections.abc import Iterator

from ..internal_control import Analysis, MatrixError, Treatment
from ..values import format_number
from .findings import Finding, FindingKind


def check_internal_control(analysis: Analysis, vb_started: bool = False) -> list[Finding]:
    findings = [*_scores(analysis), *_untreated(analysis), *_level_fell(analysis)]
    if vb_started:
        findings.extend(_not_followed_up(analysis))
    return findings


def _row(analysis: Analysis, risk) -> int:
    return analysis.risks.index(risk) + 1


def _scores(analysis: Analysis) -> Iterator[Finding]:
    matrix = analysis.matrix
    for risk in analysis.risks:
        name = f"Risken '{risk.description[:60]}'"
        if risk.probability is None or risk.consequence is None:
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk),
                          f"{name} saknar bedömning av sannolikhet och konsekvens")
            continue
        try:
            where = matrix.assess(risk.probability, risk.consequence)
        except MatrixError as error:
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk), f"{name}: {error}")
            continue
        if risk.value != where.value:
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk),
                          f"{name} har riskvärde {format_number(risk.value)} men sannolikhet "
                          f"{format_number(risk.probability)} och konsekvens {format_number(risk.consequence)} "
                          f"ger {format_number(where.value)}")
        elif risk.level != where.level:
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk),
                          f"{name} har nivån {_level_name(analysis, risk.level)} men matrisen ger "
                          f"{matrix.levels[where.level].name}")


def _level_name(analysis: Analysis, index: int) -> str:
    levels = analysis.matrix.levels
    return levels[index].name if 0 <= index < len(levels) else f"nr {index + 1}"


def _untreated(analysis: Analysis) -> Iterator[Finding]:
    for risk in analysis.risks:
        if risk.level is None or not 0 <= risk.level < len(analysis.matrix.levels) or not analysis.matrix.levels[risk.level].needs_treatment:
            continue
        treated = (bool(analysis.controls_of(risk)) or bool(risk.action.strip())
                   or (risk.treatment is Treatment.ACCEPTANCE and bool(risk.motivation.strip())))
        if not treated:
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk),
                          f"Risken '{risk.description[:60]}' har nivån {_level_name(analysis, risk.level)} men "
                          "varken kontrollmoment, åtgärd eller motiverad acceptans")


def _not_followed_up(analysis: Analysis) -> Iterator[Finding]:
    for row, control in enumerate(analysis.controls, 1):
        follow_up = analysis.follow_up(control, "VB")
        if follow_up is None or follow_up.carried_out is None:
            yield Finding(FindingKind.INTERNAL_CONTROL, row,
                          f"Kontrollmomentet '{control.what[:60]}' är inte uppföljt i verksamhetsberättelsen")


def _level_fell(analysis: Analysis) -> Iterator[Finding]:
    for risk in analysis.risks:
        if risk.previous_level is None or risk.level is None or risk.level >= risk.previous_level:
            continue
        if not analysis.controls_of(risk) and not risk.action.strip():
            yield Finding(FindingKind.INTERNAL_CONTROL, _row(analysis, risk),
                          f"Risken '{risk.description[:60]}' har sänkts från {_level_name(analysis, risk.previous_level)} "
                          f"till {_level_name(analysis, risk.level)} utan kontrollmoment eller åtgärd")
