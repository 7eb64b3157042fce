"""Word reports: paragraphs and tables in body order, as the lines of a text export."""
from __future__ import annotations

import pytest

from ils.importers import ReportError, parse_file, parse_text
from ils.importers.docx import docx_lines
from tests.variants import TAB

from .reports import tertial_report

docx = pytest.importorskip("docx")


def test_docx_lines(tmp_path):
    document = docx.Document()
    document.add_heading("Tertialrapport Tertial 2 2026 för Kulturnämnden", level=1)
    document.add_paragraph("Förslag till beslut")
    document.add_paragraph("Nämnden godkänner rapporten.", style="List Number")
    document.add_paragraph("Nämnden begär budgetjustering om 1,5 mnkr.", style="List Number")
    document.add_paragraph("Längre öppettider", style="List Bullet")
    paragraph = document.add_paragraph("Handläggare")
    paragraph.add_run().add_break()
    paragraph.add_run("Kim\tBerg")
    table = document.add_table(rows=3, cols=3)
    for cells, texts in zip((r.cells for r in table.rows), (
            ["Aktivitet", "Startdatum", "Slutdatum"],
            ["Öppna ett nytt bibliotek", "2026-01-01", "2026-06-30"],
            ["Analys Bygget är försenat.", "", ""])):
        for cell, text in zip(cells, texts):
            cell.text = text
    table.cell(2, 0).merge(table.cell(2, 2))  # a cell spanning the row keeps its columns
    document.add_paragraph("Efter tabellen")
    path = tmp_path / "rapport.docx"
    document.save(str(path))
    assert docx_lines(path) == [
        "Tertialrapport Tertial 2 2026 för Kulturnämnden", "",
        "Förslag till beslut", "",
        "1. Nämnden godkänner rapporten.", "",
        "2. Nämnden begär budgetjustering om 1,5 mnkr.", "",
        "- Längre öppettider", "",
        "Handläggare", "Kim Berg", "",
        "Aktivitet\tStartdatum\tSlutdatum",
        "Öppna ett nytt bibliotek\t2026-01-01\t2026-06-30",
        "Analys Bygget är försenat.\t\t",
        "",
        "Efter tabellen", "",
    ]


def _to_docx(text: str, path):
    """A Word document of a text export: a paragraph per line, a table per run of TAB rows."""
    document = docx.Document()
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and TAB in lines[end]:
            end += 1
        if end > index:
            rows = [line.split(TAB) for line in lines[index:end]]
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for cells, texts in zip((r.cells for r in table.rows), rows):
                for cell, text in zip(cells, texts):
                    cell.text = text
            index = end
            continue
        if lines[index].strip():
            document.add_paragraph(lines[index])
        index += 1
    document.save(str(path))
    return path


def test_a_report_in_word_parses_like_its_text(tmp_path):
    text = tertial_report()
    from_docx, from_text = parse_file(_to_docx(text, tmp_path / "rapport.docx")), parse_text(text)
    assert (from_docx.type, from_docx.year, from_docx.committee, from_docx.date) == (
        from_text.type, from_text.year, from_text.committee, from_text.date)
    assert [(d.number, d.text, d.amount) for d in from_docx.decisions] == [
        (d.number, d.text, d.amount) for d in from_text.decisions]
    assert [(g.number, g.title, g.assessment, g.expected_results, g.analysis) for g in from_docx.goals] == [
        (g.number, g.title, g.assessment, g.expected_results, g.analysis) for g in from_text.goals]
    assert [(i.name, i.outcome, i.target, i.kf_target, i.analysis) for i in from_docx.indicators] == [
        (i.name, i.outcome, i.target, i.kf_target, i.analysis) for i in from_text.indicators]
    assert [(a.text, a.start, a.end, a.status) for a in from_docx.activities] == [
        (a.text, a.start, a.end, a.status) for a in from_text.activities]
    assert [r.values for t in from_docx.economy for r in t.rows] == [
        r.values for t in from_text.economy for r in t.rows]


def test_not_a_word_file(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_text("Tertialrapport Tertial 1 2024 för Kulturnämnden\n", encoding="utf-8")
    with pytest.raises(ReportError, match="rapport.docx: filen är ingen läsbar Word-fil"):
        parse_file(path)


def test_truncated_word_file(tmp_path):
    whole = _to_docx(tertial_report(), tmp_path / "hel.docx").read_bytes()
    path = tmp_path / "avkortad.docx"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(ReportError, match="avkortad.docx: filen är ingen läsbar Word-fil"):
        docx_lines(path)
