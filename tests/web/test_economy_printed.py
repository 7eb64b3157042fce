"""The page of a table as printed: its rows and cells as the report writes them, a notice per total that
does not add up, and a form per row to change, move or remove it."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ils.persistence import models
from tests.web.people import SODERMALM

pytestmark = pytest.mark.postgres


@pytest.fixture
def arbetsmarknad():
    report = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    return report.economy_tables.get(title="Arbetsmarknadsåtgärder")


def test_the_page_shows_the_printed_cells_and_a_notice_for_a_total_that_does_not_add_up(clients, arbetsmarknad):
    page = clients["lasare"].get(reverse("economy_table", args=[arbetsmarknad.pk]))
    assert page.status_code == 200
    html = page.text
    assert "raden &#x27;Netto&#x27; i kolumnen &#x27;Prognos 2024&#x27; är 29,9 men raderna ovan summerar till 29,0" in html
    netto = arbetsmarknad.rows.get(label="Netto")
    assert all(f"<td class=\"num\">{cell}</td>" in html for cell in netto.raw if cell)
    assert 'name="steg"' not in html  # a reader gets no forms
    report_page = clients["lasare"].get(reverse("report", args=[arbetsmarknad.report_id])).text
    assert reverse("economy_table", args=[arbetsmarknad.pk]) in report_page


def test_a_controller_corrects_a_row_and_the_notice_goes(clients, arbetsmarknad):
    rows = list(arbetsmarknad.rows.all())
    netto = next(r for r in rows if r.label == "Netto")
    column = arbetsmarknad.columns.index("Prognos 2024")
    cells = list(netto.raw)
    cells[column] = "29,0"
    url = reverse("economy_printed_row", args=[arbetsmarknad.pk])
    post = {"version": arbetsmarknad.version, "rad": netto.pk, "label": "Netto", "kind": "total", "steg": "spara",
            **{f"c{i}": c for i, c in enumerate(cells)}}
    bad = clients["controller"].post(url, {**post, f"c{column}": "29,0 mnkr x"}, follow=True)
    assert "Inget ändrades" in bad.text and "kolumnen &#x27;Prognos 2024&#x27;" in bad.text
    saved = clients["controller"].post(url, post, follow=True)
    assert "Raden är sparad" in saved.text and "summerar till" not in saved.text
    netto.refresh_from_db()
    assert netto.raw[column] == "29,0" and netto.values[column] == "29.0"
    up = clients["controller"].post(url, {"version": arbetsmarknad.version + 1, "rad": netto.pk, "steg": "upp"})
    assert up.status_code == 302
    assert list(arbetsmarknad.rows.values_list("label", flat=True))[-2] == "Netto"
    assert clients["lasare"].post(url, post).status_code == 403


def test_a_new_printed_table_from_the_report_page(clients):
    report = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    made = clients["controller"].post(reverse("economy_new_table", args=[report.pk]), {
        "kind": "tryckt", "title": "Egen tabell", "columns": "Budget 2024\r\nPrognos 2024\r\n"}, follow=True)
    assert made.status_code == 200 and "Tabellen Egen tabell är skapad" in made.text
    table = report.economy_tables.get(title="Egen tabell")
    assert table.kind == "" and table.columns == ["Budget 2024", "Prognos 2024"]
    row = clients["controller"].post(reverse("economy_printed_row", args=[table.pk]), {
        "version": table.version, "label": "Summa", "c0": "1,0", "c1": ""}, follow=True)
    assert "Raden är tillagd" in row.text
    assert [(r.label, r.kind, r.raw) for r in table.rows.all()] == [("Summa", "total", ["1,0", ""])]
