"""Domain Document -> a tagged PDF/UA-1 report, laid out by Typst.

The parts come in the order and wording of the HTML report (``html_report``): tjänsteutlåtande
head, title, Förslag till beslut, Sammanfattning, Innehållsförteckning (Typst's outline, with page
numbers), Bilagor, the introductory analysis, the goal tree, the economics, the remaining accounts
and the attestation. This module turns the Document into a list of blocks (JSON); the template in
``report_typst`` draws them. Report text is handed over as data, never as Typst markup, so no text
needs escaping and none can change the layout.

Typst tags headings, lists, the outline and tables (THead/TBody, column headers with /Scope,
captions), checks PDF/UA-1 while it compiles and refuses a document that breaks it.
"""
from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import typst

from ils.domain.economics import EconomyTable, RowKind
from ils.domain import markup
from ils.domain.model import Document, Goal, GoalLevel
from ils.domain.text_template import Part as TextPart

from .formatting import (
    decision_line,
    activity_header, activity_status, assessment_label, assessment_symbol, cell_text, document_title, economy_cell,
    economy_part_title, economy_texts, economy_stub, goal_heading, goal_reference, goals_part_title,
    indicator_header, indicator_values, is_number, is_plan, is_text_entry, status_key,
    status_label, status_symbol,
)
from .outline import (
    INDICATOR_WIDTHS, activity_widths, economy_groups, economy_widths, goal_depths, part_blocks, part_groups,
    text_blocks, text_parts,
)
from .front_matter import attachment_items, decision_items, head_groups
from .report_typst import REPORT_TYP

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

Block = dict[str, object]

# Typst lays out pages on a thread pool that lives as long as the process. A child forked after
# its parent compiled inherits the pool without its threads, and its compile would wait forever.
_process = {"compiled": False, "forked_after_compile": False}


def _after_fork_in_child() -> None:
    _process["forked_after_compile"] = _process["compiled"]


os.register_at_fork(after_in_child=_after_fork_in_child)


@cache
def _fonts() -> typst.Fonts:
    """DejaVu and Typst's embedded fonts only, loaded once: no system font scan, same output anywhere."""
    paths = [str(FONT_DIR)] if FONT_DIR.is_dir() else []
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=paths)


# Block builders, public: the city report (ils.city.exports) is drawn by the same template.

def heading_block(level: int, text: str, toc: bool = False, page: bool = False) -> Block:
    return {"k": "h", "level": level, "t": text, "toc": toc, "page": page}


def _text(text: str) -> list[Block]:
    return [{"k": "ul", "items": block} if isinstance(block, list) else {"k": "p", "t": block}
            for block in text_blocks(text)]


def table_cell(text: str, **options) -> dict[str, object]:
    return {"t": text, **options}


def table_block(caption: str, header: list[str], rows: list[dict], widths: list[float],
           corner: bool = True) -> Block:
    """A table whose first column heads the rows; ``corner`` False leaves the top-left cell empty."""
    head = ["" if i == 0 and not corner else name for i, name in enumerate(header)]
    return {"k": "table", "caption": caption, "header": head, "rows": rows, "widths": widths}


def table_row(cells: list[dict], kind: str = "data") -> dict:
    return {"kind": kind, "cells": cells}


def _analysis_row(text: str) -> dict:
    return table_row([table_cell(f"Analys: {' '.join(text.split())}")], "analys")


def number_cell(text: str) -> dict:
    """A figure: right-aligned and never broken ("3 331,1")."""
    return table_cell(text, num=True, nowrap=True)


def _value_cell(value) -> dict:
    """Numbers right-aligned and unbroken, word targets right-aligned too, the period as text."""
    if is_number(value):
        return number_cell(cell_text(value))
    return table_cell(cell_text(value), num=not isinstance(value, str))


def _indicator_table(doc: Document, goal: Goal) -> list[Block]:
    indicators = doc.indicators_of(goal.number)
    if not indicators:
        return []
    header = indicator_header(doc)
    rows = []
    for indicator in indicators:
        cells = [table_cell(indicator.name, stub=True)] + [_value_cell(v) for v in indicator_values(doc, indicator)]
        if not is_plan(doc):
            status = indicator.status
            cells.append(table_cell(status_label(status, doc), symbol=status_symbol(status), key=status_key(status)))
        rows.append(table_row(cells))
        if indicator.analysis:
            rows.append(_analysis_row(indicator.analysis))
    return [table_block(f"Indikatorer för {goal_reference(goal)}", header, rows, INDICATOR_WIDTHS[len(header)])]


def _activity_table(doc: Document, goal: Goal) -> list[Block]:
    activities = doc.activities_of(goal.number)
    if not activities:
        return []
    header = activity_header(doc)
    rows = []
    for activity in activities:
        cells = [table_cell(activity.text, stub=True)]
        cells += [table_cell(day.isoformat() if day else "", nowrap=True) for day in (activity.start, activity.end)]
        if not is_plan(doc):
            word, symbol, key = activity_status(activity)
            cells.append(table_cell(activity.deviation))
            cells.append(table_cell(word, symbol=symbol, key=key) if word else table_cell(""))
        rows.append(table_row(cells))
        if activity.analysis:
            rows.append(_analysis_row(activity.analysis))
    return [table_block(f"Aktiviteter för {goal_reference(goal)}", header, rows, activity_widths(len(header)))]


def _goal(doc: Document, goal: Goal, level: int, new_page: bool) -> list[Block]:
    sub = level + 1
    out = [heading_block(level, goal_heading(goal), toc=goal.level is not GoalLevel.NAMNDMAL, page=new_page)]
    if goal.assessment is not None:
        out.append({"k": "mark", "t": assessment_label(goal.assessment, doc),
                    "symbol": assessment_symbol(goal.assessment), "key": goal.assessment.value})
    if goal.description:
        if goal.level is GoalLevel.NAMNDMAL:
            out.append(heading_block(sub, "Beskrivning"))
        out += _text(goal.description)
    if goal.expected_results:
        out += [heading_block(sub, "Förväntat resultat"), {"k": "ul", "items": list(goal.expected_results)}]
    if goal.analysis:
        out += [heading_block(sub, "Analys")] + _text(goal.analysis)
    for section in goal.sections:
        if section.heading:
            out.append(heading_block(sub, section.heading))
        out += _text(section.text)
    return out + _indicator_table(doc, goal) + _activity_table(doc, goal)


def _part(title: str, body: list[Block], new_page: bool = False, toc: bool = True) -> list[Block]:
    return [heading_block(2, title, toc=toc, page=new_page)] + body


def _goals_part(doc: Document) -> list[Block]:
    if not doc.goals:
        return []
    out: list[Block] = []
    for goal, depth in goal_depths(doc):
        # Each inriktningsmål starts a page; the first one already does with its part.
        out += _goal(doc, goal, depth + 2, new_page=goal.level is GoalLevel.INRIKTNINGSMAL and bool(out))
    return _part(goals_part_title(doc), out, new_page=True)


def economy_table_block(table: EconomyTable) -> Block:
    stub = economy_stub(table)
    rows = []
    for row in table.rows:
        kind = {RowKind.TOTAL: "total", RowKind.VARAV: "varav", RowKind.GROUP: "group"}.get(row.kind, "data")
        # An unlabelled row (a percentage under the row above) gets no row header.
        cells = [table_cell(row.label, stub=bool(row.label.strip()))]
        cells += [number_cell(economy_cell(table, row, i)) for i in range(len(table.columns))]
        rows.append(table_row(cells, kind))
    return table_block(table.title or table.section or "Tabell", [stub] + table.columns, rows,
                  economy_widths(len(table.columns)), corner=bool(stub))


def _economy_part(doc: Document) -> list[Block]:
    if not doc.economy:
        return []
    out: list[Block] = []
    for heading, tables in economy_groups(doc):
        out.append(heading_block(3, heading, toc=True))
        for table in tables:
            if not is_text_entry(table):
                out += [economy_table_block(table), *_text(economy_texts(table))]
                continue
            if table.title and table.title != heading:  # a text without a table, under its own sub-heading
                out.append(heading_block(4, table.title))
            out += _text(table.text)
    return _part(economy_part_title(doc), out, new_page=True)


def _runs(runs) -> list[dict]:
    return [{"t": r.text, "b": r.bold, "i": r.italic} for r in runs]


def markup_blocks(blocks: list[markup.Block]) -> list[Block]:
    """Text blocks for the template: sub-headings (in the contents and the bookmarks), paragraphs
    with emphasis runs, lists."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, markup.Heading):
            out.append(heading_block(block.depth, block.text, toc=True))
        elif isinstance(block, markup.Paragraph):
            out.append({"k": "rp", "runs": _runs(block.runs)})
        else:
            out.append({"k": "rl", "ordered": block.ordered, "items": [_runs(item) for item in block.items]})
    return out


def _text_part(group: list[TextPart]) -> list[Block]:
    top, out = group[0], []
    for part in group:
        level = part.level + 1
        if part is not top:
            out.append(heading_block(level, part.heading, toc=True))
        out += markup_blocks(part_blocks(part, level))
    return _part(top.heading, out, new_page=True)


def _head(doc: Document) -> Block:
    groups = [[label, *lines] for label, lines in head_groups(doc)]
    return {"k": "head", "org": doc.committee, "groups": groups}


def _front(doc: Document) -> list[Block]:
    out: list[Block] = []
    if doc.decisions:
        out += _part("Förslag till beslut", [
            {"k": "ol", "items": [{"n": n, "t": text} for n, text in decision_items(doc)]},
            *({"k": "p", "t": f"{s.name}\n{s.title}"} for s in doc.signatures)], toc=False)
    if doc.summary:
        out += _part("Sammanfattning", _text(doc.summary), toc=False)
    if doc.case:
        out += _part("Ärendet", _text(doc.case), toc=False)
    out += _part("Innehållsförteckning", [{"k": "toc"}], new_page=True, toc=False)
    if doc.attachments:
        out += _part("Bilagor", [{"k": "ul", "items": attachment_items(doc)}], toc=False)
    return out


def _attestation(doc: Document) -> list[Block]:
    if not doc.attestations:
        return []
    rows = [table_row([table_cell(a.name, stub=True), table_cell(a.date.isoformat() if a.date else "", nowrap=True)])
            for a in doc.attestations]
    return _part("Attesterat av", [
        {"k": "p", "t": "Detta dokument har godkänts digitalt av följande personer:"},
        table_block("Attestering", ["Namn", "Datum"], rows, [70, 30])])


def report_data(doc: Document) -> dict:
    """The report as the template's JSON: metadata and the blocks in reading order."""
    before, after = text_parts(doc)
    blocks = [_head(doc), heading_block(1, document_title(doc))]
    if decision := decision_line(doc):
        blocks.append({"k": "p", "t": decision})
    blocks += _front(doc)
    for group in part_groups(before):
        blocks += _text_part(group)
    blocks += _goals_part(doc)
    blocks += _economy_part(doc)
    for group in part_groups(after):
        blocks += _text_part(group)
    blocks += _attestation(doc)
    return {
        "title": document_title(doc),
        "authors": [doc.author] if doc.author else [],
        "description": f"{doc.period.label} {doc.year}, {doc.committee}",
        "blocks": blocks,
    }


_HYPHEN_SPACE = re.compile(r"(?<=\w)- (?=\w)")


def _hyphen_spaces_kept(data):
    """A hyphen followed by a space ("hälso- och sjukvård", "Vinsta- Hässelby") gets a no-break
    space: where a line breaks after such a hyphen, an ordinary space would vanish at the line end
    and the PDF's text would read "hälso-och"; a no-break space starts the next line instead and
    is kept, so the text reads as written (the importer reads it back as a space). Headings and
    the document's metadata keep ordinary spaces: they are also the bookmarks and the title."""
    if isinstance(data, str):
        return _HYPHEN_SPACE.sub("-\u00a0", data)
    if isinstance(data, list):
        return [_hyphen_spaces_kept(item) for item in data]
    if isinstance(data, dict) and data.get("k") != "h":
        return {key: value if key in ("title", "authors", "description") else _hyphen_spaces_kept(value)
                for key, value in data.items()}
    return data


def render_typst_pdf(doc: Document) -> bytes:
    """The report compiled by Typst as PDF/UA-1 (Typst raises TypstError if it cannot conform)."""
    return compile_report(report_data(doc))


def compile_report(data: dict) -> bytes:
    """Any report in the template's JSON (see ``report_typst``) as PDF/UA-1: the committees'
    reports and the city's sammanställning share the layout."""
    if _process["forked_after_compile"]:
        raise RuntimeError("Typst cannot compile in a process forked after its parent compiled: "
                           "start workers with multiprocessing's 'spawn' or 'forkserver'")
    report = json.dumps(_hyphen_spaces_kept(data), ensure_ascii=False, separators=(",", ":"))
    _process["compiled"] = True
    return typst.compile(REPORT_TYP.encode(), font_paths=_fonts(), ignore_system_fonts=True,
                         sys_inputs={"report": report}, pdf_standards=["ua-1"])
