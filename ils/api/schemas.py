"""The API's JSON shapes (OpenAPI schemas). Quantities come as a number and as the text the
report prints ("38,2 %"), since the text carries the unit and the decimals the committee wrote."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Field, Schema

from ils.domain.workflow import Status

PeriodCode = Literal["VP", "T1", "T2", "VB"]
StatusCode = Literal[tuple(status.value for status in Status)]
# A committee's slug as in the web addresses ("sodermalms-stadsdelsnamnd").
Slug = Annotated[str, Field(pattern=r"^[-a-z0-9]+$", max_length=100)]
AssessmentCode = Literal["helt", "delvis", "inte"]


class ReportOut(Schema):
    id: int
    code: str = Field(description="stabil identifierare: nämnd, år och period")
    committee: str
    committee_slug: str
    year: int
    period: PeriodCode
    type: str
    title: str
    status: str
    date: date | None


class GoalOut(Schema):
    id: int
    report_id: int
    number: str
    parent_number: str | None
    level: str
    title: str
    assessment: AssessmentCode | None
    description: str
    analysis: str
    status: str
    version: int


class IndicatorValueOut(Schema):
    id: int
    report_id: int
    goal_number: str
    indicator_code: str = Field(description="indikatorns stabila identifierare, densamma alla år")
    definition_id: int
    name: str
    kf: bool
    unit: str
    outcome: float | None
    outcome_text: str
    outcome_men: float | None
    outcome_men_text: str
    outcome_women: float | None
    outcome_women_text: str
    previous: float | None
    previous_text: str
    forecast: float | None
    forecast_text: str
    target: float | None
    target_text: str
    kf_target: float | None
    kf_target_text: str
    period: str
    frequency: str
    analysis: str
    version: int


class ActivityOut(Schema):
    id: int
    report_id: int
    goal_number: str
    text: str
    start: date | None
    end: date | None
    kf_assignment: bool
    status: str
    deviation: str
    analysis: str
    version: int


class EconomyRowOut(Schema):
    label: str
    kind: str
    values: list[float | None]


class EconomyTableOut(Schema):
    title: str
    section: str
    unit: str
    columns: list[str]
    rows: list[EconomyRowOut]


class IndicatorDefinitionOut(Schema):
    id: int
    code: str
    name: str
    unit: str
    direction: str
    kf: bool


class OutcomeHistoryOut(Schema):
    report_id: int
    report_code: str
    committee: str
    year: int
    period: PeriodCode
    goal_number: str
    outcome: float | None
    outcome_text: str
    outcome_men: float | None
    outcome_women: float | None
    forecast: float | None
    target_text: str
    kf_target_text: str


class AssessmentCounts(Schema):
    helt: int
    delvis: int
    inte: int
    ej_bedomd: int


class GoalComparisonOut(Schema):
    number: str
    title: str
    counts: AssessmentCounts
    assessments: dict[str, AssessmentCode | None]


class CommitteeOutcomeOut(Schema):
    committee: str
    outcome: float | None
    outcome_text: str
    outcome_men: float | None
    outcome_women: float | None
    target_text: str
    kf_target_text: str


class IndicatorComparisonOut(Schema):
    code: str
    name: str
    unit: str
    results: list[CommitteeOutcomeOut]


class AreaOut(Schema):
    area: str
    budget: float
    forecast: float
    deviation: float
    committees: list[str]


class ConsolidationOut(Schema):
    year: int
    period: PeriodCode
    committees: list[str]
    goals: list[GoalComparisonOut]
    indicators: list[IndicatorComparisonOut]
    areas: list[AreaOut]
    total: AreaOut


Quantity = str | float | None


class OutcomeIn(Schema):
    """One indicator value to change. Leave a field out to keep it; send "" to clear it.

    Name the indicator value by `id`, or by `committee` (slug or name), `year`, `period`,
    `indicator` (its code "I…", its name or its definition id) and, if needed, `goal`."""

    id: int | None = Field(None, ge=1, le=2**62)
    committee: str | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    period: str | None = None
    indicator: str | None = None
    goal: str | None = None
    version: int | None = Field(None, ge=0, le=2**31, description="versionen du utgår från; ändrad sedan dess ger 409")
    outcome: Quantity = None
    outcome_men: Quantity = None
    outcome_women: Quantity = None
    forecast: Quantity = None
    analysis: str | None = None


class OutcomesIn(Schema):
    items: list[OutcomeIn] = Field(..., min_length=1, max_length=5000)
    note: str = Field("", max_length=1000, pattern=r"^[^\x00]*$")


class RowErrorOut(Schema):
    row: int
    problem: str
    code: str
    column: str


class PlannedRowOut(Schema):
    row: int
    id: int
    committee: str
    year: int
    period: str
    goal_number: str
    name: str
    before: dict[str, str]
    after: dict[str, str]


class OutcomesResult(Schema):
    written: int
    rows: list[PlannedRowOut]
    errors: list[RowErrorOut]


class ErrorOut(Schema):
    detail: str
    errors: list[RowErrorOut] = []
