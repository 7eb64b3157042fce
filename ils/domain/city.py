"""What the city council (KF) decides once for every committee in a budget year: inriktningsmål,
KF goals, KF indicators with KF's targets, and KF assignments. ils.persistence.planning merges
them into each committee's documents."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Activity, Document, Goal, GoalLevel, IndicatorResult

CITY_LEVELS = (GoalLevel.INRIKTNINGSMAL, GoalLevel.KF_MAL)


@dataclass
class CityDefinitions:
    year: int
    goals: list[Goal] = field(default_factory=list)  # inriktningsmål and KF goals
    indicators: list[IndicatorResult] = field(default_factory=list)  # kf=True, under a KF goal
    assignments: list[Activity] = field(default_factory=list)  # kf_assignment=True, under a KF goal


def city_definitions_from(doc: Document) -> CityDefinitions:
    """KF's part of one committee's document: a starting point for the city's definitions."""
    kf_goals = {g.number for g in doc.goals if g.level in CITY_LEVELS}
    return CityDefinitions(
        year=doc.year,
        goals=[Goal(level=g.level, number=g.number, title=g.title, line=0) for g in doc.goals
               if g.level in CITY_LEVELS],
        indicators=[IndicatorResult(goal=i.goal, name=i.name, line=0, kf=True, kf_target=i.kf_target,
                                    period=i.period, frequency=i.frequency)
                    for i in doc.indicators if i.kf and i.goal in kf_goals],
        assignments=[Activity(goal=a.goal, text=a.text, line=0, start=a.start, end=a.end, kf_assignment=True)
                     for a in doc.activities if a.kf_assignment and a.goal in kf_goals])


def goal_sort_key(number: str) -> tuple[int, ...]:
    """"1.10" after "1.9": goals are ordered by their numbers."""
    return tuple(int(part) if part.isdigit() else 0 for part in number.split("."))


def valid_city_number(number: str) -> bool:
    """"1" (an inriktningsmål) or "1.2" (a KF goal)."""
    parts = number.split(".")
    return 1 <= len(parts) <= 2 and all(p.isdigit() for p in parts)
