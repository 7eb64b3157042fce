"""Writing outcomes in bulk: the API's JSON feed and the CSV/XLSX import share this.

Two steps, so an import can be previewed: `plan` reads and checks every row (the value, that the
indicator exists and is readable, that the person may edit it, the version) and changes nothing;
`apply` writes a plan through `persistence.editing.update_item` (permission, optimistic locking and
audit per field) inside one transaction, so either every row is written or none is.

A row names an indicator value by its id (`id`, as the API lists it), or by committee (slug or
name), year, period, indicator (its stable code "I…", its name, or its definition id) and, when the
indicator appears under several goals of the report, the goal number.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain.identifiers import indicator_code
from ils.domain.model import Period, indicator_key
from ils.domain.values import format_number, parse_entered_quantity
from ils.persistence import access, editing, models

QUANTITIES = ("outcome", "outcome_men", "outcome_women", "forecast")
LABELS = {"outcome": "utfall", "outcome_women": "kvinnor", "outcome_men": "män", "forecast": "prognos",
          "analysis": "analys", "version": "version"}
# Column names accepted in CSV/XLSX files (lower case, without spaces), and the field each fills.
COLUMNS = {
    "id": "id", "namnd": "committee", "nämnd": "committee", "ar": "year", "år": "year", "period": "period",
    "indikator": "indicator", "indikator_id": "indicator", "mal": "goal", "mål": "goal",
    "utfall": "outcome", "t": "outcome", "kvinnor": "outcome_women", "k": "outcome_women",
    "man": "outcome_men", "män": "outcome_men", "m": "outcome_men", "prognos": "forecast",
    "analys": "analysis", "version": "version",
}
MAX_ANALYSIS_CHARS = 20_000
BEYOND_HEADER = "_beyond_header"  # a file row with values in columns the header does not name
_DOT_DECIMAL = re.compile(r"^\s*[+-]?\d+\.\d+\s*$")


@dataclass
class RowError:
    row: int
    problem: str
    code: str = "invalid"  # invalid | not_found | forbidden | conflict
    column: str = ""


@dataclass
class PlannedRow:
    row: int
    item: models.IndicatorValue
    version: int
    changes: dict
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    rows: list[PlannedRow]
    errors: list[RowError]

    @property
    def status(self) -> int:
        """The HTTP status that fits the errors: 403 before 404 before 409 before 422."""
        codes = {e.code for e in self.errors}
        for code, status in (("forbidden", 403), ("not_found", 404), ("conflict", 409), ("invalid", 422)):
            if code in codes:
                return status
        return 200


class PlanRejected(Exception):
    def __init__(self, plan: Plan):
        self.plan = plan
        super().__init__("; ".join(f"rad {e.row}: {e.problem}" for e in plan.errors))


def parse_value(raw, unit: str) -> tuple[Decimal | None, str]:
    """A cell as (number, text): Swedish ("38,2 %", "1 123") or a program's ("38.2", 38.2); "" clears.

    A bare number gets the indicator's unit, so "38.2" for a percentage reads "38,2 %" in the report."""
    if isinstance(raw, bool):
        raise ValueError("ett tal väntades")
    text = raw if isinstance(raw, str) else format(Decimal(str(raw)), "f") if isinstance(raw, (int, float, Decimal)) else None
    if text is None:
        raise ValueError("ett tal väntades")
    text = " ".join(text.split())
    if not text:
        return None, ""
    if _DOT_DECIMAL.match(text):
        text = text.replace(".", ",")
    quantity = parse_entered_quantity(text)
    if quantity is None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(f"'{shown}' är inte ett tal (skriv till exempel 38,2 eller 1 123, bara med en enhet efter)")
    if not quantity.unit and unit:
        text = f"{format_number(quantity.value)} {unit}"
    return quantity.value, text


def _committee_key(text: str) -> str:
    return str(text).strip().lower()


class _Resolver:
    """Finds the indicator value each row names, with a few queries for the whole input."""

    def __init__(self, user, rows: list[dict]):
        # Only reports the person may read are looked in: an unreadable one answers exactly as a
        # missing one would, so neither its existence nor its ids show.
        readable = access.readable_reports(user).values("pk")
        self.by_id = {}
        ids = [r["id"] for r in rows if _int(r.get("id")) is not None]
        if ids:
            self.by_id = {v.pk: v for v in _values().filter(pk__in=[_int(i) for i in ids], report__in=readable)}
        keyed = [r for r in rows if _int(r.get("id")) is None]
        self.reports: dict[tuple[str, int, str], list[models.IndicatorValue]] = {}
        if keyed:
            committees = {_committee_key(c.slug): c for c in models.Committee.objects.all()}
            committees |= {_committee_key(c.name): c for c in committees.values()}
            self.committees = committees
            wanted = {(committees[_committee_key(r.get("committee", ""))].pk, _int(r.get("year")),
                       str(r.get("period", "")).strip().upper())
                      for r in keyed if _committee_key(r.get("committee", "")) in committees}
            reports = {(rep.committee_id, rep.year, rep.period): rep.pk for rep in access.readable_reports(user).filter(
                committee_id__in={w[0] for w in wanted}, year__in={w[1] for w in wanted if w[1]})}
            ids = {reports[w] for w in wanted if w in reports}
            self.values_by_report: dict[int, list[models.IndicatorValue]] = {}
            for value in _values().filter(report_id__in=ids):
                self.values_by_report.setdefault(value.report_id, []).append(value)
            self.report_ids = reports

    def find(self, number: int, row: dict) -> tuple[models.IndicatorValue | None, RowError | None]:
        if _int(row.get("id")) is not None:
            value = self.by_id.get(_int(row["id"]))
            return (value, None) if value else (None, RowError(number, f"indikatorvärde {row['id']} finns inte",
                                                               "not_found", "id"))
        missing = [LABELS.get(k, k) for k in ("committee", "year", "period", "indicator") if not str(row.get(k) or "").strip()]
        if missing:
            names = {"committee": "nämnd", "year": "år", "period": "period", "indicator": "indikator"}
            return None, RowError(number, "ange id, eller nämnd, år, period och indikator (saknas: " +
                                  ", ".join(names.get(m, m) for m in missing) + ")")
        committee = self.committees.get(_committee_key(row["committee"]))
        if committee is None:
            return None, RowError(number, f"nämnden '{row['committee']}' finns inte", "not_found", "nämnd")
        year, period = _int(row["year"]), str(row["period"]).strip().upper()
        if year is None:
            return None, RowError(number, f"'{row['year']}' är inte ett år", column="år")
        if period not in Period.__members__:
            return None, RowError(number, f"'{row['period']}' är inte en period (VP, T1, T2 eller VB)", column="period")
        report_id = self.report_ids.get((committee.pk, year, period))
        if report_id is None:
            return None, RowError(number, f"{committee.name} har ingen rapport för {period} {year}", "not_found")
        wanted = str(row["indicator"]).strip()
        goal = str(row.get("goal") or "").strip()
        candidates = [v for v in self.values_by_report.get(report_id, [])
                      if wanted in (indicator_code(v.definition.key), str(v.definition_id))
                      or indicator_key(wanted) == v.definition.key]
        if goal:
            candidates = [v for v in candidates if v.goal.number == goal]
        if not candidates:
            return None, RowError(number, f"indikatorn '{wanted}' finns inte i rapporten"
                                  + (f" under mål {goal}" if goal else ""), "not_found", "indikator")
        if len(candidates) > 1:
            return None, RowError(number, f"indikatorn '{wanted}' finns under flera mål ("
                                  + ", ".join(v.goal.number for v in candidates) + "): ange mål", column="mål")
        return candidates[0], None


def _values():
    return models.IndicatorValue.objects.select_related("goal__report__committee", "definition", "report__committee")


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def plan(user, rows: list[dict], numbers: list[int] | None = None) -> Plan:
    """Check every row; nothing is written. Rows are numbered 1, 2, ... unless ``numbers`` says otherwise
    (a file's line numbers)."""
    resolver = _Resolver(user, rows)
    planned, errors, seen = [], [], {}
    for number, row in zip(numbers or range(1, len(rows) + 1), rows):
        nul = [key for key, value in row.items() if isinstance(value, str) and "\x00" in value]
        if nul:  # PostgreSQL cannot store it; SQLite would, so refuse it everywhere
            errors.append(RowError(number, "nolltecken (U+0000) i " + ", ".join(LABELS.get(k, k) for k in nul),
                                   column=LABELS.get(nul[0], nul[0])))
            continue
        if row.get(BEYOND_HEADER):
            errors.append(RowError(number, f"{row[BEYOND_HEADER]} värden står i kolumner utan rubrik "
                                   "(ett skiljetecken för mycket, till exempel ett decimalkomma i en kommaseparerad fil?)"))
            continue
        item, error = resolver.find(number, row)
        if error:
            errors.append(error)
            continue
        if not access.can_read(user, item.report):
            errors.append(RowError(number, f"indikatorvärde {item.pk} finns inte", "not_found"))
            continue
        if item.pk in seen:
            errors.append(RowError(number, f"samma indikator som på rad {seen[item.pk]}"))
            continue
        seen[item.pk] = number
        row_errors = len(errors)
        changes, before, after = {}, {}, {}
        unit = item.definition.unit
        for name in QUANTITIES:
            if name not in row or row[name] is None:
                continue
            try:
                value, text = parse_value(row[name], unit)
            except ValueError as problem:
                errors.append(RowError(number, f"{LABELS[name]}: {problem}", column=LABELS[name]))
                continue
            if text != getattr(item, f"{name}_text"):
                changes[name], changes[f"{name}_text"] = value, text
                before[name], after[name] = getattr(item, f"{name}_text"), text
        if row.get("analysis") is not None:
            analysis = str(row["analysis"]).strip()
            if len(analysis) > MAX_ANALYSIS_CHARS:
                errors.append(RowError(number, f"analys: högst {MAX_ANALYSIS_CHARS} tecken "
                                       f"(här {len(analysis)})", column="analys"))
            elif analysis != item.analysis:
                before["analysis"] = item.analysis
                changes["analysis"] = after["analysis"] = analysis
        version = item.version
        if row.get("version") not in (None, ""):
            version = _int(row["version"])
            if version is None:
                errors.append(RowError(number, f"version '{row['version']}' är inte ett heltal", column="version"))
            elif version != item.version:
                errors.append(RowError(number, f"indikatorn har ändrats sedan version {version} "
                                       f"(nu version {item.version})", "conflict", "version"))
        if not editing.can_edit(user, item):
            errors.append(RowError(number, f"du får inte ändra {item.name!r} i {item.report} "
                                   "(behörighet, eller så är avsnittet inte ett utkast)", "forbidden"))
        if len(errors) == row_errors:
            planned.append(PlannedRow(number, item, version, changes, before, after))
    return Plan(planned, errors)


@transaction.atomic
def apply(user, plan: Plan, note: str = "") -> int:
    """Write every planned row, or none: any error (also one found only now) rolls everything back."""
    if plan.errors:
        raise PlanRejected(plan)
    written = 0
    for row in plan.rows:
        if not row.changes:
            continue
        try:
            editing.update_item(user, row.item, row.version, row.changes, note=note)
        except editing.EditConflict:
            plan.errors.append(RowError(row.row, "indikatorn ändrades av någon annan under tiden", "conflict"))
        except PermissionDenied:
            plan.errors.append(RowError(row.row, "du får inte ändra indikatorn", "forbidden"))
        else:
            written += 1
    if plan.errors:
        raise PlanRejected(plan)  # rolls back the rows already written
    return written


# --- files -------------------------------------------------------------------------------------

class FileError(ValueError):
    """The file as a whole cannot be read (not CSV/XLSX, no header, unknown columns, too large)."""


# Limits on a file, whoever calls read_table: far above a city's outcome file (30 committees x
# 150 indicators), far below what would strain the server.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 50
MAX_CELL_CHARS = 20_000


def read_table(name: str, content: bytes) -> list[dict]:
    """Rows of a CSV (comma, semicolon or tab separated; UTF-8 or Windows-1252) or XLSX file, keyed
    by field (COLUMNS); the first row names the columns.

    Every row of the file is read (an XLSX's declared range is ignored, so rows beyond it count
    too), or the file is refused with FileError naming the limit: size, unpacked size, rows,
    columns and characters per cell. XLSX is read streaming, one row at a time."""
    table = read_cells(name, content)
    header = [" ".join(str(h or "").split()).lower().replace(" ", "_") for h in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise FileError("Okända kolumner: " + ", ".join(unknown) + ". Kända: " + ", ".join(sorted(COLUMNS)) + ".")
    fields = [COLUMNS.get(h) for h in header]
    if "id" not in fields and not {"committee", "year", "period", "indicator"} <= set(fields):
        raise FileError("Filen behöver kolumnen id, eller kolumnerna nämnd, år, period och indikator.")
    rows = []
    for cells in table[1:]:
        beyond = sum(1 for c in cells[len(fields):] if str(c).strip())
        row = {f: ("" if c is None else c) for f, c in zip(fields, cells) if f}
        if beyond:  # never dropped: the row is refused (plan says why)
            rows.append({**row, BEYOND_HEADER: beyond})
        elif any(str(v).strip() for v in row.values()):
            # Empty value cells leave the stored value as it is; to clear a value use the API.
            rows.append({k: v for k, v in row.items()
                         if k not in QUANTITIES + ("analysis", "version") or str(v).strip()})
        else:
            rows.append(None)
    # Keep file row numbers for blank lines: they are skipped but counted.
    return rows


def _checked(number: int, cells: list) -> list:
    """A row within the limits, its empty cells at the end dropped; FileError otherwise."""
    if number > MAX_ROWS + 1:
        raise FileError(f"Filen har fler än {MAX_ROWS} rader (utöver rubrikraden).")
    while cells and not str(cells[-1] if cells[-1] is not None else "").strip():
        cells.pop()
    if len(cells) > MAX_COLUMNS:
        raise FileError(f"Rad {number} har fler än {MAX_COLUMNS} kolumner.")
    for column, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise FileError(f"Rad {number}, kolumn {column}: cellen har fler än {MAX_CELL_CHARS} tecken.")
    return cells


def read_cells(name: str, content: bytes) -> list[list]:
    """The cells of a CSV or XLSX file, row by row, within the limits above (the economy import
    reads its own columns)."""
    if len(content) > MAX_FILE_BYTES:
        raise FileError(f"Filen är större än {MAX_FILE_BYTES // 1024 // 1024} MB.")
    lowered = name.lower()
    if lowered.endswith(".xlsx") or content[:2] == b"PK":
        table = _xlsx_rows(content)
    elif lowered.endswith((".csv", ".txt", ".tsv")) or not lowered:
        table = _csv_rows(content)
    else:
        raise FileError("Filen ska vara CSV eller XLSX.")
    if not table:
        raise FileError("Filen är tom.")
    return table


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [_checked(number, row)
                for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1)]
    except csv.Error as error:
        raise FileError(f"Filen går inte att läsa som CSV ({error}).") from None


def _xlsx_rows(content: bytes) -> list[list]:
    import openpyxl  # with defusedxml installed it parses without entity expansion

    from ils.importers.archives import ArchiveRefused, check_zip

    try:
        check_zip(content)
    except ArchiveRefused as refused:
        raise FileError(f"Filen går inte att läsa som XLSX: {refused}.") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileError(f"Filen går inte att läsa som XLSX ({error.__class__.__name__}).") from None
    try:
        if not book.worksheets:
            raise FileError("Arbetsboken har inget kalkylblad.")
        sheet = book.worksheets[0]
        # The declared range ("A1:XFD1048576") is neither trusted nor used to pad rows: only the
        # cells the sheet holds are read, and every row it holds is.
        sheet.reset_dimensions()
        rows = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append(_checked(number, ["" if c is None else c for c in row]))
    except FileError:
        raise
    except Exception as error:
        raise FileError(f"Filen går inte att läsa som XLSX ({error.__class__.__name__}).") from None
    finally:
        book.close()
    return rows


def plan_file(user, name: str, content: bytes, versions: dict[int, int] | None = None) -> Plan:
    """The plan for a file; its rows are numbered as in the file (the header is row 1).

    ``versions`` (file row -> the version a preview showed) makes a row without its own version
    column a conflict if someone changed the indicator since the preview."""
    rows = read_table(name, content)
    for number, row in enumerate(rows, start=2):
        if row is not None and number in (versions or {}) and not str(row.get("version", "")).strip():
            row["version"] = versions[number]
    numbered = [(n, r) for n, r in enumerate(rows, start=2) if r is not None]
    if not numbered:
        return Plan([], [RowError(1, "filen har inga rader med värden")])
    return plan(user, [r for _, r in numbered], [n for n, _ in numbered])
