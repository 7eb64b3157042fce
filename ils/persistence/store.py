"""Domain Document <-> database rows.

`save_document` stores one parsed report in a single transaction: either every goal, indicator,
activity and table of the file is stored, or nothing is. A report already stored for the same
committee, year and period is replaced only when asked (``replace=True``) and only while it is a
draft with every section a draft; a locked report never changes. The replaced report keeps its row
and its audit trail, which records the replacement. `load_document` rebuilds the domain Document, parsing the
stored cell texts again so that units, word targets and decimals come back exactly.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify

from ils.domain import model as domain
from ils.domain.assessment import Assessment
from ils.domain.front_matter import attachment_label
from ils.domain.targets import Target, parse_target
from ils.domain.values import Quantity, parse_quantity
from ils.domain.workflow import Status

from . import models, texts
from .economy import domain_table


def ascii_slug(name: str) -> str:
    """"Hässelby-Vällingby stadsdelsnämnd" -> "hasselby-vallingby-stadsdelsnamnd", readable in any URL."""
    return slugify(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()) or "namnd"


def committee_named(name: str) -> models.Committee:
    committee, _ = models.Committee.objects.get_or_create(name=name, defaults={"slug": ascii_slug(name)})
    return committee


class StoreRefused(Exception):
    """The document would replace a report that must not change (Swedish message for the user)."""


# What a file brings; a replaced report loses these rows and gets the file's.
_FROM_FILE = ("goals", "indicators", "activities", "decisions", "attachments", "signatures", "attestations",
              "economy_tables", "warnings", "text_parts")


@transaction.atomic
def save_document(doc: domain.Document, committee: str | None = None, replace: bool = False) -> models.Report:
    owner = committee_named(committee or doc.committee)
    fields = report_fields(doc)
    _fitting([models.Report(**fields)])
    existing = (models.Report.objects.select_for_update()
                .filter(committee=owner, year=doc.year, period=doc.period.value).first())
    if existing is None:
        report = models.Report.objects.create(committee=owner, year=doc.year, period=doc.period.value, **fields)
    else:
        _check_replaceable(existing, replace)
        _delete_files_on_commit(existing)
        for name in _FROM_FILE:
            getattr(existing, name).all().delete()
        models.Report.objects.filter(pk=existing.pk).update(**fields)
        report = models.Report.objects.get(pk=existing.pk)
        models.AuditEntry.objects.create(report=report, user=None, item_type="rapport", item_id=report.pk,
                                         field="ersatt", before=existing.source, after=doc.source,
                                         note="Ersatt genom import")
    goals = _save_goals(report, doc.goals)
    _save_indicators(report, goals, doc.indicators)
    models.Activity.objects.bulk_create(_fitting(activity_row(a, report.pk, goals[a.goal].pk, n)
                                                 for n, a in enumerate(doc.activities)))
    attachments = models.Attachment.objects.bulk_create(_fitting(
        models.Attachment(report=report, label=a.label, title=a.title, line=a.line, order=n)
        for n, a in enumerate(doc.attachments)))
    by_label = {a.label.lower(): a for a in attachments}
    models.Decision.objects.bulk_create(_fitting(
        models.Decision(report=report, number=d.number, text=d.text, amount=d.amount,
                        amount_unit=d.amount_unit, attachment=by_label.get(d.attachment.lower()), line=d.line)
        for d in doc.decisions))
    models.Signature.objects.bulk_create(_fitting(
        models.Signature(report=report, name=s.name, title=s.title, line=s.line, order=n)
        for n, s in enumerate(doc.signatures)))
    models.Attestation.objects.bulk_create(_fitting(
        models.Attestation(report=report, name=a.name, date=a.date, line=a.line) for a in doc.attestations))
    models.ImportWarning.objects.bulk_create(
        models.ImportWarning(report=report, line=w.line, message=w.message) for w in doc.warnings)
    for n, table in enumerate(doc.economy):
        (stored,) = _fitting([economy_table_row(table, report.pk, n)])
        stored.save()
        models.EconomyRow.objects.bulk_create(_fitting(economy_row(r, stored.pk, m)
                                                       for m, r in enumerate(table.rows)))
    texts.store_parts(report, doc)
    return report


def _fitting(rows, line: int = 0) -> list:
    """The rows, refused (the whole import with them) where a text is longer than its column
    holds: SQLite would keep it whole and PostgreSQL refuse it with an error naming no line."""
    rows = list(rows)
    for row in rows:
        for column in row._meta.fields:
            limit = getattr(column, "max_length", None)
            value = getattr(row, column.attname)
            if limit and isinstance(value, str) and len(value) > limit:
                at = line or getattr(row, "line", 0)
                where = f"rad {at}: " if at else ""
                raise StoreRefused(f"{where}{column.verbose_name} är {len(value)} tecken, men högst {limit} "
                                   f"får plats: {value[:60]!r}")
    return rows


def _delete_files_on_commit(report: models.Report) -> None:
    """The replaced draft's bilaga files leave storage once the replacement is committed (and stay
    if it is rolled back, with the rows that name them)."""
    for name in report.attachments.exclude(file="").values_list("file", flat=True):
        transaction.on_commit(lambda name=name: default_storage.delete(name))


def _check_replaceable(existing: models.Report, replace: bool) -> None:
    label = f"{existing.get_period_display()} {existing.year} för {existing.committee.name}"
    if existing.status == Status.LOCKED.value:
        raise StoreRefused(f"{label} är låst och kan inte ersättas.")
    if not replace:
        raise StoreRefused(f"{label} finns redan (ange --replace för att ersätta utkastet).")
    if existing.status != Status.DRAFT.value or existing.goals.exclude(status=Status.DRAFT.value).exists():
        raise StoreRefused(f"{label} är inte längre ett utkast i alla avsnitt och kan inte ersättas.")


def _section(section: domain.Section) -> dict:
    return {"heading": section.heading, "text": section.text, "line": section.line}


def _save_goals(report: models.Report, goals: list[domain.Goal]) -> dict[str, models.Goal]:
    """Goals in document order, so each parent is stored before its children."""
    stored: dict[str, models.Goal] = {}
    for n, g in enumerate(goals):
        parent = stored.get(g.parent_number or "")
        (stored[g.number],) = _fitting([goal_row(g, report.pk, parent.pk if parent else None, n)])
        stored[g.number].save()
    return stored


# The rows of one document, built alike by `save_document` and by the city generator's bulk store.

def report_fields(doc: domain.Document) -> dict:
    return dict(type=doc.type.value, title=doc.title, date=doc.date, author=doc.author, phone=doc.phone,
                email=doc.email, recipient=doc.recipient, reference=doc.reference, source=doc.source,
                summary=doc.summary, case=doc.case, sections=[_section(s) for s in doc.sections])


def goal_row(g: domain.Goal, report_id: int, parent_id: int | None, order: int, **extra) -> models.Goal:
    return models.Goal(
        report_id=report_id, parent_id=parent_id, level=g.level.value, number=g.number, title=g.title,
        assessment=g.assessment.value if g.assessment else "", icon=g.icon, description=g.description,
        expected_results=g.expected_results, analysis=g.analysis, analysis_line=g.analysis_line,
        sections=[_section(s) for s in g.sections], line=g.line, order=order, **extra)


def indicator_row(i: domain.IndicatorResult, report_id: int, goal_id: int, definition_id: int,
                  order: int) -> models.IndicatorValue:
    fields = {}
    for name in ("outcome", "outcome_men", "outcome_women", "previous", "forecast"):
        fields |= _quantity_fields(name, getattr(i, name))
    fields |= _target_fields("target", i.target) | _target_fields("kf_target", i.kf_target)
    return models.IndicatorValue(
        report_id=report_id, goal_id=goal_id, definition_id=definition_id, name=i.name, kf=i.kf,
        period=i.period, frequency=i.frequency, analysis=i.analysis, icons=i.icons,
        inferred=" ".join(i.inferred), line=i.line, order=order, **fields)


def activity_row(a: domain.Activity, report_id: int, goal_id: int, order: int) -> models.Activity:
    return models.Activity(
        report_id=report_id, goal_id=goal_id, text=a.text, start=a.start, end=a.end,
        kf_assignment=a.kf_assignment, status=a.status.value if a.status else "", deviation=a.deviation,
        analysis=a.analysis, icons=a.icons, inferred=" ".join(a.inferred), line=a.line, order=order)


def economy_table_row(table, report_id: int, order: int) -> models.EconomyTable:
    return models.EconomyTable(
        report_id=report_id, title=table.title, section=table.section, unit=table.unit, stub=table.stub,
        columns=table.columns, line=table.line, order=order, kind=table.kind, text=table.text)


def economy_row(r, table_id: int, order: int) -> models.EconomyRow:
    return models.EconomyRow(table_id=table_id, label=r.label, kind=r.kind.value,
                             values=[None if v is None else str(v) for v in r.values],
                             raw=r.raw, line=r.line, order=order, text=r.text)


def definition_for(indicator: domain.IndicatorResult) -> models.IndicatorDefinition:
    definition, created = models.IndicatorDefinition.objects.get_or_create(
        key=indicator.key, defaults={"name": indicator.name, "unit": indicator.unit,
                                     "direction": indicator.direction.value, "kf": indicator.kf})
    if not created and indicator.kf and not definition.kf:
        definition.kf = True
        definition.save(update_fields=["kf"])
    return definition


def _quantity_fields(name: str, value: Quantity | None) -> dict:
    if value is None:
        return {name: None, f"{name}_text": ""}
    return {name: value.value, f"{name}_text": value.text or str(value)}


def _target_fields(name: str, target: Target) -> dict:
    return {f"{name}_kind": target.kind.value, f"{name}_value": target.value, f"{name}_text": target.text}


def _save_indicators(report, goals, indicators: list[domain.IndicatorResult]) -> None:
    for i in indicators:  # checked before any is stored: ``definition_for`` stores new ones at once
        _fitting([models.IndicatorDefinition(key=i.key, name=i.name, unit=i.unit, direction=i.direction.value)],
                 line=i.line)
    models.IndicatorValue.objects.bulk_create(_fitting(
        indicator_row(i, report.pk, goals[i.goal].pk, definition_for(i).pk, n) for n, i in enumerate(indicators)))


def _quantity(text: str, value: Decimal | None) -> Quantity | None:
    if not text and value is None:
        return None
    return parse_quantity(text) or Quantity(value=value, text=text)


def indicator_from_row(row: models.IndicatorValue) -> domain.IndicatorResult:
    return domain.IndicatorResult(
        goal=row.goal.number, name=row.name, line=row.line, kf=row.kf,
        outcome=_quantity(row.outcome_text, row.outcome),
        outcome_men=_quantity(row.outcome_men_text, row.outcome_men),
        outcome_women=_quantity(row.outcome_women_text, row.outcome_women),
        previous=_quantity(row.previous_text, row.previous),
        forecast=_quantity(row.forecast_text, row.forecast),
        target=parse_target(row.target_text), kf_target=parse_target(row.kf_target_text),
        period=row.period, frequency=row.frequency, analysis=row.analysis, icons=row.icons,
        inferred=tuple(row.inferred.split()))


def goal_from_row(row: models.Goal) -> domain.Goal:
    return domain.Goal(
        level=domain.GoalLevel(row.level), number=row.number, title=row.title, line=row.line,
        assessment=Assessment(row.assessment) if row.assessment else None,
        description=row.description, expected_results=list(row.expected_results),
        analysis=row.analysis, sections=[domain.Section(**s) for s in row.sections],
        icon=row.icon, analysis_line=row.analysis_line)


def document_header(report: models.Report) -> domain.Document:
    """The document's kind, period and year only: enough to word and lay out one of its rows."""
    return domain.Document(type=domain.DocumentType(report.type), period=domain.Period(report.period),
                           year=report.year, committee=report.committee.name, title=report.title)


def load_document(report: models.Report, goal_ids: set[int] | None = None,
                  goals_only: bool = False) -> domain.Document:
    """The stored report as a domain Document. For a page that shows part of it: ``goals_only``
    leaves out indicators, activities and the rest (the goal tree and warnings stay);
    ``goal_ids`` keeps every goal but only those goals' indicators and activities."""
    goals = list(report.goals.all())
    part = goals_only or goal_ids is not None
    indicators = report.indicators.select_related("goal")
    activities = report.activities.select_related("goal")
    if goal_ids is not None:
        indicators, activities = indicators.filter(goal_id__in=goal_ids), activities.filter(goal_id__in=goal_ids)
    if goals_only:
        indicators, activities = indicators.none(), activities.none()
    tables = report.economy_tables.none() if part else report.economy_tables.prefetch_related("rows")
    return domain.Document(
        type=domain.DocumentType(report.type), period=domain.Period(report.period), year=report.year,
        committee=report.committee.name, title=report.title, date=report.date, author=report.author,
        phone=report.phone, email=report.email, recipient=report.recipient, reference=report.reference,
        source=report.source, summary=report.summary, case=report.case,
        goals=[goal_from_row(g) for g in goals],
        indicators=[indicator_from_row(i) for i in indicators],
        activities=[domain.Activity(
            goal=a.goal.number, text=a.text, line=a.line, start=a.start, end=a.end,
            kf_assignment=a.kf_assignment, status=domain.ActivityStatus(a.status) if a.status else None,
            deviation=a.deviation, analysis=a.analysis, icons=a.icons,
            inferred=tuple(a.inferred.split())) for a in activities],
        decisions=[] if part else decisions_of(report),
        attachments=[domain.Attachment(a.label, a.title, a.line, file_name=a.file_name, kind=a.kind)
                     for a in ([] if part else report.attachments.all())],
        signatures=[domain.Signature(s.name, s.title, s.line) for s in ([] if part else report.signatures.all())],
        economy=[domain_table(t) for t in tables],
        sections=[domain.Section(**s) for s in report.sections],
        attestations=[] if part else attestations_of(report),
        warnings=[domain.ImportWarning(w.line, w.message) for w in report.warnings.all()],
        parts=[] if part else _parts(report),
        decision_date=report.decision_date, decision_paragraph=report.decision_paragraph,
    )


def _parts(report: models.Report):
    """The text parts; a VB's "Bedömning av nämndens interna kontroll" opens with the internal
    control's judgement (status and analysis) where the committee keeps it here."""
    from ils.domain.text_template import with_judgement

    from .internal_control import vb_judgement_markup

    parts = [texts.part_from_row(p) for p in report.text_parts.all()]
    return with_judgement(parts, vb_judgement_markup(report)) if parts else parts


def decisions_of(report: models.Report) -> list[domain.Decision]:
    """The decisions with their bilaga (linked, or named in the text) and, where the economy part
    links one, the economy row they concern."""
    out = []
    for d in report.decisions.select_related("attachment", "economy_request__row__table"):
        request = getattr(d, "economy_request", None)
        row = request.row if request is not None else None
        out.append(domain.Decision(
            number=d.number, text=d.text, line=d.line, amount=_normal(d.amount), amount_unit=d.amount_unit,
            attachment=d.attachment.label if d.attachment else attachment_label(d.text),
            economy_row=economy_row_label(row) if row is not None else ""))
    return out


def economy_row_label(row) -> str:
    """"Budgetjusteringar: Klimatinvesteringar": the row's table and its label."""
    table = getattr(row, "table", None)
    title = (getattr(table, "title", "") or getattr(table, "section", "")) if table is not None else ""
    return ": ".join(x for x in (title, getattr(row, "label", "")) if x)


def attestations_of(report: models.Report) -> list[domain.Attestation]:
    """The imported attestations; for a document approved in the app, its approval from the audit trail."""
    stored = [domain.Attestation(a.name, a.date, a.line) for a in report.attestations.all()]
    if stored:
        return stored
    from .docparts import workflow_attestations

    return workflow_attestations(report)


def _normal(value: Decimal | None) -> Decimal | None:
    """DecimalField pads to its decimal places (12.5000); give the value back without the padding."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
