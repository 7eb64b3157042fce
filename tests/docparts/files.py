"""Small real files of each kind a bilaga may be, made by the libraries that write them."""
from __future__ import annotations

import io


def pdf_file(text: str = "Bilagans innehåll", pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out)
    for page in range(pages):
        drawing.drawString(72, 720, f"{text} {page + 1}")
        drawing.showPage()
    drawing.save()
    return out.getvalue()


def docx_file(text: str = "Plan för upphandling") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_file() -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out)
    workbook.add_worksheet().write(0, 0, "Nyckeltal")
    workbook.close()
    return out.getvalue()
