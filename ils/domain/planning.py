"""Planning: next year's verksamhetsplan from this year's documents, and the year's follow-ups
(T1, T2, VB) from its plan or an earlier follow-up. Pure functions from one Document to a new one.

What carries over, and what starts empty:

- next year's VP: the goal tree with every goal's description and expected results; indicators
  with their targets (the value reached this year becomes "utfall föregående år"); activities
  that are not finished, without status, their dates a year later – except KF's assignments:
  those are exactly KF's list for the new year, merged in from the city's definitions.
  Assessments, analyses and outcomes start empty.
- a follow-up (T1, T2, VB): the same goals; indicators with targets and the latest forecast; every
  activity with its status and deviation (true until someone changes them). The period column
  names the new document's period ("Tertial 2 2024"). Outcomes, assessments and analyses are the
  period's own and start empty.
- either: the head's handläggare, telefon, e-post and till, and the signatures (the same people usually
  write and sign the next document); decisions, bilagor, dates, diarienummer and attestations
  belong to the one document and start empty.

KF's part (ils.domain.city) is merged in by ils.persistence.city when the document is stored.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from .document_fields import period_column
from .model import Activity, ActivityStatus, Document, DocumentType, Goal, IndicatorResult, Period

PERIOD_ORDER = list(Period)
DOCUMENT_TYPES = {Period.VP: DocumentType.VERKSAMHETSPLAN, Period.T1: DocumentType.TERTIALRAPPORT,
                  Period.T2: DocumentType.TERTIALRAPPORT, Period.VB: DocumentType.VERKSAMHETSBERATTELSE}


class PlanningError(ValueError):
    """A document that cannot be made from this source."""


def _fresh_goal(goal: Goal) -> Goal:
    return replace(goal, assessment=None, analysis="", sections=[], icon="", analysis_line=0,
                   expected_results=list(goal.expected_results))


def _shift(day: date | None, years: int) -> date | None:
    if day is None or not years:
        return day
    return day.replace(year=day.year + years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _document(source: Document, period: Period, year: int) -> Document:
    return Document(type=DOCUMENT_TYPES[period], period=period, year=year, committee=source.committee,
                    title="",  # the city's title is computed (domain.front_matter.city_title) unless set
                    source=f"skapad från {source.period.label.lower()} {source.year}",
                    author=source.author, phone=source.phone, email=source.email,
                    recipient=source.recipient,
                    signatures=[replace(s, line=0) for s in source.signatures])


def possible_documents(source: Document, existing: set[tuple[int, Period]]) -> list[tuple[int, Period]]:
    """(year, period) of the documents ``source`` may become that do not exist yet: the year's later
    follow-ups and next year's VP."""
    later = [(source.year, p) for p in PERIOD_ORDER[PERIOD_ORDER.index(source.period) + 1:]]
    return [key for key in [*later, (source.year + 1, Period.VP)] if key not in existing]


def next_year_plan(source: Document) -> Document:
    """The committee's VP for the year after ``source``'s (any of that year's documents)."""
    doc = _document(source, Period.VP, source.year + 1)
    doc.goals = [_fresh_goal(g) for g in source.goals]
    doc.indicators = [IndicatorResult(
        goal=i.goal, name=i.name, line=0, kf=i.kf, previous=i.outcome or i.forecast or i.previous,
        target=i.target, kf_target=i.kf_target, frequency=i.frequency) for i in source.indicators]
    doc.activities = [Activity(goal=a.goal, text=a.text, line=0, start=_shift(a.start, 1), end=_shift(a.end, 1),
                               kf_assignment=a.kf_assignment)
                      for a in source.activities if a.status is not ActivityStatus.GENOMFORD and not a.kf_assignment]
    return doc


def follow_up(source: Document, period: Period) -> Document:
    """T1, T2 or VB of ``source``'s year, from its VP or an earlier follow-up."""
    if period is Period.VP or PERIOD_ORDER.index(period) <= PERIOD_ORDER.index(source.period):
        raise PlanningError(f"{period.label} kan inte skapas från {source.period.label.lower()}.")
    doc = _document(source, period, source.year)
    doc.goals = [_fresh_goal(g) for g in source.goals]
    doc.indicators = [IndicatorResult(
        goal=i.goal, name=i.name, line=0, kf=i.kf, previous=i.previous, forecast=i.forecast,
        target=i.target, kf_target=i.kf_target, period=period_column(period, source.year, i.period),
        frequency=i.frequency) for i in source.indicators]
    doc.activities = [replace(a, line=0, analysis="", icons="") for a in source.activities]
    return doc


def create(source: Document, year: int, period: Period) -> Document:
    if (year, period) == (source.year + 1, Period.VP):
        return next_year_plan(source)
    if year == source.year:
        return follow_up(source, period)
    raise PlanningError(f"{period.label} {year} kan inte skapas från {source.period.label.lower()} {source.year}.")
