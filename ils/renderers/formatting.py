"""Swedish wording and number formatting shared by every renderer.

One place decides how a report says a date, a value, an assessment or an indicator status, so
the HTML, PDF, DOCX, XLSX and text versions of a report never disagree.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ils.domain.assessment import Assessment
from ils.domain.economics import EconomyRow, EconomyTable
from ils.domain.model import ActivityStatus, Document, DocumentType, Goal, GoalLevel, IndicatorResult
from ils.domain.targets import IndicatorStatus, Target, TargetKind
from ils.domain.values import Quantity, format_number

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def swedish_date(value: date) -> str:
    """23 maj 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def decision_line(doc) -> str:
    """"Nämndens beslut: 23 maj 2024, § 12" for a locked document; empty before the decision."""
    if doc.decision_date is None:
        return ""
    paragraph = f", {doc.decision_paragraph}" if doc.decision_paragraph else ""
    return f"Nämndens beslut: {swedish_date(doc.decision_date)}{paragraph}"


def document_title(doc: Document) -> str:
    """The stored title, or the city's form computed from type, period, year and committee."""
    from ils.domain.front_matter import city_title

    return doc.title or city_title(doc.type, doc.period, doc.year, doc.committee)


def is_plan(doc: Document) -> bool:
    return doc.type is DocumentType.VERKSAMHETSPLAN


def is_annual_report(doc: Document) -> bool:
    """The annual report speaks of the year in the past tense ("Uppfylldes helt")."""
    return doc.type is DocumentType.VERKSAMHETSBERATTELSE


def goals_part_title(doc: Document) -> str:
    return "Kommunfullmäktiges inriktningsmål" if is_plan(doc) else \
        "Uppföljning av Kommunfullmäktiges inriktningsmål"


def economy_part_title(doc: Document) -> str:
    return "Redovisning av ekonomi" if is_plan(doc) else "Uppföljning av ekonomi"


def goal_heading(goal: Goal) -> str:
    """"KF:s inriktningsmål: 1. …", "KF:s mål för verksamhetsområdet: 1.1 …", "Nämndmål: 1.1.1 …"."""
    number = f"{goal.number}." if goal.level is GoalLevel.INRIKTNINGSMAL else goal.number
    return f"{goal.level.label}: {number} {goal.title}"


def goal_reference(goal: Goal) -> str:
    """The goal as a sentence names it: "KF:s mål för verksamhetsområdet 1.1", "nämndmål 1.1.1"."""
    label = "nämndmål" if goal.level is GoalLevel.NAMNDMAL else goal.level.label
    return f"{label} {goal.number}"


def quantity_text(value: Quantity | None) -> str:
    """The cell as the committee wrote it, else the value formatted the Swedish way."""
    if value is None:
        return ""
    return value.text or f"{format_number(value.value)} {value.unit}".strip()


def target_text(target: Target) -> str:
    return target.text or ("" if target.value is None else format_number(target.value))


def indicator_columns(doc: Document) -> list[str]:
    """The indicator table header of the document type, exactly as the city's exports print it."""
    previous = doc.year - 1
    if is_plan(doc):
        return ["Indikator", "Årsmål", f"KF:s årsmål år {doc.year}", "Periodicitet"]
    head = ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor"]
    if is_annual_report(doc):
        return head + [f"Periodens utfall VB {previous}", "Årsmål", "KF:s årsmål", "Period"]
    return head + [f"Utfall VB {previous}", "Prognos helår", "Årsmål", "KF:s årsmål", "Period"]


def indicator_header(doc: Document) -> list[str]:
    """The printed indicator table: the export's columns plus, in follow-ups, the status."""
    return indicator_columns(doc) + ([] if is_plan(doc) else ["Bedömning"])


def indicator_fields(doc: Document) -> list[str]:
    """The IndicatorResult fields after the indicator name, in the order of ``indicator_columns``."""
    if is_plan(doc):
        return ["target", "kf_target", "frequency"]
    outcomes = ["outcome", "outcome_men", "outcome_women", "previous"]
    return outcomes + ([] if is_annual_report(doc) else ["forecast"]) + ["target", "kf_target", "period"]


def indicator_values(doc: Document, indicator: IndicatorResult) -> list[Quantity | Target | str | None]:
    """The values after the indicator name, in the order of ``indicator_columns``."""
    return [getattr(indicator, field) for field in indicator_fields(doc)]


def cell_text(value: Quantity | Target | str | None) -> str:
    if isinstance(value, Quantity):
        return quantity_text(value)
    if isinstance(value, Target):
        return target_text(value)
    return value or ""


def is_number(value: Quantity | Target | str | None) -> bool:
    """A number (with its unit), which a layout must never break over two lines."""
    return isinstance(value, Quantity) or (isinstance(value, Target) and value.is_numeric)


def indicator_cells(doc: Document, indicator: IndicatorResult) -> list[str]:
    """The cells after the indicator name, in the order of ``indicator_columns``."""
    return [cell_text(v) for v in indicator_values(doc, indicator)]


def activity_columns(doc: Document) -> list[str]:
    return ["Aktivitet", "Startdatum", "Slutdatum"] + ([] if is_plan(doc) else ["Avvikelse"])


# Shapes that differ without colour, in fonts that every renderer can rely on (DejaVu, Arial).
SYMBOLS = {"helt": "●", "delvis": "▲", "inte": "■", "ej": "○"}


def assessment_label(assessment: Assessment, doc: Document) -> str:
    """"Uppfylls helt" during the year, "Uppfylldes helt" in the annual report."""
    return assessment.label(past=is_annual_report(doc))


def assessment_symbol(assessment: Assessment) -> str:
    return SYMBOLS[assessment.value]


_STATUS_DEGREE = {
    IndicatorStatus.MET: "helt",
    IndicatorStatus.PARTLY_MET: "delvis",
    IndicatorStatus.NOT_MET: "inte",
}


def status_key(status: IndicatorStatus) -> str:
    """helt / delvis / inte / ej: a CSS class and a symbol key."""
    return _STATUS_DEGREE.get(status, "ej")


def status_label(status: IndicatorStatus, doc: Document) -> str:
    """"Uppnås helt" (forecast during the year), "Uppnåddes helt" in the annual report."""
    degree = _STATUS_DEGREE.get(status)
    if degree is None:
        return "Kan inte bedömas"
    return f"{'Uppnåddes' if is_annual_report(doc) else 'Uppnås'} {degree}"


def status_symbol(status: IndicatorStatus) -> str:
    return SYMBOLS[status_key(status)]


TARGET_KIND_LABELS = {
    TargetKind.NUMBER: "Tal",
    TargetKind.INCREASE: "Ökning",
    TargetKind.DECREASE: "Minskning",
    TargetKind.MAX: "Högst",
    TargetKind.MIN: "Minst",
    TargetKind.TOLERANCE: "Intervall (+/-)",
    TargetKind.SET_BY_COMMITTEE: "Tas fram av nämnd",
    TargetKind.TO_BE_SET: "Fastställs senare",
    TargetKind.TEXT: "Text",
    TargetKind.EMPTY: "",
}

ACTIVITY_STATUS_LABELS = {
    ActivityStatus.GENOMFORD: "Genomförd",
    ActivityStatus.PAGAR: "Pågår",
    ActivityStatus.AVVIKELSE: "Avvikelse",
}
# ILS's own activity icons, with the status key (colour class) of the same degree.
ACTIVITY_SYMBOLS = {ActivityStatus.GENOMFORD: ("✓", "helt"), ActivityStatus.PAGAR: ("▶", "ej"),
                    ActivityStatus.AVVIKELSE: ("!", "inte")}


def activity_header(doc: Document) -> list[str]:
    """The printed activity table: the export's columns plus, in follow-ups, the status."""
    return activity_columns(doc) + ([] if is_plan(doc) else ["Status"])


def activity_status(activity) -> tuple[str, str, str]:
    """(word, symbol, key) of an activity's status; empty when it has none."""
    symbol, key = ACTIVITY_SYMBOLS.get(activity.status, ("", "ej"))
    return ACTIVITY_STATUS_LABELS.get(activity.status, ""), symbol, key


# Printed decimals by table unit: mnkr with one, tkr with none; volumes keep their own (none).
UNIT_DECIMALS = {"mnkr": 1, "tkr": 0}


def economy_decimals(table: EconomyTable) -> int | None:
    return UNIT_DECIMALS.get(table.unit.lower())


def economy_texts(table: EconomyTable) -> str:
    """The committee's text about a table, then each row's ("Äldreomsorg: ..."), as paragraphs."""
    parts = [table.text] + [f"{row.label}: {row.text}" for row in table.rows if row.text]
    return "\n".join(p for p in parts if p.strip())


def is_text_entry(table: EconomyTable) -> bool:
    """An economy entry with a text and no table (no columns, no rows): printed as a sub-heading and its
    text, never as an empty table. A table of the app's kinds always has its kind's columns."""
    return not table.kind and not table.columns and not table.rows


def economy_stub(table: EconomyTable) -> str:
    """The table's top-left header cell. A table as printed (no ``kind``) keeps its own, even an empty
    one – the unit in its place would be read back as a stub the report never had; a table of the
    app's kinds shows its unit there."""
    if not table.kind:
        return table.stub
    return table.stub or {"mnkr": "Mnkr", "tkr": "Tkr"}.get(table.unit, "")


def is_percent(row: EconomyRow, index: int) -> bool:
    return index < len(row.raw) and row.raw[index].strip().endswith("%")


def economy_cell(table: EconomyTable, row: EconomyRow, index: int) -> str:
    """"3 331,1", "-414,8", "47,1 %": the value with the table's decimals (or more, as written), a percent kept."""
    value = row.values[index] if index < len(row.values) else None
    if value is None:
        return ""
    decimals = economy_decimals(table)
    if decimals is not None:  # never round away a decimal the committee wrote ("-4,45" in an mnkr table)
        decimals = max(decimals, number_format_decimals(value))
    text = format_number(value, decimals)
    return f"{text} %" if is_percent(row, index) else text


def number_format_decimals(value: Decimal) -> int:
    """Decimals a value was written with (Decimal keeps them: 37834.0 has one)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


# The history page's names of stored fields, per item kind (audit entries name the field).
_FIELD_LABELS = {
    "title": "Rubrik", "number": "Nummer", "description": "Beskrivning", "expected_results": "Förväntat resultat",
    "analysis": "Analys", "assessment": "Bedömning", "assessment_reason": "Motivering av bedömningen",
    "status": "Status", "skapad": "Skapad", "borttagen": "Borttagen", "beslut": "Förslag till beslut",
    "outcome": "Periodens utfall", "outcome_men": "Utfall män/pojkar", "outcome_women": "Utfall kvinnor/flickor",
    "previous": "Utfall föregående år", "forecast": "Prognos helår", "target": "Årsmål",
    "kf_target": "KF:s årsmål", "frequency": "Periodicitet", "period": "Period", "unit": "Enhet",
    "direction": "Riktning", "name": "Namn", "goal": "Mål", "text": "Text", "start": "Startdatum",
    "end": "Slutdatum", "deviation": "Avvikelse",
}
_KIND_LABELS = {("aktivitet", "text"): "Aktivitet", ("mal", "title"): "Målets rubrik",
                ("aktivitet", "analysis"): "Analys"}


def field_label(field: str, item_type: str = "") -> str:
    """"outcome_men" -> "Utfall män/pojkar"; older entries' "_text"/"_value" twins read as their quantity."""
    base = field.removesuffix("_text").removesuffix("_value").removesuffix("_kind")
    return _KIND_LABELS.get((item_type, base)) or _FIELD_LABELS.get(base, field)
