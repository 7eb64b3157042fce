"""Domain Document -> text in the layout of the city's ILS export.

The same layout the importer reads: one paragraph per line, tables as TAB-separated rows with
the column set of the document type. Used for round trips (import, render, import again) and
as the plain-text download of a report.
"""
from __future__ import annotations

from ils.domain import markup
from ils.domain.model import Document, Goal, GoalLevel
from ils.domain.values import format_number

from .front_matter import attachment_items, decision_items, head_groups
from .outline import text_parts
from .formatting import (activity_columns, activity_status, document_title, economy_stub, economy_texts,
                         goal_heading, indicator_cells, indicator_columns, is_plan, is_text_entry)


def render_text(doc: Document) -> str:
    out: list[str] = []

    def para(*lines: str) -> None:
        """Lines printed together, then a blank line; a multi-line text is one line a paragraph."""
        for line in lines:
            out.extend(line.split("\n"))
        out.append("")

    for label, lines in head_groups(doc):
        para(*([label] if label != "Diarienummer" else []), *lines)
    para(document_title(doc))
    if doc.decisions:
        para("Förslag till beslut")
        para(*(f"{n}. {text}" for n, text in decision_items(doc)))
        for signature in doc.signatures:
            para(signature.name, signature.title)
    if doc.summary:
        para("Sammanfattning", doc.summary)
    if doc.case:
        para("Ärendet", doc.case)
    if doc.attachments:
        para("Bilagor")
        for item in attachment_items(doc):
            para(item)
    before, after = text_parts(doc)
    _render_texts(before, para)
    para("Uppföljning av Kommunfullmäktiges inriktningsmål")
    for goal in doc.goals:
        _render_goal(doc, goal, para)
    _render_economy(doc, para)
    _render_texts(after, para)
    if doc.attestations:
        para("Attesterat av", "Detta dokument har godkänts digitalt av följande personer:")
        para("Namn\tDatum", *(f"{a.name}\t{a.date.isoformat() if a.date else ''}" for a in doc.attestations))
    return "\n".join(out)


def _render_texts(parts, para) -> None:
    """Each heading and paragraph on its own line, list items as "- " lines, as the export has them."""
    for part in parts:
        para(part.heading)
        for block in markup.parse(part.text):
            if isinstance(block, markup.ListBlock):
                for item in block.texts:
                    para(f"- {item}")
            else:
                para(block.text)


def _render_goal(doc: Document, goal: Goal, para) -> None:
    para(goal_heading(goal))
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
            name = f"{indicator.icons} {indicator.name}".strip()
            rows.append("\t".join([name] + indicator_cells(doc, indicator)))
            if indicator.analysis:
                width = len(indicator_columns(doc))
                rows.append("\t".join([f"Analys {indicator.analysis.replace(chr(10), ' ')}"] + [""] * (width - 1)))
        para(*rows)
    activities = doc.activities_of(goal.number)
    if activities:
        header = activity_columns(doc)
        with_status = not is_plan(doc)
        rows = ["\t".join(header)]
        for activity in activities:
            # A status set in the app has no printed icon of its own: it is written as ILS's symbol.
            icons = activity.icons or activity_status(activity)[1]
            cells = [f"{icons} {activity.text}".strip(),
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
        if is_text_entry(table):  # its heading (if it has one) and its paragraphs, as the report prints them
            for line in [table.title, *table.text.split("\n")]:
                if line:
                    para(line)
            continue
        # Every table gets its heading, so two tables never run together into one.
        para(table.title or section or "Tabell")
        stub = economy_stub(table)
        rows = ["\t".join([stub] + table.columns)]
        for row in table.rows:
            rows.append("\t".join([row.label] + [format_number(v) for v in row.values]))
        para(*rows)
        for line in economy_texts(table).split("\n"):
            if line:
                para(line)
