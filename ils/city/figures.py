"""The consolidation as rows ready to show: the page, the city report (HTML/PDF) and the XLSX
all take their figures from here, so they never disagree."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ils.domain.consolidation import AreaTotals, Consolidation, IndicatorComparison
from ils.domain.model import PERIOD_LABELS, Period
from ils.domain.values import format_number

from ils.domain.identifiers import indicator_code

ASSESSMENT_LABELS = {"helt": "Uppfylls helt", "delvis": "Uppfylls delvis", "inte": "Uppfylls inte",
                     "ej bedömd": "Ej bedömd"}
ASSESSMENT_ORDER = ("helt", "delvis", "inte", "ej bedömd")


def in_goal(number: str, goal: str | None) -> bool:
    return not goal or number == goal or number.startswith(goal + ".")


def money(value: Decimal) -> str:
    return format_number(value, 1)


@dataclass
class GoalRow:
    number: str
    title: str
    level: str  # "inriktningsmal" or "kf_mal"
    counts: list[tuple[str, int]]  # (assessment key, count) in ASSESSMENT_ORDER
    cells: list[str]  # per committee: "helt", "delvis", "inte", "" (not assessed) or None (not in report)


@dataclass
class IndicatorRow:
    committee: str
    goal: str
    outcome: str
    women: str
    men: str
    gap: str
    forecast: str
    target: str
    kf_target: str


@dataclass
class IndicatorBlock:
    code: str
    definition_id: int | None
    name: str
    unit: str
    kf_target: str
    rows: list[IndicatorRow] = field(default_factory=list)
    reported: int = 0


@dataclass
class EconomyRowView:
    label: str
    budget: str
    forecast: str
    deviation: str
    negative: bool
    count: int


@dataclass
class CityView:
    year: int
    period: str
    period_label: str
    committees: list[str]
    goal: str | None
    summary: list[tuple[str, str, int]]  # (key, label, count)
    goals: list[GoalRow]
    indicators: list[IndicatorBlock]
    areas: list[EconomyRowView]
    total: EconomyRowView
    by_committee: list[EconomyRowView]


def _text(q) -> str:
    return q.text if q is not None and q.text else (format_number(q.value) if q is not None else "")


def _economy(t: AreaTotals, count: int) -> EconomyRowView:
    return EconomyRowView(t.area, money(t.budget), money(t.forecast), money(t.deviation), t.deviation < 0, count)


def _indicator(c: IndicatorComparison, committees: list[str], definitions: dict[str, int]) -> IndicatorBlock:
    block = IndicatorBlock(indicator_code(c.key), definitions.get(c.key), c.name, c.unit,
                           next((r.kf_target.text for r in c.results.values() if r.kf_target.text), ""))
    for name in committees:
        r = c.results.get(name)
        if r is None:
            continue
        gap = ""
        if r.outcome_women is not None and r.outcome_men is not None:
            gap = format_number(r.outcome_women.value - r.outcome_men.value)
        block.rows.append(IndicatorRow(name, r.goal, _text(r.outcome), _text(r.outcome_women), _text(r.outcome_men),
                                       gap, _text(r.forecast), r.target.text, r.kf_target.text))
        block.reported += r.outcome is not None
    return block


def city_view(c: Consolidation, definitions: dict[str, int], goal: str | None = None) -> CityView:
    goals = []
    for g in c.goals:
        if not in_goal(g.number, goal):
            continue
        counts = g.counts
        goals.append(GoalRow(g.number, g.title, "inriktningsmal" if "." not in g.number else "kf_mal",
                             [(k, counts.get(k, 0)) for k in ASSESSMENT_ORDER],
                             [(g.assessments[n].value if g.assessments[n] else "") if n in g.assessments else None
                              for n in c.committees]))
    indicators = [_indicator(i, c.committees, definitions) for i in c.indicators
                  if not goal or any(in_goal(r.goal, goal) for r in i.results.values())]
    counts = Counter()  # KF goals (1.1, 1.2, ...), not the inriktningsmål above them
    for g in c.goals:
        if "." in g.number and in_goal(g.number, goal):
            counts += g.counts
    return CityView(
        year=c.year, period=c.period, period_label=PERIOD_LABELS[Period(c.period)], committees=c.committees,
        goal=goal, summary=[(k, ASSESSMENT_LABELS[k], counts.get(k, 0)) for k in ASSESSMENT_ORDER],
        goals=goals, indicators=indicators,
        areas=[_economy(a, len(a.committees)) for a in c.areas],
        total=_economy(c.totals, len(c.totals.committees)),
        by_committee=[_economy(c.committee_totals[n], len(c.committee_totals[n].committees))
                      for n in c.committees if n in c.committee_totals])
