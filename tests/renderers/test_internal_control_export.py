"""The internal control's bilagor in every format: the same figures, the matrix in words and as SVG."""
from __future__ import annotations

import io

from ils.domain.internal_control import (
    Analysis, Control, FollowUp, Frequency, Judgement, Method, Treatment, default_matrix, new_risk,
)
from ils.renderers import internal_control_export as export
from ils.renderers.internal_control_content import follow_up_bilaga, plan_bilaga

M = default_matrix()


def _analysis() -> Analysis:
    risks = (new_risk(M, 1, "Ekonomi", "Felaktiga utbetalningar", 3, 3, treatment=Treatment.CONTROL),
             new_risk(M, 2, "Välfärdsbrott", "=HYPERLINK(\"x\") <b>bidrag</b>", 3, 3, city_designated=True),
             new_risk(M, 3, "IT", "Driftstopp", "1,5", 1, treatment=Treatment.ACTION, action="Reservrutin"))
    controls = (Control(10, 1, "Attest av fakturor", Method.SAMPLE, Frequency.TERTIAL, "Ekonomichef", "april",
                        ("T1", "T2", "VB")),
                Control(11, 2, "Registerkontroll av utbetalningar", Method.REGISTER, Frequency.YEARLY, "Controller",
                        "december", ("VB",)))
    follow_ups = (FollowUp(10, "T1", True, "Inga fel"),
                  FollowUp(10, "VB", True, "Två fel", "Två fakturor utan attest", "Utbildning", "Ekonomichef"),
                  FollowUp(11, "VB", False))
    return Analysis("Testnämnden", 2030, M, risks, controls, follow_ups, Judgement.PARTLY, "Brister i attesten.")


def test_the_plan_bilaga_in_html_names_counts_and_levels_without_colour():
    html = export.render_html(plan_bilaga(_analysis()))
    assert "Väsentlighets- och riskanalys samt internkontrollplan 2030" in html
    assert "Låg: 1 risk; Medel: 0 risker; Hög: 2 risker; Mycket hög: 0 risker." in html
    assert "Hög: 2 risker</td>" in html  # the data table beside the chart: cell (3, 3)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="riskmatris" role="img"' in html
    assert "<title id=\"riskmatris-titel\">Riskmatris</title>" in html
    assert "&lt;b&gt;bidrag&lt;/b&gt;" in html and "<b>bidrag" not in html
    assert "1,5" in html  # a decimal score printed the Swedish way


def test_the_follow_up_bilaga_has_judgement_periods_and_carry_over():
    bilaga = follow_up_bilaga(_analysis())
    tables = {p.table.caption: p.table for p in bilaga.parts if p.kind == "table"}
    assert [r[2] for r in tables["Uppföljning i verksamhetsberättelse"].rows] == ["Ja", "Nej"]
    assert [r[1] for r in tables["Uppföljning i tertialrapport 1"].rows] == ["Attest av fakturor"]
    assert [r[1] for r in tables["Kontrollmoment som inte genomförts"].rows] == ["Registerkontroll av utbetalningar"]
    assert [r[2] for r in tables["Risker som fortfarande är öppna"].rows][0] == "Felaktiga utbetalningar"
    html = export.render_html(bilaga)
    assert "Bedömning: Delvis tillräcklig." in html and "Brister i attesten." in html


def test_docx_and_xlsx_carry_the_same_rows_and_no_formula():
    import docx
    import openpyxl

    bilaga = follow_up_bilaga(_analysis())
    word = docx.Document(io.BytesIO(export.render_docx(bilaga)))
    texts = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Två fakturor utan attest" in texts and "Hög: 2 risker" in texts
    book = openpyxl.load_workbook(io.BytesIO(export.render_xlsx(plan_bilaga(_analysis()))))
    risks = book["Risker"]
    values = [[c.value for c in row] for row in risks.iter_rows(min_row=3)]
    assert values[1][2].startswith("=HYPERLINK") and risks.cell(4, 3).data_type == "s"  # text, not a formula
    assert values[0][7] == 9 and values[2][5] == 1.5


def test_the_pdf_is_tagged_and_has_the_tables():
    import pikepdf

    pdf = export.render_pdf(follow_up_bilaga(_analysis()))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in document.Root
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "Uppföljning av intern kontroll 2030" in text and "Delvis tillräcklig" in text
    assert "Två fakturor utan attest" in text


def _figures(pdf: bytes) -> list[tuple[str, list[str]]]:
    """Each tagged /Figure's alt text, with the structure types beside it (its siblings)."""
    import pikepdf

    found = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        stack = [document.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            kids = [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            for kid in kids:
                if kid.S == "/Figure":
                    found.append((str(kid.get("/Alt", "")), [str(k.S) for k in kids]))
                stack.append(kid)
    return found


def test_the_pdf_has_the_matrix_as_a_figure_with_its_alt_text_and_the_table_beside_it():
    import pypdfium2

    pdf = export.render_pdf(plan_bilaga(_analysis()))
    [(alt, beside)] = _figures(pdf)
    assert beside == ["/Caption", "/Figure"]  # captioned "Riskmatris"
    assert alt == "Riskmatris, sannolikhet mot konsekvens. Låg: 1 risk; Medel: 0 risker; Hög: 2 risker; " \
                  "Mycket hög: 0 risker."
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage().get_text_range()
    # The chart's own words (drawn from the SVG, so it reads without colour) and the table of counts.
    assert "Mycket hög" in text and "2 Lindrig" in text and "Riskmatris: antal risker per cell" in text
    assert text.index("Konsekvens\r\n") < text.index("Riskmatris: antal risker per cell")  # chart, then table


def test_docx_and_xlsx_have_the_matrix_as_a_picture_with_alt_text_beside_the_table():
    import zipfile

    import docx

    bilaga = plan_bilaga(_analysis())
    word = docx.Document(io.BytesIO(export.render_docx(bilaga)))
    [shape] = word.inline_shapes
    assert shape._inline.docPr.get("descr").startswith("Riskmatris, sannolikhet mot konsekvens. Låg: 1 risk")
    png = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert word.part.related_parts[png].blob.startswith(b"\x89PNG")
    assert "Hög: 2 risker" in [c.text for t in word.tables for row in t.rows for c in row.cells]

    with zipfile.ZipFile(io.BytesIO(export.render_xlsx(bilaga))) as book:
        media = [n for n in book.namelist() if n.startswith("xl/media/")]
        drawing = book.read("xl/drawings/drawing1.xml").decode()
    assert len(media) == 1 and 'descr="Riskmatris, sannolikhet mot konsekvens.' in drawing
