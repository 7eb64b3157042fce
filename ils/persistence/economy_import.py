"""Economy figures from a CSV or XLSX export of the financial system, in two steps like the outcome
import: `plan` reads and checks every line and changes nothing (the preview); `apply` writes the
plan through `economy.update_table` (permission, version, audit) in one transaction: every line
or none.

The first row names the columns: `tabell` (the table's title), `rad` (the row's name), then the
figures by column: its key (`budget`, `justering`, `utfall`, `prognos`, `fran`, `resultat`, ...)
or its header as the table prints it ("Prognos helår 2024"). An empty cell leaves the figure as it
is; computed columns (avvikelse, totals) cannot be imported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain import economy_tables as et

from . import economy, models
from .bulk_outcomes import FileError, read_cells
from .editing import EditConflict

MAX_LINES = 5000


@dataclass
class Line:
    line: int
    table: models.EconomyTable
    row: models.EconomyRow
    changes: list[tuple[str, str, str]]  # column header, before, after


@dataclass
class ImportPlan:
    lines: list[Line] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, problem
    values: dict[int, dict[int, dict[str, str]]] = field(default_factory=dict)  # table -> row -> key -> text
    versions: dict[int, int] = field(default_factory=dict)

    @property
    def changed(self) -> list[Line]:
        return [line for line in self.lines if line.changes]


def _normal(text) -> str:
    return " ".join(str(text or "").split()).lower()


def plan(user, report: models.Report, name: str, content: bytes) -> ImportPlan:
    """Check every line of the file against the report's tables; nothing is written."""
    if not economy.may_edit(user, report):
        raise PermissionDenied("Du får inte ändra ekonomin i det här dokumentet, eller så är det inte "
                                       "ett utkast.")
    cells = read_cells(name, content)
    if len(cells) > MAX_LINES + 1:
        raise FileError(f"Filen har fler än {MAX_LINES} rader.")
    header = [_normal(h) for h in cells[0]]
    if "tabell" not in header or "rad" not in header:
        raise FileError("Filen behöver kolumnerna tabell och rad (första raden namnger kolumnerna).")
    tables = {}
    for table in report.economy_tables.exclude(kind="").prefetch_related("rows"):
        tables.setdefault(_normal(table.title), []).append(table)  # titles may repeat ("Uppföljning av driftbudget")
    result = ImportPlan()
    seen: dict[tuple[int, int], int] = {}
    for number, cells_of_line in enumerate(cells[1:], start=2):
        line = dict(zip(header, ["" if c is None else c for c in cells_of_line]))
        if not any(str(v).strip() for v in line.values()):
            continue
        candidates = tables.get(_normal(line.get("tabell")))
        if not candidates:
            result.errors.append((number, "tabell", f"tabellen '{line.get('tabell')}' finns inte i dokumentet "
                                  "(eller är inläst från en rapportfil)"))
            continue
        found = [(t, r) for t in candidates for r in t.rows.all() if _normal(r.label) == _normal(line.get("rad"))]
        if not found:
            result.errors.append((number, "rad", f"raden '{line.get('rad')}' finns inte i {candidates[0].title}"))
            continue
        table, row = found[0]
        if (table.pk, row.pk) in seen:
            result.errors.append((number, "rad", f"samma rad som på rad {seen[table.pk, row.pk]}"))
            continue
        seen[table.pk, row.pk] = number
        columns = economy.columns_of(table)
        by_name = {}
        for column in columns:
            by_name[column.key] = by_name[_normal(column.title(report.year, et.Period(report.period)))] = column
        values, changes = {}, []
        for heading, raw in line.items():
            if heading in ("tabell", "rad", "") or not str(raw).strip():
                continue
            column = by_name.get(heading)
            if column is None or not column.typed:
                result.errors.append((number, heading, f"kolumnen '{heading}' " + (
                    "räknas fram och importeras inte" if column else f"finns inte i {table.title}")))
                continue
            values[column.key] = raw
        problems: list[str] = []
        if hasattr(row, "request") and values:
            problems.append("raden är en begäran i besluten: ändra den i appen")
        elif row.kind not in ("data", "varav") and values:
            problems.append("summor och rubriker räknas fram")
        parsed = economy.parse_figures(values, columns, row.label, problems) if not problems else {}
        for problem in problems:
            result.errors.append((number, "", problem))
        if problems:
            continue
        for i, column in enumerate(columns):
            if column.key in parsed:
                before = row.values[i] if i < len(row.values) else None
                after = parsed[column.key]
                if (None if before is None else et.parse_figure(before)) != after:
                    changes.append((column.title(report.year, et.Period(report.period)),
                                    "" if before is None else et.format_figure(before, table.unit),
                                    "" if after is None else et.format_figure(after, table.unit)))
        result.lines.append(Line(number, table, row, changes))
        result.values.setdefault(table.pk, {})[row.pk] = values
        result.versions[table.pk] = table.version
    if not result.lines and not result.errors:
        result.errors.append((1, "", "filen har inga rader med värden"))
    return result


class ImportRejected(Exception):
    def __init__(self, errors: list[tuple[int, str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"rad {n}: {p}" for n, _, p in errors))


@transaction.atomic
def apply(user, report: models.Report, plan: ImportPlan, versions: dict[int, int], note: str) -> int:
    """Write every table of the plan, or none; a table someone changed since the preview is a conflict."""
    if plan.errors:
        raise ImportRejected(plan.errors)
    written = 0
    for table_pk, rows in plan.values.items():
        table = models.EconomyTable.objects.get(pk=table_pk, report=report)
        try:
            written += len(economy.update_table(user, table, versions.get(table_pk), rows, note=note))
        except EditConflict:
            raise ImportRejected([(0, "", f"{table.title}: tabellen har ändrats sedan förhandsgranskningen; "
                                          "välj filen igen")]) from None
        except economy.EconomyError as error:
            raise ImportRejected([(0, "", p) for p in error.problems]) from None
    return written
