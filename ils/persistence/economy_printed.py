"""Writes to economy tables as printed (`ils.domain.economy_printed`): the tables a report is imported
with, and the same kind made by hand when a report is rebuilt in the app.

As every economy write (`persistence.economy`): permission first (the committee's controllers and
writers, on a draft; locked documents refuse), then the table's version (`EditConflict`), then all
input checked by the domain – any problem refuses the whole change with one Swedish message per
problem, naming the row and the column – then one audit entry per change, in one transaction.
Nothing is computed: totals are stored as printed and the consistency checker compares them.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from ils.domain import economy_printed as ep
from ils.domain.economics import EconomyRow

from . import models
from .economy import EconomyError, audit_table, bump_version, check_version, checked_text, locked_table, refuse_edit, stored_figure, domain_row
from .editing import Change

__all__ = ["add_table", "change_table", "add_row", "change_row", "is_printed"]


def is_printed(table: models.EconomyTable) -> bool:
    return table.kind == ""


def _printed(user, table: models.EconomyTable, version: int | None) -> models.EconomyTable:
    current = locked_table(table)
    refuse_edit(user, current.report)
    if not is_printed(current):
        raise PermissionDenied("Tabellen räknas fram av appen; ändra dess tal i tabellen.")
    check_version(current, version)
    return current


def _raise(problems: list[str]) -> None:
    if problems:
        raise EconomyError(problems)


def _stored_values(row: EconomyRow) -> list[str | None]:
    return [stored_figure(v) for v in row.values]


@transaction.atomic
def add_table(user, report: models.Report, title: str, columns: list[str], section: str = "", unit: str = "",
              stub: str = "", text: str = "") -> models.EconomyTable:
    """A new printed table, after the document's other tables, with its columns and no rows."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    refuse_edit(user, current)
    problems: list[str] = []
    head = ep.check_head(title, section, unit, stub, columns, problems, text)
    table_text = checked_text(text, "Tabellens text", ep.MAX_TEXT, problems)
    _raise(problems)
    order = (current.economy_tables.aggregate(n=Max("order"))["n"] or 0) + 1
    table = models.EconomyTable.objects.create(
        report=current, title=head.title, section=head.section, unit=head.unit, stub=head.stub,
        columns=list(head.columns), line=0, order=order, kind="", text=table_text)
    audit_table(user, table, [("", Change("ny tabell", "", table.title))])
    return table


@transaction.atomic
def change_table(user, table: models.EconomyTable, version: int | None, *, title=None, section=None, unit=None,
                 stub=None, columns=None, text=None) -> list[Change]:
    """Change the headings, the column headers or the text (None keeps a field). More columns add
    empty cells to every row; fewer are refused while a removed column has a figure in some row."""
    current = _printed(user, table, version)
    problems: list[str] = []
    head = ep.check_head(current.title if title is None else title, current.section if section is None else section,
                         current.unit if unit is None else unit, current.stub if stub is None else stub,
                         current.columns if columns is None else columns, problems,
                         current.text if text is None else text)
    table_text = current.text if text is None else checked_text(text, "Tabellens text", ep.MAX_TEXT, problems)
    rows = list(current.rows.all())
    resized = [ep.resized(domain_row(r), len(head.columns), list(current.columns), n, problems)
               for n, r in enumerate(rows, 1)]
    _raise(problems)
    fields = {"title": head.title, "section": head.section, "unit": head.unit, "stub": head.stub,
              "columns": list(head.columns), "text": table_text}
    shown = {"columns": " | ".join}  # the audit shows the headers as a line, not a Python list
    changes = [Change(name, shown.get(name, str)(getattr(current, name)), shown.get(name, str)(value))
               for name, value in fields.items() if getattr(current, name) != value]
    if not changes:
        return []
    models.EconomyTable.objects.filter(pk=current.pk).update(**fields)
    for row, new in zip(rows, resized):
        if new.raw != list(row.raw) or _stored_values(new) != list(row.values):
            models.EconomyRow.objects.filter(pk=row.pk).update(values=_stored_values(new), raw=new.raw)
    audit_table(user, current, [("", c) for c in changes])
    bump_version(current)
    table.version = current.version
    return changes


def _place(table: models.EconomyTable, row: models.EconomyRow, position: int | None) -> None:
    """Put ``row`` at ``position`` (0 is the first row; None or past the end: last) and number every
    row of the table in order."""
    rows = [r for r in table.rows.all() if r.pk != row.pk]
    rows.insert(len(rows) if position is None else max(0, min(position, len(rows))), row)
    for n, r in enumerate(rows):
        if r.order != n:
            models.EconomyRow.objects.filter(pk=r.pk).update(order=n)


@transaction.atomic
def add_row(user, table: models.EconomyTable, version: int | None, label: str, cells: list[str],
            kind: str | None = None, position: int | None = None, text: str = "") -> models.EconomyRow:
    """A new row with one printed cell per column, at ``position`` (0-based; None: last)."""
    current = _printed(user, table, version)
    count = current.rows.count()
    problems: list[str] = []
    if count >= ep.MAX_ROWS:
        problems.append(f"Tabellen har redan {ep.MAX_ROWS} rader, det högsta antalet")
    place = count + 1 if position is None else max(1, min(position + 1, count + 1))
    if not current.columns:
        problems.append("Texten har ingen tabell: ge den kolumner innan den får rader")
    row = ep.check_row(label, cells, kind, current.columns, place, problems)
    row_text = checked_text(text, f"{ep.row_name(row.label, place)}, text", ep.MAX_TEXT, problems)
    _raise(problems)
    made = models.EconomyRow.objects.create(table=current, label=row.label, kind=row.kind.value,
                                            values=_stored_values(row), raw=row.raw, line=0, order=count,
                                            text=row_text)
    _place(current, made, position)
    audit_table(user, current, [(row.label, Change("ny rad", "", " | ".join(row.raw)))])
    bump_version(current)
    table.version = current.version
    return made


@transaction.atomic
def change_row(user, table: models.EconomyTable, version: int | None, row_id: int, *, label=None, cells=None,
               kind=None, text=None, position=None) -> list[Change]:
    """Change a row's label, cells, kind or text, or move it (None keeps each); all or nothing."""
    current = _printed(user, table, version)
    rows = list(current.rows.all())
    stored = next((r for r in rows if r.pk == row_id), None)
    if stored is None:
        raise EconomyError([f"rad {row_id} hör inte till tabellen {current.title!r}"])
    place = rows.index(stored) + 1
    problems: list[str] = []
    row = ep.check_row(stored.label if label is None else label, stored.raw if cells is None else cells,
                       stored.kind if kind is None else kind, current.columns, place, problems)
    row_text = stored.text if text is None else checked_text(
        text, f"{ep.row_name(row.label, place)}, text", ep.MAX_TEXT, problems)
    _raise(problems)
    changes = [Change("namn", stored.label, row.label)] if row.label != stored.label else []
    changes += [Change("radtyp", stored.kind, row.kind.value)] if row.kind.value != stored.kind else []
    changes += [Change(header[:40] or f"kolumn {i + 1}", before, after) for i, (header, before, after)
                in enumerate(zip(current.columns, list(stored.raw) + [""] * len(row.raw), row.raw)) if before != after]
    changes += [Change("text", stored.text, row_text)] if row_text != stored.text else []
    moved = position is not None and max(0, min(position, len(rows) - 1)) != place - 1
    if moved:
        changes.append(Change("plats", str(place), str(max(0, min(position, len(rows) - 1)) + 1)))
    if not changes:
        return []
    models.EconomyRow.objects.filter(pk=stored.pk).update(label=row.label, kind=row.kind.value, raw=row.raw,
                                                          values=_stored_values(row), text=row_text)
    if moved:
        _place(current, stored, position)
    audit_table(user, current, [(stored.label, c) for c in changes])
    bump_version(current)
    table.version = current.version
    return changes
