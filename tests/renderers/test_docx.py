"""The Word report of each seed: heading styles for the goal tree, real tables with repeated
header rows and alternative text, Swedish numbers and document properties."""
from __future__ import annotations

import io
from functools import cache

import docx
import pytest
from docx.oxml.ns import qn

from ils.domain.assessment import Assessment
from ils.renderers.docx_report import render_docx
from ils.renderers.formatting import document_title, goal_heading, is_text_entry

from .helpers import T1, VB, VP, parsed, seed_params, squash
from .test_html import ACTIVITY_COLUMNS, INDICATOR_COLUMNS


@cache
def word(name: str):
    return docx.Document(io.BytesIO(render_docx(parsed(name))))


def cells(row) -> list[str]:
    return [squash(cell.text) for cell in row.cells]


@pytest.mark.parametrize("seed", seed_params())
def test_goal_tree_as_heading_styles(seed):
    doc = parsed(seed)
    document = word(seed)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    styles = {"inriktningsmal": "Heading 2", "kf_mal": "Heading 3", "namndmal": "Heading 4"}
    expected = [(styles[g.level.value], goal_heading(g)) for g in doc.goals]
    found = iter(headings)  # in order; a goal's text may quote a goal heading as a sub-heading too
    assert all(goal in found for goal in expected)
    assert document.paragraphs[[p.style.name for p in document.paragraphs].index("Title")].text == document_title(doc)
    # Heading levels never skip, so Word's navigation pane shows one tree.
    previous = 0
    for style, text in headings:
        level = int(style.split()[-1])
        assert level <= previous + 1, text
        previous = level
    properties = document.core_properties
    assert properties.title == document_title(doc) and properties.language == "sv-SE"


@pytest.mark.parametrize("seed", seed_params())
def test_tables_have_header_rows_and_alternative_text(seed):
    doc = parsed(seed)
    document = word(seed)
    tables = document.tables
    indicator = [t for t in tables if cells(t.rows[0])[0] == "Indikator"]
    activity = [t for t in tables if cells(t.rows[0])[0] == "Aktivitet"]
    assert len(indicator) == len({i.goal for i in doc.indicators})
    assert len(activity) == len({a.goal for a in doc.activities})
    economy = [t for t in doc.economy if not is_text_entry(t)]  # a text without a table prints none
    assert len(tables) == len(indicator) + len(activity) + len(economy) + bool(doc.attestations)
    for table in indicator:
        assert cells(table.rows[0]) == INDICATOR_COLUMNS[seed]
    for table in activity:
        assert cells(table.rows[0]) == ACTIVITY_COLUMNS[seed]
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val"))


@pytest.mark.parametrize("seed", seed_params(T1))
def test_values_of_the_tertial_report(seed):
    document = word(seed)
    rows = {cells(row)[0]: cells(row)[1:] for table in document.tables for row in table.rows}
    assert rows["Andel barn som lever i familjer som har ekonomiskt bistånd"] == [
        "0,3 %", "", "", "0,3 %", "0,6 %", "0,6 %", "2,7 %", "Tertial 1 2024", "● Uppnås helt"]
    operating = next(t for t in document.tables if cells(t.rows[0])[:2] == ["Mnkr", "Budget"])
    assert cells(operating.rows[2]) == ["Kostnader", "3 331,1", "0,5", "66,7", "3 376,3", "22,0"]
    assert "\u00a0" in operating.rows[2].cells[1].text  # "3 331,1" never breaks in Word
    decisions = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(decisions) == 10
    head = [p.text for p in document.paragraphs[:5]]
    assert "Södermalms stadsdelsnämnd\n23 maj 2024" in head


@pytest.mark.parametrize("seed", seed_params(VB))
def test_annual_report_assessments_in_the_past_tense(seed):
    doc = parsed(seed)
    texts = [p.text for p in word(seed).paragraphs]
    assert texts.count("▲ Uppfylldes delvis") == sum(g.assessment is Assessment.DELVIS for g in doc.goals) == 4


@pytest.mark.parametrize("seed", seed_params(VP))
def test_plan_has_no_assessments(seed):
    texts = [p.text for p in word(seed).paragraphs]
    assert not [t for t in texts if t.endswith(("Uppfylls helt", "Uppfylls delvis", "Uppfylls inte"))]


@pytest.mark.parametrize("seed", seed_params())
def test_the_docx_importer_reads_the_report_back(seed, tmp_path):
    """The Word report is a report file like any other: importing it gives the same data."""
    from ils.importers import parse_file

    doc = parsed(seed)
    path = tmp_path / "rapport.docx"
    path.write_bytes(render_docx(doc))
    again = parse_file(path, committee=doc.committee)
    assert (again.type, again.year, again.title, again.date) == (doc.type, doc.year, doc.title, doc.date)
    assert [(g.number, g.title, g.assessment) for g in again.goals] == [
        (g.number, g.title, g.assessment) for g in doc.goals]
    assert [(i.goal, i.name, i.outcome and i.outcome.value) for i in again.indicators] == [
        (i.goal, i.name, i.outcome and i.outcome.value) for i in doc.indicators]
    assert [(a.goal, a.text, a.start) for a in again.activities] == [(a.goal, a.text, a.start) for a in doc.activities]
    assert [[r.values for r in t.rows] for t in again.economy] == [[r.values for r in t.rows] for t in doc.economy]


def test_table_cells_keep_formatting_and_any_text():
    """Body rows are written as WordprocessingML directly: widths, 8 pt, right-aligned numbers, bold
    totals, the analysis spanning the row, and text with markup characters, tabs and line breaks."""
    from datetime import date
    from decimal import Decimal

    from ils.domain.economics import EconomyRow, EconomyTable, RowKind
    from ils.domain.model import Attestation, Goal, GoalLevel, IndicatorResult
    from ils.domain.values import parse_quantity

    from .helpers import small_document

    odd = 'A & B <c> "d"\tflik\nny rad\x0b'
    table = EconomyTable("Driftbudget", ["Budget", "Utfall"], [
        EconomyRow("Kostnader & intäkter", [Decimal("3331.1"), Decimal("-414.8")], line=1),
        EconomyRow("Summa", [Decimal("2916.3"), None], line=2, kind=RowKind.TOTAL)], unit="mnkr", line=1,
        stub="Mnkr")
    doc = small_document(economy=[table], attestations=[Attestation("Kim Berg", date(2026, 9, 12), 3)],
                         goals=[Goal(GoalLevel.INRIKTNINGSMAL, "1", "Ett Stockholm som håller samman", line=4)],
                         indicators=[IndicatorResult("1", odd, 4, outcome=parse_quantity("12 %"), analysis=odd)])
    document = docx.Document(io.BytesIO(render_docx(doc)))
    economy = next(t for t in document.tables if cells(t.rows[0])[0] == "Mnkr")
    first, total = economy.rows[1], economy.rows[2]
    assert cells(first) == ["Kostnader & intäkter", "3 331,1", "-414,8"]
    assert first.cells[1].paragraphs[0].alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert first.cells[0].paragraphs[0].alignment is None
    assert [r.bold for r in total.cells[0].paragraphs[0].runs] == [True]
    assert not first.cells[0].paragraphs[0].runs[0].bold
    assert first.cells[1].paragraphs[0].runs[0].font.size == docx.shared.Pt(8)
    widths = [cell.width for cell in first.cells]
    assert widths == [cell.width for cell in economy.rows[0].cells] and all(widths)
    indicators = next(t for t in document.tables if cells(t.rows[0])[0] == "Indikator")
    name, analysis = indicators.rows[1].cells[0], indicators.rows[2]
    assert name.text == 'A & B <c> "d"\tflik\nny rad'  # a tab and a line break, the control character dropped
    merged = analysis._tr.tc_lst
    assert len(merged) == 1 and merged[0].grid_span == len(indicators.columns)
    assert analysis.cells[0].text.startswith('Analys: A & B <c> "d" flik ny rad')
