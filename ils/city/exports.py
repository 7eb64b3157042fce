"""The city report (stadens sammanställning) for a tertial or the year: HTML, PDF and XLSX.

The committees' own reports are printed by ils.renderers from a domain Document; the city
report has another shape (committees side by side), so it has its own template. The PDF is that
HTML printed by WeasyPrint as tagged PDF/UA-1; unlike the committee reports (Typst), its header
cells carry no /Scope (Kozea/WeasyPrint#2508), and it is slow for a whole city's tables."""
from __future__ import annotations

import io

from django.template.loader import render_to_string

from .figures import ASSESSMENT_LABELS, CityView


def title(view: CityView) -> str:
    return f"Stadens sammanställning – {view.period_label} {view.year}"


def report_html(view: CityView) -> str:
    from .html import report_indicator_tables

    return render_to_string("ils/city/report.html", {"view": view, "title": title(view),
                                                     "indicator_tables": report_indicator_tables(view)})


def report_pdf(view: CityView) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=report_html(view)).write_pdf(pdf_variant="pdf/ua-1")


def report_xlsx(view: CityView) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"title": title(view), "language": "sv-SE"})
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "bg_color": "#e8eef4", "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    number = book.add_format({"num_format": "# ##0.0"})

    goals = book.add_worksheet("KF-mål")
    goals.write(0, 0, title(view), bold)
    header = ["Nummer", "Mål"] + [ASSESSMENT_LABELS[k] for k, _ in view.goals[0].counts] if view.goals else []
    header += view.committees
    goals.write_row(2, 0, header, head)
    for n, g in enumerate(view.goals, start=3):
        goals.write(n, 0, g.number)
        goals.write(n, 1, g.title, wrap)
        goals.write_row(n, 2, [c for _, c in g.counts])
        goals.write_row(n, 2 + len(g.counts), ["" if c is None else (c or "ej bedömd") for c in g.cells])
    goals.set_column(1, 1, 50)
    goals.freeze_panes(3, 2)

    ind = book.add_worksheet("KF-indikatorer")
    columns = ["Indikator", "Kod", "Enhet", "Nämnd", "Mål", "Utfall", "Kvinnor/flickor", "Män/pojkar",
               "Skillnad K−M", "Prognos", "Nämndens årsmål", "KF:s årsmål"]
    ind.write_row(0, 0, columns, head)
    row = 1
    for block in view.indicators:
        for r in block.rows:
            ind.write_row(row, 0, [block.name, block.code, block.unit, r.committee, r.goal, r.outcome, r.women, r.men,
                                   r.gap, r.forecast, r.target, r.kf_target])
            row += 1
    ind.set_column(0, 0, 50)
    ind.set_column(3, 3, 30)
    ind.autofilter(0, 0, max(row - 1, 1), len(columns) - 1)
    ind.freeze_panes(1, 1)

    eco = book.add_worksheet("Ekonomi")
    eco.write_row(0, 0, ["Verksamhetsområde", "Budget (mnkr)", "Prognos (mnkr)", "Avvikelse (mnkr)", "Antal nämnder"], head)
    for n, a in enumerate(view.areas + [view.total], start=1):
        eco.write(n, 0, a.label, bold if a is view.total else None)
        for m, text in enumerate((a.budget, a.forecast, a.deviation), start=1):
            eco.write_number(n, m, float(text.replace(" ", "").replace(",", ".")), number)
        eco.write_number(n, 4, a.count)
    start = len(view.areas) + 3
    eco.write_row(start, 0, ["Nämnd", "Budget (mnkr)", "Prognos (mnkr)", "Avvikelse (mnkr)"], head)
    for n, a in enumerate(view.by_committee, start=start + 1):
        eco.write(n, 0, a.label)
        for m, text in enumerate((a.budget, a.forecast, a.deviation), start=1):
            eco.write_number(n, m, float(text.replace(" ", "").replace(",", ".")), number)
    eco.set_column(0, 0, 45)
    eco.set_column(1, 4, 16)
    book.close()
    return out.getvalue()
