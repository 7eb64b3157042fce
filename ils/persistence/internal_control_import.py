"""Importing an existing risk analysis and control plan from CSV or XLSX: a preview, then all rows or none.

One row per risk, or per control of a risk: rows naming the same area and risk make one risk with
several controls. Columns (first row, any order, case and spaces ignored): område, risk, kategori,
sannolikhet, konsekvens, hantering, motivering, åtgärd, kontrollmoment, metod, frekvens, ansvarig,
när, rapporteras_i. Words are accepted as printed ("Stickprov", "Tertialvis", "Åtgärd"). The file
is read by the outcome import's reader (CSV with ; , or tab, UTF-8 or Windows-1252, or XLSX).
The rows are checked by the same cleaning as forms and the API (`internal_control.clean_*`) and
written through `add_risk` / `add_control` in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ils.domain import internal_control as ic

from . import internal_control as service
from . import models
from .bulk_outcomes import FileError, read_cells

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
COLUMNS = {"område": "area", "process": "area", "process_eller_område": "area", "risk": "description",
           "kategori": "category", "sannolikhet": "probability", "konsekvens": "consequence",
           "hantering": "treatment", "motivering": "motivation", "åtgärd": "action",
           "ansvarig_för_åtgärd": "action_owner", "kontrollmoment": "what", "metod": "method",
           "frekvens": "frequency", "ansvarig": "responsible", "när": "when", "rapporteras_i": "reported_in"}
COLUMN_OF = {f: c for c, f in reversed(list(COLUMNS.items()))}
CONTROL_FIELDS = ("what", "method", "frequency", "responsible", "when", "reported_in")
WORDS = {
    "treatment": {**{t.label.lower(): t.value for t in ic.Treatment if t.value}, "kontroll": "kontroll",
                  "åtgärd": "atgard", "acceptans": "acceptans", "accepteras": "acceptans"},
    "method": {m.label.lower(): m.value for m in ic.Method} | {m.value: m.value for m in ic.Method},
    "frequency": {f.label.lower(): f.value for f in ic.Frequency} | {f.value: f.value for f in ic.Frequency},
}


@dataclass
class PlannedRisk:
    row: int
    fields: dict
    controls: list[tuple[int, dict]] = field(default_factory=list)


@dataclass
class ImportPlan:
    risks: list[PlannedRisk]
    errors: list[tuple[int, str, str]]  # (row in the file, column, problem)

    @property
    def control_count(self) -> int:
        return sum(len(r.controls) for r in self.risks)


class ImportRejected(Exception):
    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(f"{len(plan.errors)} rader har fel; ingenting sparades.")


def read_plan_file(name: str, content: bytes) -> list[dict | None]:
    if len(content) > MAX_BYTES:
        raise FileError(f"filen är större än {MAX_BYTES // (1024 * 1024)} MB.")
    table = read_cells(name, content)  # the outcome import's reader, with its limits on XLSX and CSV
    if len(table) > MAX_ROWS + 1:
        raise FileError(f"filen har fler än {MAX_ROWS} rader.")
    header = [" ".join(str(h or "").split()).lower().replace(" ", "_") for h in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise FileError("Okända kolumner: " + ", ".join(unknown) + ". Kända: " + ", ".join(COLUMNS) + ".")
    if not {"area", "description"} <= {COLUMNS[h] for h in header if h}:
        raise FileError("Filen behöver kolumnerna område och risk.")
    rows = []
    for cells in table[1:]:
        row = {COLUMNS[h]: ("" if c is None else str(c).strip()) for h, c in zip(header, cells) if h}
        rows.append(row if any(row.values()) else None)
    return rows


def _words(row: dict, number: int, errors: list) -> dict:
    out = dict(row)
    for name, words in WORDS.items():
        text = out.get(name, "")
        if text:
            value = words.get(text.lower())
            if value is None:
                errors.append((number, COLUMN_OF[name], f"'{text}' är inte ett av: {', '.join(sorted(words))}"))
            else:
                out[name] = value
    return out


def _collect(errors: list, number: int, error: service.InputError) -> None:
    for name, message in error.errors.items():
        errors.append((number, COLUMN_OF.get(name, name), message))


def plan_import(user, analysis: models.RiskAnalysis, name: str, content: bytes) -> ImportPlan:
    """Every row checked, nothing written; PermissionDenied first if the person may not edit."""
    service.require(service.may_edit(user, analysis), service.edit_message(analysis.report))
    rows = read_plan_file(name, content)
    matrix = service.matrix_of(analysis)
    errors: list[tuple[int, str, str]] = []
    risks: dict[tuple[str, str], PlannedRisk] = {}
    for number, row in enumerate(rows, start=2):
        if row is None:
            continue
        row = _words(row, number, errors)
        key = (row.get("area", ""), row.get("description", ""))
        risk_data = {k: v for k, v in row.items() if k not in CONTROL_FIELDS}
        if key not in risks:
            try:
                risks[key] = PlannedRisk(number, service.clean_risk(
                    matrix, {"probability": None, "consequence": None, **risk_data}))
            except service.InputError as error:
                _collect(errors, number, error)
                continue
        if row.get("what"):
            control = {k: row.get(k, "") for k in CONTROL_FIELDS}
            control["reported_in"] = control["reported_in"] or "VB"
            problems = _control_problems(analysis, control)
            if problems:
                _collect(errors, number, problems)
            else:
                risks[key].controls.append((number, control))
    return ImportPlan(list(risks.values()), errors)


def _control_problems(analysis, control: dict) -> service.InputError | None:
    """The control's own fields checked as the form checks them; its risk is the row's, made on import."""
    try:
        service.clean_control(analysis, {**control, "risk": None})
    except service.InputError as error:
        error.errors.pop("risk", None)
        return service.InputError(error.errors) if error.errors else None
    return None


@transaction.atomic
def apply_import(user, analysis: models.RiskAnalysis, name: str, content: bytes) -> ImportPlan:
    plan = plan_import(user, analysis, name, content)
    if plan.errors or not plan.risks:
        raise ImportRejected(plan)
    for planned in plan.risks:
        risk = service.add_risk(user, analysis, planned.fields)
        for _, control in planned.controls:
            service.add_control(user, analysis, {**control, "risk": risk.pk})
    return plan
