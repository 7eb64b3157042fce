"""PDF reports: positioned words back to paragraphs, TAB-separated table rows and form feeds."""
from __future__ import annotations

import pytest

from ils.importers import ReportError, parse_file, parse_text
from ils.importers.pdf import pdf_lines, stream_lines
from tests.variants import TAB, text_to_pdf

from .reports import ACTIVITY_HEADER, row, tertial_report

pytest.importorskip("reportlab")


def _draw(path, pages, **options):
    """A PDF with each page's (x, y, text) drawn in Helvetica 10 pt, y from the bottom."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), **options)
    for page in pages:
        canvas.setFont("Helvetica", 10)
        for x, y, text in page:
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return path


def test_lines_paragraphs_and_table_cells(tmp_path):
    first_page = [
        (50, 780, "Handläggare"), (50, 768, "Kim Berg"), (50, 756, "Telefon 08-508 000 00"),
        (50, 726, "Ett stycke som är så långt att det inte ryms på en enda rad utan"),
        (50, 714, "bryts om till en andra rad."),
        # a table: rows 16 pt apart, a first cell wrapped onto a second line 12 pt below,
        # an empty cell, a header whose first cell is empty, a row with only its first cell
        (260, 680, "Utfall"), (330, 680, "Period"), (400, 680, "Mål"),
        (50, 664, "Andel nöjda besökare på"), (260, 664, "81 %"), (330, 664, "2026"), (400, 664, "85 %"),
        (50, 652, "stadens bibliotek"),
        (50, 636, "Antal besök"), (330, 636, "2026"), (400, 636, "Ökning"),
        (50, 620, "Analys Besöken ökar."),
        (50, 590, "Efter tabellen."),
    ]
    path = _draw(tmp_path / "rapport.pdf", [first_page, [(50, 780, "Andra sidan")]])
    assert pdf_lines(path) == [
        "Handläggare", "Kim Berg", "Telefon 08-508 000 00", "",
        "Ett stycke som är så långt att det inte ryms på en enda rad utan bryts om till en andra rad.", "",
        "\tUtfall\tPeriod\tMål",
        "Andel nöjda besökare på stadens bibliotek\t81 %\t2026\t85 %",
        "Antal besök\t\t2026\tÖkning",
        "Analys Besöken ökar.\t\t\t",
        "",
        "Efter tabellen.",
        "\f",
        "Andra sidan",
    ]


def test_a_printed_report_reads_back_as_its_text(tmp_path):
    # Without a page header: on a report of two pages the parser cannot tell it from text.
    text = tertial_report()
    lines = pdf_lines(text_to_pdf(text, tmp_path / "rapport.pdf", header=""))
    pages = [page.split("\n") for page in "\n".join(lines).split("\n\f\n")]
    assert pages[0][0] == "Handläggare"
    assert [page[-1] for page in pages] == [f"Sida {n} av {len(pages)}" for n in range(1, len(pages) + 1)]
    rows = [line for line in lines if TAB in line]
    assert rows == [TAB.join(" ".join(c.split()) for c in line.split(TAB))
                    for line in text.split("\n") if TAB in line]
    from_pdf, from_text = parse_file(tmp_path / "rapport.pdf"), parse_text(text)
    assert [(g.number, g.title, g.assessment, g.analysis) for g in from_pdf.goals] == [
        (g.number, g.title, g.assessment, g.analysis) for g in from_text.goals]
    assert [(i.name, i.outcome, i.target, i.kf_target, i.analysis) for i in from_pdf.indicators] == [
        (i.name, i.outcome, i.target, i.kf_target, i.analysis) for i in from_text.indicators]
    assert [(d.number, d.text, d.amount) for d in from_pdf.decisions] == [
        (d.number, d.text, d.amount) for d in from_text.decisions]


def test_pages_are_separated_by_form_feeds_and_a_table_repeats_its_header(tmp_path):
    rows = [row(f"Aktivitet nummer {n} med en text", "2026-01-01", "2026-12-31", "") for n in range(120)]
    text = "\n".join(["Tertialrapport Tertial 2 2026 för Kulturnämnden", "", ACTIVITY_HEADER, *rows])
    lines = pdf_lines(text_to_pdf(text, tmp_path / "lang.pdf"))
    pages = "\n".join(lines).split("\n\f\n")
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        page_lines = page.split("\n")
        assert page_lines[:3] == ["Kulturnämnden · Tertialrapport Tertial 2 2026 för Kulturnämnden", "",
                                  "Tertialrapport Tertial 2 2026 för Kulturnämnden" if number == 1
                                  else ACTIVITY_HEADER]
        assert page_lines[-1] == f"Sida {number} av {len(pages)}"
    assert [line for line in lines if TAB in line and line != ACTIVITY_HEADER] == rows


def test_not_a_pdf(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_text("Tertialrapport Tertial 1 2024 för Kulturnämnden\n", encoding="utf-8")
    with pytest.raises(ReportError, match="rapport.pdf: filen är ingen läsbar PDF"):
        parse_file(path)


def test_truncated_pdf(tmp_path):
    whole = text_to_pdf(tertial_report(), tmp_path / "hel.pdf").read_bytes()
    path = tmp_path / "avkortad.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReportError, match="avkortad.pdf: .*(skadad|avkortad)"):
        pdf_lines(path)


def test_password_protected_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = _draw(tmp_path / "hemlig.pdf", [[(50, 780, "Hemlig")]], encrypt=StandardEncryption("lösen"))
    with pytest.raises(ReportError, match="hemlig.pdf: PDF-filen är lösenordsskyddad"):
        pdf_lines(path)


def test_pdf_without_text(tmp_path):
    path = _draw(tmp_path / "skannad.pdf", [[]])
    with pytest.raises(ReportError, match="skannad.pdf: PDF-filen innehåller ingen text"):
        pdf_lines(path)


def test_a_word_broken_at_the_line_end_keeps_its_hyphen_on_its_line(tmp_path):
    # PDFium joins the halves of a hyphenated word; the geometry must still see two lines.
    path = _draw(tmp_path / "avstavad.pdf", [[
        (50, 780, "Nämnden följer upp arbetet med tillgänglighet och utvecklar ny verk-"),
        (50, 768, "samhet i samverkan med andra aktörer i staden och regionen."),
    ]])
    assert pdf_lines(path) == ["Nämnden följer upp arbetet med tillgänglighet och utvecklar ny verk-",
                               "samhet i samverkan med andra aktörer i staden och regionen."]


def test_economy_rows_never_outweigh_goal_table_rows_in_choosing_a_reading():
    """An economy table's columns are the report's own, so a reading whose columns ran together
    still gives unmarked economy rows: they only break a tie between two readings."""
    import copy

    from ils.domain.model import ImportWarning
    from ils.importers import _quality
    from ils.importers.text.parser import parse_report

    whole = parse_report(tertial_report().split("\n"))
    assert whole.document.indicators and whole.document.economy
    lost_goal_rows = copy.deepcopy(whole)
    lost_goal_rows.document.indicators.pop()
    for table in lost_goal_rows.document.economy:
        table.rows.extend(copy.deepcopy(table.rows) * 10)
    assert _quality(whole) > _quality(lost_goal_rows)
    guessed = copy.deepcopy(whole)
    guessed.document.indicators[0].inferred = ("outcome",)
    assert _quality(whole) > _quality(guessed)
    # between readings equal in goal rows, an economy row that a warning says lost its columns
    # counts for nothing: more rows of which some are warned lose to fewer that are whole
    more_but_warned = copy.deepcopy(whole)
    [table] = more_but_warned.document.economy
    table.rows.append(copy.deepcopy(table.rows[0]))
    fewer = copy.deepcopy(whole)
    fewer.document.economy[0].rows.pop()
    for row in table.rows[:2]:
        more_but_warned.document.warnings.append(ImportWarning(row.line, "kolumnerna är gissade"))
    fewer.document.warnings.append(ImportWarning(1, "något annat"))
    fewer.document.warnings.append(ImportWarning(2, "något annat"))
    assert _quality(fewer) > _quality(more_but_warned)


def test_the_content_order_keeps_the_space_a_line_was_wrapped_at(tmp_path):
    # the TAB-less table reader tells a line wrapped inside a cell from a cell's last line by it
    path = _draw(tmp_path / "wrapped.pdf", [[(72, 700, "riktlinjer för mat i "), (72, 688, "Stockholms stad"),
                                             (72, 676, "Miljönämnden ska utreda")]])
    assert stream_lines(path) == ["riktlinjer för mat i ", "Stockholms stad", "Miljönämnden ska utreda"]


def _ruled(path, rows, columns, top=700.0, pitch=9.2, size=8):
    """A table of 8 pt text with its borders drawn, as a word processor sets it: each row a list
    of cells, a cell a list of lines set ``pitch`` apart, rows a padding of 0.5 pt apart."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    canvas.setLineWidth(0.5)
    y = top
    borders = [y]
    for cells in rows:
        height = max(len(lines) for lines in cells) * pitch + 0.5
        for x, lines in zip(columns, cells):
            for n, line in enumerate(lines):
                canvas.setFont("Helvetica", size)
                canvas.drawString(x + 2, y - size - n * pitch, line)
        y -= height
        borders.append(y)
    for border in borders:
        canvas.line(columns[0], border, columns[-1], border)
    for x in columns:
        canvas.line(x, borders[0], x, borders[-1])
    canvas.setFont("Helvetica", 10)
    canvas.drawString(columns[0], y - 14, "Texten efter tabellen.")
    canvas.showPage()
    canvas.save()
    return path


def test_a_ruled_table_is_read_by_its_rules(tmp_path):
    """Rows 0.5 pt further apart than a wrapped cell's lines, columns a few points apart: the
    rules tell the cells apart, the words' gaps and pitch could not."""
    path = _ruled(tmp_path / "ruled.pdf", [
        [["Mnkr"], ["Budget"], ["Prognos"], ["Avvikelse"]],
        [["Stöd och service till", "personer med"], ["623,6"], ["617,7"], ["5,9"]],
        [["Netto"], ["1 403,6"], ["1 419,4"], ["-15,8"]],
    ], columns=[60, 160, 200, 240, 280])
    assert pdf_lines(path) == ["Mnkr\tBudget\tPrognos\tAvvikelse",
                               "Stöd och service till personer med\t623,6\t617,7\t5,9",
                               "Netto\t1 403,6\t1 419,4\t-15,8", "", "Texten efter tabellen."]


def test_a_bullet_set_apart_by_a_hanging_indent_is_a_list_item_not_a_cell(tmp_path):
    path = _draw(tmp_path / "bullets.pdf", [[(72, 700, "Förväntat resultat"), (72, 680, "\u2022"),
                                             (90, 680, "Fler besökare."), (72, 666, "\u2022"),
                                             (90, 666, "Längre öppettider.")]])
    assert pdf_lines(path) == ["Förväntat resultat", "", "\u2022 Fler besökare.", "\u2022 Längre öppettider."]


def test_a_numbered_list_set_with_a_hanging_indent_is_a_list_not_a_table(tmp_path):
    """The decisions of a tjänsteutlåtande as a word processor sets them: each number apart
    from its text, the text wrapped under itself. Each item is a line of its own, its number first."""
    path = _draw(tmp_path / "beslut.pdf", [[(72, 700, "Förslag till beslut"), (72, 680, "1."),
                                            (90, 680, "Nämnden godkänner tertialrapporten."), (72, 668, "2."),
                                            (90, 668, "Nämnden ansöker om budgetjusteringar om sammantaget"),
                                            (90, 656, "2,6 mnkr.")]])
    assert pdf_lines(path)[2:] == ["1. Nämnden godkänner tertialrapporten.",
                                   "2. Nämnden ansöker om budgetjusteringar om sammantaget 2,6 mnkr."]


def test_a_status_line_under_a_heading_is_a_line_of_its_own(tmp_path):
    """The heading reaches the text's right margin (a paragraph's wrapped line ends there), yet
    the status symbol after it begins a line of its own."""
    heading = "Nämndmål: 2.3.1 Nämndens verksamheters resor och transporter är miljöanpassade"
    path = _draw(tmp_path / "status.pdf", [[(72, 700, heading), (72, 688, "\u25cf Uppfylls helt"),
                                            (72, 660, "Beskrivning"), (72, 648, heading[:-6]),
                                            (72, 636, "och fler.")]])
    lines = pdf_lines(path)
    assert lines[:2] == [heading, "\u25cf Uppfylls helt"]


def test_a_box_round_the_page_is_no_table(tmp_path):
    """A frame drawn round a page's text is a grid of one column: the page reads as it does
    without the frame, and a ruled table inside it as the table."""
    from reportlab.pdfgen.canvas import Canvas

    def page(path, frame):
        canvas = Canvas(str(path))
        canvas.setLineWidth(0.5)
        if frame:  # four rules, as a word processor draws a box's borders
            for x0, y0, x1, y1 in [(40, 40, 555, 40), (40, 800, 555, 800), (40, 40, 40, 800), (555, 40, 555, 800)]:
                canvas.line(x0, y0, x1, y1)
        canvas.setFont("Helvetica", 10)
        for x, y, text in [(60, 760, "Rubrik"), (60, 730, "En mening om tabellen."), (60, 700, "Budget"),
                           (200, 700, "Prognos"), (60, 688, "1 403,6"), (200, 688, "1 419,4")]:
            canvas.drawString(x, y, text)
        canvas.showPage()
        canvas.save()
        return path

    assert pdf_lines(page(tmp_path / "framed.pdf", True)) == pdf_lines(page(tmp_path / "plain.pdf", False))
    assert any(line.startswith("Budget") and "\tPrognos" in line for line in pdf_lines(tmp_path / "plain.pdf"))


def test_a_padded_table_keeps_its_columns_row_by_row(tmp_path):
    """A table whose rows stand apart like paragraphs (padded cells, as LibreOffice sets an
    HTML table) keeps one set of columns for all its rows: a row's empty cell stays empty, and a
    value set tightly after a long label (closer than the font height, yet several spaces wide)
    is a cell of its own."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    def width(text):
        return stringWidth(text, "Helvetica", 10)

    first = 60 + width("Köp av verksamhet") + 9 + width("210,3")  # the first value column's right edge
    second = first + 100
    path = tmp_path / "tabell.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 10)
    for index, text in enumerate(["Nämndens kostnader och intäkter redovisas i tabellen nedan.",
                                  "Beloppen är i miljoner kronor."]):
        canvas.drawString(60, 760 - 12 * index, text)
    for index, (label, budget, forecast) in enumerate([("Mnkr", "Budget", "Prognos"), ("Avgifter", "65,9", "31,0"),
                                                       ("Köp av verksamhet", "210,3", "64,2"), ("Övrigt", "", "0,0")]):
        y = 700 - 30 * index
        canvas.drawString(60, y, label)
        canvas.drawRightString(first, y, budget)
        canvas.drawRightString(second, y, forecast)
    canvas.showPage()
    canvas.save()
    rows = [line for line in pdf_lines(path) if TAB in line]
    assert rows == ["Mnkr\tBudget\tPrognos", "Avgifter\t65,9\t31,0", "Köp av verksamhet\t210,3\t64,2", "Övrigt\t\t0,0"]
