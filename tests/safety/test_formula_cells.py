"""Exports write text as text: no cell of a report's or the city's XLSX is a formula or a link,
and open-data CSV cells a spreadsheet would evaluate start with an apostrophe (numbers untouched)."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import openpyxl
import pytest
from django.test import Client

from ils.persistence import models
from ils.renderers.spreadsheet_cells import csv_cell
from ils.renderers.xlsx_export import render_xlsx
from tests.web.people import signed_in

PLANTED = ["=HYPERLINK(\"http://x.invalid\",\"klicka\")", "+1+cmd|' /C calc'!A0", "-1+cmd|' /C calc'!A0",
           "@SUM(A1:A9)", "=1+1", "http://x.invalid/" + "a" * 300]


def _cells(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet, cell


def test_the_report_xlsx_writes_planted_formulas_as_text(seed_documents):
    doc = seed_documents["sodermalm"]
    goals = [replace(g, title=PLANTED[n % len(PLANTED)], analysis=PLANTED[(n + 1) % len(PLANTED)])
             for n, g in enumerate(doc.goals)]
    indicators = [replace(i, name=PLANTED[n % len(PLANTED)], analysis=PLANTED[(n + 2) % len(PLANTED)])
                  for n, i in enumerate(doc.indicators)]
    activities = [replace(a, text=PLANTED[n % len(PLANTED)]) for n, a in enumerate(doc.activities)]
    content = render_xlsx(replace(doc, goals=goals, indicators=indicators, activities=activities))
    cells = list(_cells(content))
    assert not [c.coordinate for _, c in cells if c.data_type == "f"]
    assert not [c.coordinate for _, c in cells if c.hyperlink]
    texts = {c.value for _, c in cells if isinstance(c.value, str)}
    assert set(PLANTED) <= texts
    assert any(isinstance(c.value, float | int) for _, c in cells), "numbers stay numbers"


@pytest.mark.django_db
def test_the_city_xlsx_writes_planted_formulas_as_text():
    report = models.Report.objects.get(committee__name="Södermalms stadsdelsnämnd")
    report.goals.filter(level="kf_mal").update(title=PLANTED[0])
    client = signed_in("stad", superuser=True)
    response = client.get(f"/stad/{report.year}/{report.period}/rapport.xlsx")
    assert response.status_code == 200
    cells = list(_cells(response.content))
    assert not [c.coordinate for _, c in cells if c.data_type == "f"]
    assert PLANTED[0] in {c.value for _, c in cells}


@pytest.mark.django_db
def test_open_data_csv_neutralises_text_and_keeps_numbers():
    report = models.Report.objects.get(committee__name="Socialnämnden")
    models.Report.objects.filter(pk=report.pk).update(status="last")
    first, second = report.indicators.order_by("order")[:2]
    models.IndicatorValue.objects.filter(pk=first.pk).update(name=PLANTED[2], target_text="=1+1")
    models.IndicatorValue.objects.filter(pk=second.pk).update(outcome=-5.5, outcome_text="-5,5 %")
    response = Client().get("/oppna-data/utfall.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    planted = [r for r in rows if r["indikator"].endswith("calc'!A0")]
    assert planted and all(r["indikator"] == "'" + PLANTED[2] and r["malvarde"] == "'=1+1" for r in planted)
    negative = [r for r in rows if r["varde_text"] == "-5,5 %"]
    assert negative and negative[0]["varde"] == "-5.5"
    assert not [r for r in rows for v in r.values() if v and v[0] in "=+@"]


def test_csv_cell_follows_owasp():
    assert [csv_cell(v) for v in ("=1", "+1+x", "-x", "@x", "\t=1", " =1", "-5,5", "+122", "-3 331,1", "-0,07 %",
                                  "text", 12.5, None)] == \
        ["'=1", "'+1+x", "'-x", "'@x", "'\t=1", "' =1", "-5,5", "+122", "-3 331,1", "-0,07 %", "text", 12.5, None]
