"""The internal control's bilagor (internal_control_content) as HTML, tagged PDF, DOCX and XLSX.

Every format draws the matrix as a chart that reads without colour (counts and level names in every
cell) with its data table beside it: HTML and the PDF the SVG itself (in the PDF a tagged figure
with the counts per level as its alt text), DOCX and XLSX a picture of it (PNG, drawn from the same
SVG by vl-convert, with the same alt text). The PDF goes through the committee report's Typst
template (``report_typst``), so it is tagged and checked as PDF/UA-1 like the report.
"""
from __future__ import annotations

import io
from html import escape

from .internal_control_content import Bilaga, Matrix, Table
from .report_css import REPORT_CSS
from .risk_matrix_svg import matrix_svg


def chart_alt(matrix: Matrix) -> str:
    """The chart's alt text: what it shows and the counts per level, in words."""
    return f"{matrix.caption}, sannolikhet mot konsekvens. {matrix.summary}"


def chart_png(matrix: Matrix) -> bytes:
    import vl_convert

    return vl_convert.svg_to_png(matrix_svg(matrix), scale=2)


def _html_table(table: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    body = []
    for row in table.rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>'] + [
            f'<td class="num">{escape(v)}</td>' if i in table.numeric else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row[1:], 1)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not table.rows:
        body.append(f'<tr><td colspan="{len(table.header)}">Inga rader.</td></tr>')
    return (f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def html_parts(bilaga: Bilaga, heading_offset: int = 0) -> str:
    """The bilaga's body, for the standalone document and for the web pages."""
    out = []
    for part in bilaga.parts:
        if part.kind == "h":
            out.append(f"<h{part.level + heading_offset}>{escape(part.text)}</h{part.level + heading_offset}>")
        elif part.kind == "p":
            out.extend(f"<p>{escape(p)}</p>" for p in part.text.split("\n\n") if p.strip())
        elif part.kind == "table":
            out.append(_html_table(part.table))
        elif part.kind == "matrix":
            out.append(f'<div class="matris">{matrix_svg(part.matrix)}{_html_table(part.matrix.table)}</div>')
    return "\n".join(out)


def render_html(bilaga: Bilaga) -> str:
    return ('<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(bilaga.title)} – {escape(bilaga.subtitle)}</title>\n<style>{REPORT_CSS}"
            " .matris { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }"
            " .matris svg { max-width: 100%; height: auto; } .matris table { width: auto; }</style>\n"
            f'</head>\n<body>\n<main>\n<h1>{escape(bilaga.title)}<span class="sub">{escape(bilaga.subtitle)}</span></h1>\n'
            f"{html_parts(bilaga)}\n</main>\n</body>\n</html>\n")


def typst_data(bilaga: Bilaga) -> dict:
    from .typst_report import heading_block, number_cell, table_block, table_cell, table_row

    def block(table: Table) -> dict:
        rows = [table_row([table_cell(row[0], stub=True)]
                          + [number_cell(v) if i in table.numeric else table_cell(v) for i, v in enumerate(row[1:], 1)])
                for row in table.rows] or [table_row([table_cell("Inga rader.", stub=True)]
                                                     + [table_cell("") for _ in table.header[1:]])]
        return table_block(table.caption, table.header, rows, table.widths or [100 / len(table.header)] * len(table.header))

    blocks = [heading_block(1, bilaga.title), {"k": "p", "t": bilaga.subtitle}]
    for part in bilaga.parts:
        if part.kind == "h":
            blocks.append(heading_block(part.level, part.text, toc=True))
        elif part.kind == "p":
            blocks.extend({"k": "p", "t": p} for p in part.text.split("\n\n") if p.strip())
        elif part.kind == "table":
            blocks.append(block(part.table))
        elif part.kind == "matrix":
            blocks.append({"k": "chart", "caption": part.matrix.caption, "svg": matrix_svg(part.matrix),
                           "alt": chart_alt(part.matrix), "width": 48, "table": block(part.matrix.table)})
    return {"title": f"{bilaga.title} – {bilaga.subtitle}", "authors": [bilaga.subtitle],
            "description": bilaga.title, "blocks": blocks, "landscape": True}


def render_pdf(bilaga: Bilaga) -> bytes:
    from .pdf_report import render_report_pdf

    return render_report_pdf(typst_data(bilaga))


def render_docx(bilaga: Bilaga) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = bilaga.title
    word.core_properties.subject = bilaga.subtitle
    word.core_properties.language = "sv-SE"

    def table(t: Table) -> None:
        word.add_paragraph(t.caption, style="Caption")
        grid = word.add_table(rows=1, cols=len(t.header))
        grid.style = "Table Grid"
        header = grid.rows[0]
        header_properties = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_properties.append(repeat)  # the header row repeats on every page
        for cell, name in zip(header.cells, t.header):
            cell.paragraphs[0].add_run(name).bold = True
        for row in t.rows:
            for cell, value in zip(grid.add_row().cells, row):
                cell.text = value
        tbl_pr = grid._tbl.tblPr
        for tag, value in (("w:tblCaption", t.caption), ("w:tblDescription", f"{t.caption}: {', '.join(t.header)}")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            tbl_pr.append(element)

    def picture(matrix: Matrix) -> None:
        word.add_paragraph(matrix.caption, style="Caption")
        run = word.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(chart_png(matrix)), width=Mm(130))
        properties = shape._inline.docPr  # the picture's alt text, read by screen readers
        properties.set("title", matrix.caption)
        properties.set("descr", chart_alt(matrix))

    word.add_heading(bilaga.title, 0)
    word.add_paragraph(bilaga.subtitle)
    for part in bilaga.parts:
        if part.kind == "h":
            word.add_heading(part.text, part.level)
        elif part.kind == "p":
            for paragraph in part.text.split("\n\n"):
                if paragraph.strip():
                    word.add_paragraph(paragraph)
        elif part.kind == "table":
            table(part.table)
        elif part.kind == "matrix":
            picture(part.matrix)
            table(part.matrix.table)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def render_xlsx(bilaga: Bilaga) -> bytes:
    """One sheet per table; every text cell written as a string, so nothing is read as a formula."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    bold = book.add_format({"bold": True, "bg_color": "#E6EBF0", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    book.set_properties({"title": bilaga.title, "subject": bilaga.subtitle})
    tables = [(p.table, None) if p.kind == "table" else (p.matrix.table, p.matrix)
              for p in bilaga.parts if p.kind in ("table", "matrix")]
    used: set[str] = set()
    for t, matrix in tables:
        name = "".join(c for c in t.caption if c not in "[]:*?/\\")[:28]
        while name in used:
            name = name[:26] + str(len(used))
        used.add(name)
        sheet = book.add_worksheet(name)
        sheet.write_string(0, 0, t.caption, book.add_format({"bold": True}))
        for c, header in enumerate(t.header):
            sheet.write_string(1, c, header, bold)
            sheet.set_column(c, c, 12 if c in t.numeric else 30)
        for r, row in enumerate(t.rows, 2):
            for c, value in enumerate(row):
                number = _number(value) if c in t.numeric else None
                if number is not None:
                    sheet.write_number(r, c, number)
                else:
                    sheet.write_string(r, c, value, wrap)
        sheet.freeze_panes(2, 1)
        if matrix is not None:  # the chart to the right of its table
            sheet.insert_image(1, len(t.header) + 1, "riskmatris.png", {
                "image_data": io.BytesIO(chart_png(matrix)), "x_scale": 0.5, "y_scale": 0.5,
                "description": chart_alt(matrix), "object_position": 3})
    book.close()
    return buffer.getvalue()


def _number(text: str) -> float | None:
    try:
        return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None
