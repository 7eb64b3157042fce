"""Storing many generated documents fast, for benchmarks: the rows `store.save_document` writes,
in a few bulk inserts per batch instead of a few hundred single ones per document.

Only for new data (the `generate_city` command): reports of the same committee, year and period
are replaced as `save_document` does, but without its per-row checks. Each row is built by the
store's own builders, so both write the same fields; the generated city has no decisions,
bilagor, signatures or text parts to store."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ils.domain import model as domain
from ils.domain.workflow import Status
from ils.persistence import models
from ils.persistence.store import (activity_row, committee_named, economy_row, economy_table_row, goal_row,
                                   indicator_row, report_fields)

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
        committee=committees[d.committee], year=d.year, period=d.period.value, status=status, **report_fields(d))
        for d, status in zip(docs, statuses))
    goal_ids: dict[tuple[int, str], int] = {}
    for level in LEVELS:
        rows = [goal_row(g, report.pk, goal_ids.get((report.pk, g.parent_number or "")), n, status=status)
                for doc, report, status in zip(docs, reports, statuses)
                for n, g in enumerate(doc.goals) if g.level is level]
        for row in models.Goal.objects.bulk_create(rows, batch_size=2000):
            goal_ids[(row.report_id, row.number)] = row.pk
    models.IndicatorValue.objects.bulk_create((
        indicator_row(i, report.pk, goal_ids[(report.pk, i.goal)], definitions.ids[i.key], n)
        for doc, report in zip(docs, reports) for n, i in enumerate(doc.indicators)), batch_size=2000)
    models.Activity.objects.bulk_create((
        activity_row(a, report.pk, goal_ids[(report.pk, a.goal)], n)
        for doc, report in zip(docs, reports) for n, a in enumerate(doc.activities)), batch_size=2000)
    tables = models.EconomyTable.objects.bulk_create(
        economy_table_row(t, report.pk, n) for doc, report in zip(docs, reports) for n, t in enumerate(doc.economy))
    sources = [t for doc in docs for t in doc.economy]
    models.EconomyRow.objects.bulk_create((
        economy_row(r, stored.pk, m) for stored, table in zip(tables, sources) for m, r in enumerate(table.rows)),
        batch_size=2000)
    return [r.pk for r in reports]
