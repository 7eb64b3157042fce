"""The city's figures from the database: what `domain.consolidation` needs, loaded in a few queries.

`load_document` rebuilds every detail of one report; consolidating 30 committees needs only the KF
goals with their assessments, the KF indicators and the activity-area tables, so `city_documents`
loads just those, for every report at once, and through `access.readable_reports` only.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.db.models import QuerySet

from ils.domain import model as domain
from ils.domain.assessment import Assessment
from ils.domain.consolidation import Consolidation, consolidate
from ils.domain.economics import EconomyRow, EconomyTable, RowKind
from ils.domain.targets import Target, parse_target
from ils.domain.values import Quantity, parse_quantity
from ils.persistence import models
from ils.persistence.access import readable_reports

PERIODS = [p.value for p in domain.Period]


@lru_cache(maxsize=65536)
def _target(text: str) -> Target:
    return parse_target(text)


@lru_cache(maxsize=65536)
def _parsed(text: str) -> Quantity | None:
    return parse_quantity(text)


def quantity(text: str, value: Decimal | None) -> Quantity | None:
    if not text and value is None:
        return None
    parsed = _parsed(text)
    if parsed is None and value is None:
        return None  # a word in a number's place ("Mäts ej") counts as no value here
    return parsed or Quantity(value=value, text=text)


def city_reports(user, year: int, period: str, committees: list[str] | None = None) -> QuerySet:
    """The reports of one year and period this person may read, optionally only some committees (slugs)."""
    reports = readable_reports(user).filter(year=year, period=period)
    if committees:
        reports = reports.filter(committee__slug__in=committees)
    return reports


# Only the printed texts: store.save_document always writes a quantity's text beside its number, and
# parsing the (few distinct) texts once is much cheaper than converting every stored decimal.
INDICATOR_FIELDS = ("report_id", "goal__number", "name", "definition_id", "definition__key", "kf", "outcome_text",
                    "outcome_women_text", "outcome_men_text", "previous_text", "forecast_text", "target_text",
                    "kf_target_text", "period", "frequency")


@dataclass
class _KeyedIndicator(domain.IndicatorResult):
    """An indicator whose identity key is the stored one, not recomputed from its name each time."""

    stored_key: str = ""

    @property
    def key(self) -> str:
        return self.stored_key


def indicator_from_values(v: dict) -> domain.IndicatorResult:
    return _KeyedIndicator(
        goal=v["goal__number"], name=v["name"], line=0, kf=v["kf"],
        outcome=quantity(v["outcome_text"], None), outcome_women=quantity(v["outcome_women_text"], None),
        outcome_men=quantity(v["outcome_men_text"], None), previous=quantity(v["previous_text"], None),
        forecast=quantity(v["forecast_text"], None),
        target=_target(v["target_text"]), kf_target=_target(v["kf_target_text"]),
        period=v["period"], frequency=v["frequency"], stored_key=v["definition__key"])


@dataclass
class CityData:
    consolidation: Consolidation | None
    reports: list[models.Report]
    definitions: dict[str, int]  # indicator key -> IndicatorDefinition id

    def report_of(self, committee: str) -> models.Report | None:
        return next((r for r in self.reports if r.committee.name == committee), None)


def city_documents(reports: QuerySet) -> tuple[list[domain.Document], list[models.Report], dict[str, int]]:
    """Light documents (KF goals, KF indicators, mnkr economy tables) of the given reports."""
    stored = list(reports.select_related("committee").order_by("committee__name"))
    ids = [r.pk for r in stored]
    docs = {r.pk: domain.Document(domain.DocumentType(r.type), domain.Period(r.period), r.year, r.committee.name,
                                  title=r.title, date=r.date) for r in stored}
    for g in (models.Goal.objects.filter(report_id__in=ids).exclude(level=domain.GoalLevel.NAMNDMAL.value)
              .order_by("report_id", "order").values_list("report_id", "level", "number", "title", "assessment")):
        docs[g[0]].goals.append(domain.Goal(domain.GoalLevel(g[1]), g[2], g[3], 0,
                                            assessment=Assessment(g[4]) if g[4] else None))
    definitions: dict[str, int] = {}
    for v in (models.IndicatorValue.objects.filter(report_id__in=ids, kf=True).order_by("report_id", "order")
              .values(*INDICATOR_FIELDS)):
        indicator = indicator_from_values(v)
        docs[v["report_id"]].indicators.append(indicator)
        definitions.setdefault(indicator.key, v["definition_id"])
    tables: dict[int, tuple[int, EconomyTable]] = {}
    for t in models.EconomyTable.objects.filter(report_id__in=ids, unit="mnkr").order_by("report_id", "order"):
        tables[t.pk] = (t.report_id, EconomyTable(title=t.title, columns=list(t.columns), rows=[], line=0,
                                                  unit=t.unit, section=t.section, stub=t.stub))
    for table_id, label, kind, values in (models.EconomyRow.objects.filter(table_id__in=list(tables))
                                          .order_by("table_id", "order")
                                          .values_list("table_id", "label", "kind", "values")):
        tables[table_id][1].rows.append(EconomyRow(label, [None if x is None else Decimal(x) for x in values],
                                                   0, RowKind(kind)))
    for report_id, table in tables.values():
        docs[report_id].economy.append(table)
    return [docs[r.pk] for r in stored], stored, definitions


def city_data(user, year: int, period: str, committees: list[str] | None = None) -> CityData:
    docs, stored, definitions = city_documents(city_reports(user, year, period, committees))
    return CityData(consolidate(docs) if docs else None, stored, definitions)


def available_periods(user) -> list[tuple[int, str]]:
    """(year, period) pairs with at least one report this person may read, newest first."""
    pairs = set(readable_reports(user).values_list("year", "period").distinct())
    return sorted(pairs, key=lambda p: (-p[0], PERIODS.index(p[1])))
