"""Domain Document -> text in the layout of the city's ILS export.

The same layout the importer reads: one paragraph per line, tables as TAB-separated rows with
the column set of the document type. Used for round trips (import, render, import again) and
as the plain-text download of a report.
"""
from __future__ import annotations

from ils.domain.model import Document, DocumentType, Goal, GoalLevel, IndicatorResult
from ils.domain.targets import Target
from ils.domain.values import Quantity, format_number

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]


def swedish_date(value) -> str:
    """23 maj 2024."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _quantity(value: Quantity | None) -> str:
    if value is None:
        return ""
    return value.text or f"{format_number(value.value)} {value.unit}".strip()


def _target(target: Target) -> str:
    return target.text or ("" if target.value is None else format_number(target.value))


def indicator_columns(doc: Document) -> list[str]:
    previous = doc.year - 1
    if doc.type is DocumentType.VERKSAMHETSPLAN:
        return ["Indikator", "Årsmål", f"KF:s årsmål år {doc.year}", "Periodicitet"]
    head = ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor"]
    if doc.type is DocumentType.VERKSAMHETSBERATTELSE:
        return head + [f"Periodens utfall VB {previous}", "Årsmål", "KF:s årsmål", "Period"]
    return head + [f"Utfall VB {previous}", "Prognos helår", "Årsmål", "KF:s årsmål", "Period"]


def _indicator_cells(doc: Document, indicator: IndicatorResult) -> list[str]:
    name = f"{indicator.icons} {indicator.name}".strip()
    if doc.type is DocumentType.VERKSAMHETSPLAN:
        return [name, _target(indicator.target), _target(indicator.kf_target), indicator.frequency]
    cells = [name, _quantity(indicator.outcome), _quantity(indicator.outcome_men),
             _quantity(indicator.outcome_women), _quantity(indicator.previous)]
    if doc.type is not DocumentType.VERKSAMHETSBERATTELSE:
        cells.append(_quantity(indicator.forecast))
    return cells + [_target(indicator.target), _target(indicator.kf_target), indicator.period]


def _goal_heading(goal: Goal) -> str:
    number = f"{goal.number}." if goal.level is GoalLevel.INRIKTNINGSMAL else goal.number
    return f"{goal.level.label}: {number} {goal.title}"


def render_text(doc: Document) -> str:
    out: list[str] = []

    def para(*lines: str) -> None:
        """Lines printed together, then a blank line; a multi-line text is one line a paragraph."""
        for line in lines:
            out.extend(line.split("\n"))
        out.append("")

    if doc.author:
        para("Handläggare", doc.author)
    para("Till", doc.committee, *( [swedish_date(doc.date)] if doc.date else []))
    para(doc.title or f"{doc.period.label} {doc.year} för {doc.committee}")
    if doc.decisions:
        para("Förslag till beslut")
        para(*(f"{d.number}. {d.text}" for d in doc.decisions))
    if doc.summary:
        para("Sammanfattning", doc.summary)
    if doc.attachments:
        para("Bilagor")
        for attachment in doc.attachments:
            para(f"{attachment.label}: {attachment.title}".strip())
    if doc.sections:
        para("Sammanfattande analys")
    for section in doc.sections:
        if section.heading:
            para(section.heading)
        for paragraph in section.text.split("\n") if section.text else []:
            para(paragraph)
    para("Uppföljning av Kommunfullmäktiges inriktningsmål")
    with_status = doc.type is not DocumentType.VERKSAMHETSPLAN
    for goal in doc.goals:
        _render_goal(doc, goal, para, with_status)
    _render_economy(doc, para)
    return "\n".join(out)


def _render_goal(doc: Document, goal: Goal, para, with_status: bool) -> None:
    para(_goal_heading(goal))
    if goal.assessment is not None:
        para(f"{goal.icon} {goal.assessment.label()}".rstrip() if goal.icon
             else f" {goal.assessment.label()}")
    if goal.description:
        if goal.level is GoalLevel.NAMNDMAL:
            para("Beskrivning")
        for paragraph in goal.description.split("\n"):
            para(paragraph)
    if goal.expected_results:
        para("Förväntat resultat")
        para(*(f"- {item}" for item in goal.expected_results))
    if goal.analysis:
        para("Analys")
        for paragraph in goal.analysis.split("\n"):
            para(paragraph)
    for section in goal.sections:
        para(section.heading)
        for paragraph in section.text.split("\n") if section.text else []:
            para(paragraph)
    indicators = doc.indicators_of(goal.number)
    if indicators:
        rows = ["\t".join(indicator_columns(doc))]
        for indicator in indicators:
            rows.append("\t".join(_indicator_cells(doc, indicator)))
            if indicator.analysis:
                width = len(indicator_columns(doc))
                rows.append("\t".join([f"Analys {indicator.analysis.replace(chr(10), ' ')}"] + [""] * (width - 1)))
        para(*rows)
    activities = doc.activities_of(goal.number)
    if activities:
        header = ["Aktivitet", "Startdatum", "Slutdatum"] + (["Avvikelse"] if with_status else [])
        rows = ["\t".join(header)]
        for activity in activities:
            cells = [f"{activity.icons} {activity.text}".strip(),
                     activity.start.isoformat() if activity.start else "",
                     activity.end.isoformat() if activity.end else ""]
            rows.append("\t".join(cells + ([activity.deviation] if with_status else [])))
            if activity.analysis:
                rows.append("\t".join([f"Analys {activity.analysis.replace(chr(10), ' ')}"]
                                      + [""] * (len(header) - 1)))
        para(*rows)


def _render_economy(doc: Document, para) -> None:
    if not doc.economy:
        return
    para("Uppföljning av ekonomi")
    section = None
    for table in doc.economy:
        if table.section and table.section != section:
            section = table.section
            if table.title != section:
                para(section)
        # Every table gets its heading, so two tables never run together into one.
        para(table.title or section or "Tabell")
        stub = table.stub or {"mnkr": "Mnkr", "tkr": "Tkr"}.get(table.unit, "")
        rows = ["\t".join([stub] + table.columns)]
        for row in table.rows:
            rows.append("\t".join([row.label] + [format_number(v) for v in row.values]))
        para(*rows)
