"""What each document asks for, and the planning rules that hold whichever adapter writes.

A verksamhetsplan plans: goals with description and expected results, indicators with unit,
direction, periodicity and årsmål, activities with dates. A tertial report follows up: period
outcomes (men and women), the full-year forecast and an assessment that is a forecast. The
verksamhetsberättelse reports the year's outcomes and assesses in the past tense. The forms, the
API and the services all ask here, so no path offers an outcome in a plan.
"""
from __future__ import annotations

import re
from datetime import date

from .model import DocumentType, Period
from .targets import Direction, Target, TargetKind, parse_target
from .values import parse_quantity

PLAN = Period.VP
FOLLOW_UPS = (Period.T1, Period.T2, Period.VB)

# Indicator fields the person fills in, per document; men before women, as the city's tables print them.
INDICATOR_FIELDS: dict[Period, tuple[str, ...]] = {
    Period.VP: ("target", "frequency"),
    Period.T1: ("outcome", "outcome_men", "outcome_women", "forecast", "analysis"),
    Period.T2: ("outcome", "outcome_men", "outcome_women", "forecast", "analysis"),
    Period.VB: ("outcome", "outcome_men", "outcome_women", "analysis"),
}
GOAL_FIELDS: dict[Period, tuple[str, ...]] = {
    Period.VP: ("title", "description", "expected_results"),
    Period.T1: ("analysis", "assessment", "assessment_reason"),
    Period.T2: ("analysis", "assessment", "assessment_reason"),
    Period.VB: ("analysis", "assessment", "assessment_reason"),
}
ACTIVITY_FIELDS: dict[Period, tuple[str, ...]] = {
    Period.VP: ("text", "start", "end"),
    Period.T1: ("status", "deviation", "analysis"),
    Period.T2: ("status", "deviation", "analysis"),
    Period.VB: ("status", "deviation", "analysis"),
}

# The wording of the form that depends on the document: a tertial's assessment is a forecast.
ASSESSMENT_HELP = {
    Period.T1: "Prognos: uppfylls målet för helåret?",
    Period.T2: "Prognos: uppfylls målet för helåret?",
    Period.VB: "Året som gått: uppfylldes målet?",
}
OUTCOME_LABELS = {Period.T1: "Periodens utfall", Period.T2: "Periodens utfall", Period.VB: "Årets utfall"}

FREQUENCIES = ("Tertial", "Halvår", "År", "Månad", "Kvartal", "Vartannat år")

DIRECTION_LABELS = {
    Direction.HIGHER_IS_BETTER: "Högre är bättre",
    Direction.LOWER_IS_BETTER: "Lägre är bättre",
    Direction.WITHIN_RANGE: "Inom ett intervall",
    Direction.UNKNOWN: "Ej angiven",
}

# Target kinds a committee chooses from, with how the target is written; the value is the number.
TARGET_KINDS: dict[TargetKind, str] = {
    TargetKind.NUMBER: "Tal",
    TargetKind.INCREASE: "Ökning",
    TargetKind.DECREASE: "Minskning",
    TargetKind.MAX: "Max (högst)",
    TargetKind.MIN: "Minst",
    TargetKind.TOLERANCE: "+/- (intervall)",
    TargetKind.SET_BY_COMMITTEE: "Tas fram av nämnd",
    TargetKind.TO_BE_SET: "Fastställs år",
    TargetKind.TEXT: "Text",
    TargetKind.EMPTY: "Inget årsmål",
}
NEEDS_NUMBER = frozenset({TargetKind.NUMBER, TargetKind.MAX, TargetKind.MIN, TargetKind.TOLERANCE})

MAX_TEXT = 200


class PlanningInputError(ValueError):
    """Bad planning input: the Swedish message and the field it concerns."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(message)


def is_plan(period: Period) -> bool:
    return period is PLAN


def document_type(period: Period) -> DocumentType:
    return {Period.VP: DocumentType.VERKSAMHETSPLAN, Period.VB: DocumentType.VERKSAMHETSBERATTELSE}.get(
        period, DocumentType.TERTIALRAPPORT)


def period_column(period: Period, year: int, before: str = "") -> str:
    """The indicator table's "Period" cell of a follow-up: "Tertial 2 2024", "VB 2024"; a plan has
    none. An indicator measured once a year says the year ("2024") in every document of it."""
    if re.fullmatch(r"(19|20)\d\d", before.strip()):
        return str(year)
    return {Period.T1: f"Tertial 1 {year}", Period.T2: f"Tertial 2 {year}", Period.VB: f"VB {year}"}.get(period, "")


def build_target(kind: TargetKind, value: str = "", year: int | None = None, field: str = "target") -> Target:
    """The årsmål a committee chose, written as the city's reports write it ("Max 10 st", "+/- 1 %").

    ``value`` is the number with its unit for the numeric kinds, the text for TEXT, the year for
    TO_BE_SET; a number where none is needed is refused, as is a missing one."""
    value = " ".join((value or "").split())
    if len(value) > MAX_TEXT:
        raise PlanningInputError(field, f"Årsmålet får vara högst {MAX_TEXT} tecken.")
    if kind in NEEDS_NUMBER:
        quantity = parse_quantity(value)
        if quantity is None:
            raise PlanningInputError(field, "Årsmålet ska vara ett tal, till exempel 38,2 % eller 1 200.")
        text = {TargetKind.NUMBER: "{}", TargetKind.MAX: "Max {}", TargetKind.MIN: "Minst {}",
                TargetKind.TOLERANCE: "+/- {}"}[kind].format(value)
        return parse_target(text)
    if kind is TargetKind.TO_BE_SET:
        chosen = value or (str(year) if year else "")
        if not re.fullmatch(r"(19|20)\d\d", chosen):
            raise PlanningInputError(field, "Ange vilket år årsmålet fastställs, till exempel 2026.")
        return parse_target(f"Fastställs {chosen}")
    if kind is TargetKind.TEXT:
        if not value:
            raise PlanningInputError(field, "Skriv årsmålet som text.")
        target = parse_target(value)
        return target if target.kind is TargetKind.TEXT else Target(TargetKind.TEXT, value)
    if value and kind is not TargetKind.EMPTY:
        raise PlanningInputError(field, f"Årsmålet '{TARGET_KINDS[kind]}' har inget värde; lämna fältet tomt.")
    return parse_target({TargetKind.INCREASE: "Ökning", TargetKind.DECREASE: "Minskning",
                         TargetKind.SET_BY_COMMITTEE: "Tas fram av nämnd", TargetKind.EMPTY: ""}[kind])


def target_input(target: Target) -> str:
    """The value part of a stored target, for the form ("10 st" of "Max 10 st")."""
    if target.kind in (TargetKind.MAX, TargetKind.MIN, TargetKind.TOLERANCE):
        return re.sub(r"^(max(?:imalt)?|högst|min(?:st|imum)?|lägst)\.?\s+|^\+\s*/\s*-\s*", "", target.text,
                      flags=re.I)
    if target.kind is TargetKind.TO_BE_SET:
        return str(target.year or "")
    if target.kind in (TargetKind.NUMBER, TargetKind.TEXT):
        return target.text
    return ""


def check_dates(start: date | None, end: date | None, year: int) -> None:
    """An activity of a year's documents runs during that year, the start first: it may have begun
    earlier or continue later (the city's plans carry such activities), but one that ends before the
    year or starts after it is not the year's. Either date may be missing."""
    if start is not None and start > date(year, 12, 31):
        raise PlanningInputError("start", f"Startdatum ska vara senast 31 december {year}: aktiviteten ska "
                                 f"pågå under {year}.")
    if end is not None and end < date(year, 1, 1):
        raise PlanningInputError("end", f"Slutdatum ska vara tidigast 1 januari {year}: aktiviteten ska "
                                 f"pågå under {year}.")
    if start and end and end < start:
        raise PlanningInputError("end", "Slutdatum ska vara samma dag som startdatum eller senare.")


def goal_numbers(parent: str, count: int) -> list[str]:
    """The numbers of a KF goal's nämndmål in their order: 1.2.1, 1.2.2, …"""
    return [f"{parent}.{n}" for n in range(1, count + 1)]


def target_change_decision(indicator: str, goal: str, before: str, after: str) -> str:
    """The decision item a changed årsmål in a follow-up becomes, as the real T1's decisions 8–9 say it."""
    was = f" från {before}" if before else ""
    return (f"Nämnden godkänner ändrat årsmål på indikator under nämndmål {goal}: "
            f"{indicator}{was} till {after or 'inget årsmål'}.")
