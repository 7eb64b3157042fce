"""The report as structured data: organisation, periods, goal tree, indicators, activities.

Every extracted item keeps the source line it came from, so a controller can always go back
to the page of the report a value was read from.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from .assessment import Assessment
from .economics import EconomyTable
from .targets import EMPTY_TARGET, Direction, IndicatorStatus, Target, evaluate, infer_direction
from .values import Quantity

if TYPE_CHECKING:
    from .text_template import Part


class DocumentType(StrEnum):
    VERKSAMHETSPLAN = "verksamhetsplan"
    TERTIALRAPPORT = "tertialrapport"
    VERKSAMHETSBERATTELSE = "verksamhetsberattelse"


class Period(StrEnum):
    """The four documents of a budget year, in the order they are written."""

    VP = "VP"
    T1 = "T1"
    T2 = "T2"
    VB = "VB"

    @property
    def label(self) -> str:
        return PERIOD_LABELS[self]


PERIOD_LABELS = {
    Period.VP: "Verksamhetsplan",
    Period.T1: "Tertialrapport 1",
    Period.T2: "Tertialrapport 2",
    Period.VB: "Verksamhetsberättelse",
}


class GoalLevel(StrEnum):
    INRIKTNINGSMAL = "inriktningsmal"  # KF:s inriktningsmål, "1"
    KF_MAL = "kf_mal"  # KF:s mål för verksamhetsområdet, "1.1"
    NAMNDMAL = "namndmal"  # the committee's own goal, "1.1.1"

    @property
    def depth(self) -> int:
        return list(GoalLevel).index(self) + 1

    @property
    def label(self) -> str:
        return {
            GoalLevel.INRIKTNINGSMAL: "KF:s inriktningsmål",
            GoalLevel.KF_MAL: "KF:s mål för verksamhetsområdet",
            GoalLevel.NAMNDMAL: "Nämndmål",
        }[self]


class ActivityStatus(StrEnum):
    GENOMFORD = "genomford"
    PAGAR = "pagar"
    AVVIKELSE = "avvikelse"


@dataclass
class Section:
    """A free-text block under a goal or in the report, with its heading if it had one."""

    heading: str
    text: str
    line: int


@dataclass
class Goal:
    level: GoalLevel
    number: str
    title: str
    line: int
    assessment: Assessment | None = None
    description: str = ""
    expected_results: list[str] = field(default_factory=list)
    analysis: str = ""
    sections: list[Section] = field(default_factory=list)
    icon: str = ""
    analysis_line: int = 0  # where the Analys text starts, for findings that quote it

    @property
    def parent_number(self) -> str | None:
        head, _, _ = self.number.rpartition(".")
        return head or None


def indicator_key(name: str) -> str:
    """A stable identity for an indicator across years and goal structures.

    Goal trees change with political majorities, indicator names survive them; the key ignores
    case, punctuation, spacing and words broken by PDF extraction ("Medskapandeinde x").
    """
    text = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[^0-9a-zåäöéü%]+", "", text)


@dataclass
class IndicatorResult:
    """One indicator as reported under one goal in one document."""

    goal: str
    name: str
    line: int
    kf: bool = False
    outcome: Quantity | None = None
    outcome_men: Quantity | None = None
    outcome_women: Quantity | None = None
    previous: Quantity | None = None
    forecast: Quantity | None = None
    target: Target = EMPTY_TARGET
    kf_target: Target = EMPTY_TARGET
    period: str = ""
    frequency: str = ""
    analysis: str = ""
    icons: str = ""
    # Fields an importer placed by inference (a row that lost its empty cells), for review.
    inferred: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return indicator_key(self.name)

    @property
    def unit(self) -> str:
        for value in (self.outcome, self.forecast, self.previous):
            if value is not None and value.unit:
                return value.unit
        return self.target.unit or self.kf_target.unit

    @property
    def direction(self) -> Direction:
        return infer_direction(self.name, self.target, self.kf_target)

    @property
    def status(self) -> IndicatorStatus:
        """Against the committee's own target: the forecast if given, else the outcome."""
        value = self.forecast or self.outcome
        return evaluate(value, self.target, self.direction)

    @property
    def has_gender_split(self) -> bool:
        return self.outcome_men is not None or self.outcome_women is not None


@dataclass
class Activity:
    goal: str
    text: str
    line: int
    start: date | None = None
    end: date | None = None
    kf_assignment: bool = False
    status: ActivityStatus | None = None
    deviation: str = ""
    analysis: str = ""
    icons: str = ""
    inferred: tuple[str, ...] = ()  # as on IndicatorResult


@dataclass
class Decision:
    """A numbered proposal in "Förslag till beslut", with its amount and the bilaga and economy
    row it concerns (labels, e.g. "Bilaga 2", "Budgetjusteringar: Klimatinvesteringar")."""

    number: int
    text: str
    line: int
    amount: Decimal | None = None
    amount_unit: str = ""
    attachment: str = ""
    economy_row: str = ""

    @property
    def amount_mnkr(self) -> Decimal | None:
        if self.amount is None:
            return None
        factor = {"mnkr": Decimal(1), "tkr": Decimal("0.001"), "kr": Decimal("0.000001"),
                  "kronor": Decimal("0.000001")}[self.amount_unit]
        return self.amount * factor


@dataclass
class Attachment:
    """A bilaga: its label ("Bilaga 3b") and title; an uploaded one also its file's name and kind."""

    label: str
    title: str
    line: int
    file_name: str = ""
    kind: str = ""  # "pdf", "docx", "xlsx"; empty for an imported entry without its file


@dataclass
class Signature:
    """A name and title signing the tjänsteutlåtande (after the decisions, or at its end)."""

    name: str
    title: str
    line: int


@dataclass
class Attestation:
    """A digital approval under "Attesterat av": who approved the report, and when."""

    name: str
    date: date | None
    line: int


@dataclass
class ImportWarning:
    line: int
    message: str


@dataclass
class Document:
    """One report (VP, T1, T2 or VB) of one committee for one budget year."""

    type: DocumentType
    period: Period
    year: int
    committee: str
    title: str = ""
    date: date | None = None
    author: str = ""
    phone: str = ""
    email: str = ""  # the handläggare's e-mail, printed beside the phone
    recipient: str = ""  # "Till": the committee unless the report names another
    reference: str = ""  # diarienummer
    source: str = ""
    summary: str = ""
    case: str = ""  # "Ärendet"
    goals: list[Goal] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    economy: list[EconomyTable] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)  # the texts by the template; empty: not placed yet
    decision_date: date | None = None  # the committee's decision, recorded at lock
    decision_paragraph: str = ""

    def goal(self, number: str) -> Goal | None:
        return next((g for g in self.goals if g.number == number), None)

    def children(self, number: str | None) -> list[Goal]:
        return [g for g in self.goals if g.parent_number == number]

    def indicators_of(self, number: str) -> list[IndicatorResult]:
        return [i for i in self.indicators if i.goal == number]

    def activities_of(self, number: str) -> list[Activity]:
        return [a for a in self.activities if a.goal == number]
