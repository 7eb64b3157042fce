"""Storing many generated documents fast, for benchmarks: the rows `store.save_document` writes,
in a few bulk inserts per batch instead of a few hundred single ones per document.

Only for new data (the `generate_city` command): reports of the same committee, year and period
are replaced as `save_document` does, but without its per-row checks."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ils.domain import model as domain
from ils.domain.workflow import Status
from ils.persistence import models
from ils.persistence.store import _quantity_fields, _section, _target_fields, committee_named

LEVELS = (domain.GoalLevel.INRIKTNINGSMAL, domain.GoalLevel.KF_MAL, domain.GoalLevel.NAMNDMAL)


class _Definitions:
    def __init__(self):
        self.ids = dict(models.IndicatorDefinition.objects.values_list("key", "pk"))

    def ensure(self, indicators: Iterable[domain.IndicatorResult]) -> None:
        new = {}
        for i in indicators:
            if i.key not in self.ids and i.key not in new:
                new[i.key] = models.IndicatorDefinition(key=i.key, name=i.name, unit=i.unit,
                                                        direction=i.direction.value, kf=i.kf)
        if new:
            models.IndicatorDefinition.objects.bulk_create(new.values(), ignore_conflicts=True)
            self.ids |= dict(models.IndicatorDefinition.objects.filter(key__in=list(new))
                             .values_list("key", "pk"))


@transaction.atomic
def save_documents(docs: list[domain.Document], definitions: _Definitions | None = None,
                   locked=lambda doc: False) -> list[int]:
    """Store the documents; returns the new reports' ids. ``locked(doc)`` says which are published."""
    definitions = definitions or _Definitions()
    committees = {name: committee_named(name) for name in {d.committee for d in docs}}
    for doc in docs:
        models.Report.objects.filter(committee=committees[doc.committee], year=doc.year,
                                     period=doc.period.value).delete()
    definitions.ensure(i for d in docs for i in d.indicators)
    statuses = [Status.LOCKED.value if locked(d) else Status.DRAFT.value for d in docs]
    reports = models.Report.objects.bulk_create(models.Report(
        committee=committees[d.committee], year=d.year, period=d.period.value, type=d.type.value, title=d.title,
        date=d.date, author=d.author, source=d.source, summary=d.summary, sections=[_section(s) for s in d.sections],
        status=status) for d, status in zip(docs, statuses))
    goal_ids: dict[tuple[int, str], int] = {}
    for level in LEVELS:
        rows = []
        for doc, report, status in zip(docs, reports, statuses):
            for n, g in enumerate(doc.goals):
                if g.level is level:
                    rows.append(models.Goal(
                        report_id=report.pk, parent_id=goal_ids.get((report.pk, g.parent_number or "")),
                        level=g.level.value, number=g.number, title=g.title,
                        assessment=g.assessment.value if g.assessment else "", icon=g.icon,
                        description=g.description, expected_results=g.expected_results, analysis=g.analysis,
                        analysis_line=g.analysis_line, sections=[_section(s) for s in g.sections], line=g.line,
                        order=n, status=status))
        for row in models.Goal.objects.bulk_create(rows, batch_size=2000):
            goal_ids[(row.report_id, row.number)] = row.pk
    indicators = []
    for doc, report in zip(docs, reports):
        for n, i in enumerate(doc.indicators):
            fields = {}
            for name in ("outcome", "outcome_men", "outcome_women", "previous", "forecast"):
                fields |= _quantity_fields(name, getattr(i, name))
            fields |= _target_fields("target", i.target) | _target_fields("kf_target", i.kf_target)
            indicators.append(models.IndicatorValue(
                report_id=report.pk, goal_id=goal_ids[(report.pk, i.goal)], definition_id=definitions.ids[i.key],
                name=i.name, kf=i.kf, period=i.period, frequency=i.frequency, analysis=i.analysis, icons=i.icons,
                line=i.line, order=n, **fields))
    models.IndicatorValue.objects.bulk_create(indicators, batch_size=2000)
    models.Activity.objects.bulk_create((
        models.Activity(report_id=report.pk, goal_id=goal_ids[(report.pk, a.goal)], text=a.text, start=a.start,
                        end=a.end, kf_assignment=a.kf_assignment, status=a.status.value if a.status else "",
                        deviation=a.deviation, analysis=a.analysis, icons=a.icons, line=a.line, order=n)
        for doc, report in zip(docs, reports) for n, a in enumerate(doc.activities)), batch_size=2000)
    tables = models.EconomyTable.objects.bulk_create(
        models.EconomyTable(report_id=report.pk, title=t.title, section=t.section, unit=t.unit, stub=t.stub,
                            columns=t.columns, line=t.line, order=n)
        for doc, report in zip(docs, reports) for n, t in enumerate(doc.economy))
    sources = [t for doc in docs for t in doc.economy]
    models.EconomyRow.objects.bulk_create((
        models.EconomyRow(table_id=stored.pk, label=r.label, kind=r.kind.value,
                          values=[None if v is None else str(v) for v in r.values], raw=r.raw, line=r.line, order=m)
        for stored, table in zip(tables, sources) for m, r in enumerate(table.rows)), batch_size=2000)
    return [r.pk for r in reports]
