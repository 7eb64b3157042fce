"""A generated city for benchmarks: committees x years x periods x indicators, deterministic.

Real structure, synthetic numbers: the KF goal tree and KF indicators are shared by all
committees of a year (as the city council decides them once), every committee adds its own
nämndmål, indicators and activities, and outcomes follow a trend with noise so charts and
comparisons look like a real city's.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from ils.domain.assessment import Assessment
from ils.domain.economics import EconomyRow, EconomyTable, RowKind
from ils.domain.model import Activity, Document, DocumentType, Goal, GoalLevel, IndicatorResult, Period
from ils.domain.targets import parse_target
from ils.domain.values import Quantity, format_number

from ..domain.consolidation import AREAS

DISTRICTS = ["Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen",
             "Norrmalm", "Östermalm", "Södermalm", "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta",
             "Älvsjö", "Hägersten-Liljeholmen", "Skärholmen"]
SPECIALISTS = ["Socialnämnden", "Äldrenämnden", "Utbildningsnämnden", "Arbetsmarknadsnämnden",
               "Kulturnämnden", "Idrottsnämnden", "Miljö- och hälsoskyddsnämnden", "Trafiknämnden",
               "Exploateringsnämnden", "Fastighetsnämnden", "Stadsbyggnadsnämnden",
               "Servicenämnden", "Kommunstyrelsen", "Överförmyndarnämnden", "Valnämnden",
               "Förskolenämnden"]
_IM = ["Ett Stockholm som håller samman", "Ett grönt och fossilfritt Stockholm",
       "Ett Stockholm med en stabil och hållbar ekonomi"]
_SUBJECTS = ["barn", "unga", "äldre", "brukare", "medarbetare", "invånare", "föräldrar", "elever"]
_MEASURES = ["som är nöjda med verksamheten", "som känner sig trygga", "som fått stöd i tid",
             "som deltar i aktiviteter", "som upplever inflytande", "med hög måluppfyllelse"]


def committees(count: int) -> list[str]:
    names = [f"{d} stadsdelsnämnd" for d in DISTRICTS] + SPECIALISTS
    return [names[i] if i < len(names) else f"Nämnd {i + 1}" for i in range(count)]


def _kf_tree(year: int) -> list[Goal]:
    goals = []
    for im, title in enumerate(_IM, start=1):
        goals.append(Goal(GoalLevel.INRIKTNINGSMAL, str(im), title, 0))
        for kf in range(1, 6 if im != 2 else 5):
            goals.append(Goal(GoalLevel.KF_MAL, f"{im}.{kf}", f"KF:s mål {im}.{kf} för {year}", 0))
    return goals


def _q(value: float, unit: str = "%") -> Quantity:
    number = Decimal(str(round(value, 1)))
    return Quantity(number, unit, f"{format_number(number)} {unit}".strip())


def generate_document(committee: str, year: int, period: Period, indicators: int = 150,
                      seed: int = 0) -> Document:
    """One committee's report; the same arguments always give the same document."""
    rng = random.Random(f"{seed}:{committee}:{year}:{period.value}")
    shape = random.Random(f"{seed}:{committee}")  # structure stable across years and periods
    plan = period is Period.VP
    doc_type = {Period.VP: DocumentType.VERKSAMHETSPLAN, Period.VB: DocumentType.VERKSAMHETSBERATTELSE}.get(
        period, DocumentType.TERTIALRAPPORT)
    doc = Document(doc_type, period, year, committee,
                   title=f"{period.label} {year} för {committee}",
                   date=date(year - 1 if plan else year, {Period.VP: 12, Period.T1: 5, Period.T2: 9,
                                                           Period.VB: 2}[period], 15))
    kf_goals = _kf_tree(year)
    for goal in kf_goals:
        doc.goals.append(goal)
        if goal.level is GoalLevel.KF_MAL:
            for k in range(1, shape.randint(1, 3) + 1):
                doc.goals.append(Goal(GoalLevel.NAMNDMAL, f"{goal.number}.{k}",
                                      f"{committee}s mål {goal.number}.{k}", 0))
    kf_numbers = [g.number for g in kf_goals if g.level is GoalLevel.KF_MAL]
    own_numbers = [g.number for g in doc.goals if g.level is GoalLevel.NAMNDMAL]
    progress = {Period.VP: 0.0, Period.T1: 0.33, Period.T2: 0.67, Period.VB: 1.0}[period]
    for n in range(indicators):
        kf = n < indicators * 2 // 3
        name = (f"Andel {_SUBJECTS[n % len(_SUBJECTS)]} {_MEASURES[n % len(_MEASURES)]} ({n + 1})"
                if kf else f"{committee}: andel genomförda insatser ({n + 1})")
        goal = kf_numbers[n % len(kf_numbers)] if kf else own_numbers[n % len(own_numbers)]
        base = 50 + (n * 7) % 40 + (year - 2020) * 0.8
        target = round(base + 3)
        indicator = IndicatorResult(goal=goal, name=name, line=0, kf=kf,
                                    target=parse_target(f"{target} %"),
                                    kf_target=parse_target(f"{target + 2} %" if kf else ""),
                                    frequency="Tertial" if n % 3 == 0 else "År")
        if not plan:
            outcome = base + rng.gauss(0, 4)
            indicator.outcome = _q(outcome)
            indicator.outcome_women = _q(outcome + rng.uniform(-6, 6))
            indicator.outcome_men = _q(outcome + rng.uniform(-6, 6))
            indicator.previous = _q(base - 0.8 + rng.gauss(0, 3))
            if period is not Period.VB:
                indicator.forecast = _q(outcome + rng.uniform(-2, 4))
            indicator.period = f"Tertial {progress * 3:.0f} {year}" if period in (Period.T1, Period.T2) else str(year)
            indicator.analysis = f"Utfallet för {name.lower()} följer planen för {year}."
        doc.indicators.append(indicator)
    for n, number in enumerate(kf_numbers + own_numbers):
        done = rng.random() < progress
        doc.activities.append(Activity(number, f"Aktivitet {n + 1} under mål {number}", 0,
                                       start=date(year, 1, 1), end=date(year, 12, 31),
                                       kf_assignment=number in kf_numbers))
        if not plan and done:
            doc.activities[-1].analysis = "Genomförd enligt plan."
    if not plan:
        for goal in doc.goals:
            goal.assessment = rng.choices(list(Assessment), weights=(7, 3, 1))[0]
            goal.analysis = f"Förvaltningen bedömer att målet uppfylls {goal.assessment.value}."
    doc.economy.append(_area_table(committee, year, rng, shape))
    return doc


def _area_table(committee: str, year: int, rng: random.Random, shape: random.Random) -> EconomyTable:
    rows, totals = [], [Decimal(0)] * 3
    for area, _ in AREAS:
        budget = Decimal(str(round(shape.uniform(20, 1400) * (1 + (year - 2020) * 0.03), 1)))
        forecast = (budget * Decimal(str(round(rng.uniform(0.97, 1.02), 3)))).quantize(Decimal("0.1"))
        values = [budget, forecast, budget - forecast]
        totals = [t + v for t, v in zip(totals, values)]
        rows.append(EconomyRow(area, values, 0))
    rows.append(EconomyRow("Totalt", totals, 0, RowKind.TOTAL))
    return EconomyTable("Uppföljning av driftbudget", ["Budget", "Prognos", "Avvikelse"], rows, 0,
                        unit="mnkr", section="Uppföljning av driftbudget", stub="Mnkr Netto")


def generate_city(committee_count: int = 30, years: range = range(2016, 2026),
                  periods: tuple[Period, ...] = tuple(Period), indicators: int = 150,
                  seed: int = 0) -> Iterator[Document]:
    for committee in committees(committee_count):
        for year in years:
            for period in periods:
                yield generate_document(committee, year, period, indicators, seed)
