"""The city report (stadens sammanställning) for a tertial or the year: HTML, PDF and XLSX.

The committees' own reports are printed by ils.renderers from a domain Document; the city
report has another shape (committees side by side), so it has its own HTML template; its PDF has
the same parts, drawn by the committee reports' Typst template in landscape (tagged PDF/UA-1)."""
from __future__ import annotations

import io

from django.template.loader import render_to_string

from ils.renderers.spreadsheet_cells import WORKBOOK_OPTIONS

from .figures import ASSESSMENT_LABELS, CityView


def title(view: CityView) -> str:
    return f"Stadens sammanställning – {view.period_label} {view.year}"


def report_html(view: CityView) -> str:
    from .html import report_indicator_tables

    return render_to_string("ils/city/report.html", {"view": view, "title": title(view),
                                                     "indicator_tables": report_indicator_tables(view)})


def report_pdf(view: CityView) -> bytes:
    """The same parts as the HTML, laid out by the committee reports' Typst template (landscape)."""
    from ils.renderers.pdf_report import render_report_pdf

    return render_report_pdf(report_blocks(view))


def report_blocks(view: CityView) -> dict:
    """The city report in the Typst template's JSON (``ils.renderers.report_typst``)."""
    from ils.renderers.typst_report import heading_block, number_cell, table_block, table_cell, table_row

    from .html import REPORT_HEAD

    def money_row(a, with_count, kind="data"):
        return table_row([table_cell(a.label, stub=True), number_cell(a.budget), number_cell(a.forecast),
                          number_cell(a.deviation)] + ([number_cell(str(a.count))] if with_count else []), kind)

    committees = ", ".join(view.committees)
    blocks = [heading_block(1, title(view)), {"k": "p", "t": f"Sammanställning av {len(view.committees)} nämnders "
                                                      f"rapporter{f', KF-mål {view.goal}' if view.goal else ''}: {committees}."}]
    goal_rows = [table_row([table_cell(f"{g.number} {g.title}", stub=True)] + [number_cell(str(n)) for _, n in g.counts])
                 for g in view.goals]
    goal_rows.append(table_row([table_cell("KF:s mål, totalt", stub=True)]
                               + [number_cell(str(n)) for _, _, n in view.summary], "total"))
    blocks += [heading_block(2, "Måluppfyllelse för KF:s mål", toc=True),
               table_block("Antal nämnder per bedömning", ["Mål"] + [label for _, label, _ in view.summary],
                           goal_rows, [100 - 12 * len(view.summary)] + [12] * len(view.summary))]
    blocks.append(heading_block(2, "KF:s indikatorer", toc=True))
    for b in view.indicators:
        caption = b.name + (f" ({b.unit})" if b.unit else "") + (f", KF:s årsmål {b.kf_target}" if b.kf_target else "")
        rows = [table_row([table_cell(r.committee, stub=True)]
                          + [number_cell(v) for v in (r.outcome, r.men, r.women, r.forecast, r.target)]) for r in b.rows]
        blocks.append(table_block(caption, list(REPORT_HEAD), rows, [35, 13, 13, 13, 13, 13]))
    blocks += [heading_block(2, "Ekonomi", toc=True),
               table_block("Budget, prognos och avvikelse (mnkr), summerat över nämnderna",
                           ["Verksamhetsområde", "Budget", "Prognos", "Avvikelse", "Nämnder"],
                           [money_row(a, True) for a in view.areas] + [money_row(view.total, True, "total")],
                           [44, 14, 14, 14, 14]),
               table_block("Budget, prognos och avvikelse (mnkr) per nämnd", ["Nämnd", "Budget", "Prognos", "Avvikelse"],
                           [money_row(a, False) for a in view.by_committee], [46, 18, 18, 18])]
    return {"title": title(view), "authors": [], "landscape": True, "blocks": blocks,
            "description": f"{view.period_label} {view.year}, {len(view.committees)} nämnder"}


def report_xlsx(view: CityView) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
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
    columns = ["Indikator", "Kod", "Enhet", "Nämnd", "Mål", "Utfall", "Män/pojkar", "Kvinnor/flickor",
               "Skillnad K−M", "Prognos", "Nämndens årsmål", "KF:s årsmål"]
    ind.write_row(0, 0, columns, head)
    row = 1
    for block in view.indicators:
        for r in block.rows:
            ind.write_row(row, 0, [block.name, block.code, block.unit, r.committee, r.goal, r.outcome, r.men, r.women,
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
