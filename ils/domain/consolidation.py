"""The city's view: every committee's report for one year and period, side by side.

Consolidation works on domain Documents so the same figures feed the web page, the city
report and the API, whatever database the documents came from. KF goals are matched by
number (the city's goal tree is common to all committees in a year), KF indicators by their
name key (indicator identity survives changes of goal structure).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .assessment import Assessment
from .economics import EconomyTable, RowKind
from .model import Document, GoalLevel, IndicatorResult

# The city's activity areas (verksamhetsområden) and the words that name them in reports.
AREAS = (
    ("Nämnd- och förvaltningsadministration", ("nämnd", "administration")),
    ("Individ- och familjeomsorg", ("individ",)),
    ("Stadsmiljöverksamhet", ("stadsmiljö",)),
    ("Förskoleverksamhet", ("förskol",)),
    ("Äldreomsorg", ("äldreomsorg",)),
    ("Stöd och service till personer med funktionsnedsättning", ("stöd och service", "funktionsneds")),
    ("Barn, kultur och fritid", ("barn, kultur", "kultur och fritid")),
    ("Arbetsmarknadsåtgärder", ("arbetsmarknad",)),
    ("Ekonomiskt bistånd", ("ekonomiskt bistånd",)),
    ("Övrig verksamhet", ("övrig verksamhet",)),
)


def area_of(label: str) -> str | None:
    """The canonical activity area a table row is about, or None."""
    lowered = " ".join(label.lower().replace("-", " ").split())
    for area, words in AREAS:
        if any(lowered.startswith(w.replace("-", " ")) for w in words):
            return area
    return None


@dataclass
class GoalComparison:
    number: str
    title: str
    assessments: dict[str, Assessment | None] = field(default_factory=dict)

    @property
    def counts(self) -> Counter:
        return Counter(a.value if a else "ej bedömd" for a in self.assessments.values())


@dataclass
class IndicatorComparison:
    key: str
    name: str
    results: dict[str, IndicatorResult] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        return next((r.unit for r in self.results.values() if r.unit), "")

    def gender_gaps(self) -> dict[str, Decimal]:
        """Women's outcome less men's, per committee that reports both."""
        return {c: r.outcome_women.value - r.outcome_men.value for c, r in self.results.items()
                if r.outcome_women is not None and r.outcome_men is not None}


@dataclass
class AreaTotals:
    area: str
    budget: Decimal = Decimal(0)
    forecast: Decimal = Decimal(0)
    deviation: Decimal = Decimal(0)
    committees: set[str] = field(default_factory=set)


@dataclass
class Consolidation:
    year: int
    period: str
    committees: list[str]
    goals: list[GoalComparison]
    indicators: list[IndicatorComparison]
    areas: list[AreaTotals]
    # Each committee's sums over its activity areas (budget, forecast, deviation), by committee name.
    committee_totals: dict[str, AreaTotals] = field(default_factory=dict)

    @property
    def assessment_counts(self) -> Counter:
        """Every committee's assessment of every KF goal, counted: helt / delvis / inte / ej bedömd."""
        return sum((g.counts for g in self.goals), Counter())

    @property
    def totals(self) -> AreaTotals:
        """The city's sums over every activity area."""
        total = AreaTotals("Totalt")
        for area in self.areas:
            total.budget += area.budget
            total.forecast += area.forecast
            total.deviation += area.deviation
            total.committees |= area.committees
        return total


def area_table(doc: Document) -> EconomyTable | None:
    """The operating budget per activity area: the table naming the most areas."""
    best, best_count = None, 2
    for table in doc.economy:
        if table.unit != "mnkr":
            continue
        count = len({area_of(r.label) for r in table.rows if r.kind is RowKind.DATA} - {None})
        if count > best_count:
            best, best_count = table, count
    return best


def _column(table: EconomyTable, *words: str) -> int | None:
    for word in words:
        for index, column in enumerate(table.columns):
            if column.lower().startswith(word):
                return index
    return None


def area_figures(table: EconomyTable) -> dict[str, tuple[Decimal | None, Decimal | None, Decimal | None]]:
    """(budget, forecast or outcome, deviation) per area from one committee's area table."""
    budget = _column(table, "budget (netto)", "budget", "vp ")
    forecast = None
    for index, column in enumerate(table.columns):
        if column.lower().startswith(("prognos", "bokslut", "utfall")):
            forecast = index  # the last one: "efter resultatöverföringar" where there are two
    deviation = _column(table, "avvikelse")
    figures = {}
    for row in table.rows:
        area = area_of(row.label)
        if area is None or row.kind is not RowKind.DATA or area in figures:
            continue

        def value(index):
            return row.values[index] if index is not None and index < len(row.values) else None

        figures[area] = (value(budget), value(forecast), value(deviation))
    return figures


def consolidate(documents: Iterable[Document]) -> Consolidation:
    """Compare committees' documents of one year and period (mixing them is a caller error)."""
    docs = sorted(documents, key=lambda d: d.committee)
    if not docs:
        raise ValueError("inga dokument att sammanställa")
    keys = {(d.year, d.period) for d in docs}
    if len(keys) > 1:
        raise ValueError(f"dokumenten gäller olika år eller perioder: {sorted(keys)}")
    goals: dict[str, GoalComparison] = {}
    indicators: dict[str, IndicatorComparison] = {}
    areas = {name: AreaTotals(name) for name, _ in AREAS}
    committee_totals: dict[str, AreaTotals] = {}
    for doc in docs:
        for goal in doc.goals:
            if goal.level is GoalLevel.NAMNDMAL:
                continue
            comparison = goals.setdefault(goal.number, GoalComparison(goal.number, goal.title))
            comparison.assessments[doc.committee] = goal.assessment
        for indicator in doc.indicators:
            if not indicator.kf:
                continue
            comparison = indicators.setdefault(indicator.key, IndicatorComparison(indicator.key, indicator.name))
            comparison.results.setdefault(doc.committee, indicator)
        table = area_table(doc)
        for area, (budget, forecast, deviation) in (area_figures(table) if table else {}).items():
            totals = areas[area]
            totals.committees.add(doc.committee)
            totals.budget += budget if budget is not None else 0
            totals.forecast += forecast if forecast is not None else 0
            totals.deviation += deviation if deviation is not None else 0
            own = committee_totals.setdefault(doc.committee, AreaTotals(doc.committee))
            own.committees.add(area)
            own.budget += budget if budget is not None else 0
            own.forecast += forecast if forecast is not None else 0
            own.deviation += deviation if deviation is not None else 0
    year, period = keys.pop()
    return Consolidation(
        year=year, period=period.value, committees=[d.committee for d in docs],
        goals=sorted(goals.values(), key=lambda g: [int(p) for p in g.number.split(".")]),
        indicators=sorted(indicators.values(), key=lambda i: i.name.lower()),
        areas=[a for a in areas.values() if a.committees],
        committee_totals=committee_totals,
    )
