"""The economy pages: a table's form with live deviations (htmx), requests, new tables, the import
with its preview, and who may do what."""
from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from ils.domain.model import Period
from ils.persistence import models, planning
from tests.web.people import SODERMALM

pytestmark = pytest.mark.postgres


@pytest.fixture
def t2(clients):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    from django.contrib.auth import get_user_model

    return planning.create_document(get_user_model().objects.get(username="controller"), t1, 2024, Period.T2)


def _drift(report):
    table = report.economy_tables.get(kind="driftbudget")
    return table, table.rows.get(label="Äldreomsorg"), table.rows.get(label="Totalt")


def test_report_page_links_the_tables_and_offers_requests_to_editors_only(clients, t2):
    table, _, _ = _drift(t2)
    page = clients["controller"].get(reverse("report", args=[t2.pk])).text
    assert reverse("economy_table", args=[table.pk]) in page and "Ny begäran" in page
    reader = clients["lasare"].get(reverse("report", args=[t2.pk])).text
    assert "Ny begäran" not in reader and "Visa Uppföljning av driftbudget" in reader
    assert clients["skribent-social"].get(reverse("economy_table", args=[table.pk])).status_code == 404
    assert clients["lasare"].post(reverse("economy_table", args=[table.pk]), {"version": 1}).status_code == 403


def test_compute_answers_the_deviation_and_total_without_saving(clients, t2):
    table, row, total = _drift(t2)
    response = clients["controller"].post(reverse("economy_compute", args=[table.pk]),
                                          {f"r{row.pk}-utfall": "880,2", f"r{row.pk}-prognos": "1 330,7"})
    assert response.status_code == 200
    html = response.text
    assert f'<output id="c{row.pk}-4" hx-swap-oob="true" aria-label="Äldreomsorg: Avvikelse">2,0</output>' in html
    assert f'<output id="c{total.pk}-3" hx-swap-oob="true" aria-label="Totalt: Prognos helår 2024">2 913,8</output>' in html
    row.refresh_from_db()
    assert row.values[3] == "1318.7"  # nothing saved
    bad = clients["controller"].post(reverse("economy_compute", args=[table.pk]), {f"r{row.pk}-prognos": "12,5x"})
    assert "&#x27;12,5x&#x27; är inte ett tal" in bad.text


def test_saving_the_form_writes_figures_and_texts_and_refuses_bad_ones_whole(clients, t2):
    table, row, total = _drift(t2)
    url = reverse("economy_table", args=[table.pk])
    bad = clients["skribent"].post(url, {"version": 1, f"r{row.pk}-utfall": "880,2", f"r{row.pk}-prognos": "12,5x"})
    assert bad.status_code == 422 and "Inget sparades" in bad.text and 'aria-invalid="true"' in bad.text
    row.refresh_from_db()
    assert row.values[2] is None
    ok = clients["skribent"].post(url, {"version": 1, f"r{row.pk}-utfall": "880,2", f"r{row.pk}-prognos": "1 330,7",
                                        f"t{row.pk}": "Fler beviljade insatser.", "text": "Prognosen per område."},
                                  follow=True)
    assert "Tabellen är sparad." in ok.text
    row.refresh_from_db()
    assert row.values[3:] == ["1330.7", "2.0"] and row.text == "Fler beviljade insatser."
    stale = clients["skribent"].post(url, {"version": 1, f"r{row.pk}-utfall": "1"})
    assert stale.status_code == 409
    report_page = clients["lasare"].get(reverse("report", args=[t2.pk])).text
    assert "Fler beviljade insatser." in report_page and "2 913,8" in report_page
    printed = clients["lasare"].get(reverse("report_export", args=[t2.pk, "html"])).content.decode()
    assert "<p>Prognosen per område.</p>" in printed and "<p>Äldreomsorg: Fler beviljade insatser.</p>" in printed
    import docx

    word = docx.Document(io.BytesIO(clients["lasare"].get(reverse("report_export", args=[t2.pk, "docx"])).content))
    assert "Äldreomsorg: Fler beviljade insatser." in [p.text for p in word.paragraphs]
    import pdfplumber

    pdf = clients["lasare"].get(reverse("report_export", args=[t2.pk, "pdf"]))
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages[-15:])
    assert "Äldreomsorg: Fler beviljade insatser." in text and "2 913,8" in text


def test_budgetjustering_request_becomes_a_decision_item(clients, t2):
    response = clients["controller"].post(reverse("economy_new_request", args=[t2.pk]),
                                          {"request": "budgetjustering", "label": "Klimatinvesteringar",
                                           "amount": "0,7"}, follow=True)
    assert "Begäran är beslutspunkt 1" in response.text
    decision = t2.decisions.get()
    assert decision.text == "Nämnden begär budgetjustering om 0,7 mnkr för kostnader avseende Klimatinvesteringar."
    bad = clients["controller"].post(reverse("economy_new_request", args=[t2.pk]),
                                     {"request": "budgetjustering", "label": "X", "amount": "12,5x"}, follow=True)
    assert "Belopp (mnkr): &#x27;12,5x&#x27; är inte ett tal" in bad.text and t2.decisions.count() == 1


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_import_previews_then_writes_all_rows_or_none(clients, t2):
    from django.core.files.uploadedfile import SimpleUploadedFile

    table, row, total = _drift(t2)
    url = reverse("economy_import", args=[t2.pk])
    content = _xlsx([["tabell", "rad", "utfall", "Prognos helår 2024"],
                     ["Uppföljning av driftbudget", "Äldreomsorg", 880.2, 1330.7],
                     ["Investeringar", "Klimatinvesteringar", "3,1", ""]])
    preview = clients["controller"].post(url, {"fil": SimpleUploadedFile("ekonomi.xlsx", content)})
    assert preview.status_code == 200 and "Importera 2 rader" in preview.text and "1 330,7" in preview.text
    row.refresh_from_db()
    assert row.values[2] is None  # the preview writes nothing
    done = clients["controller"].post(url, {"steg": "importera"}, follow=True)
    assert "sparades" in done.text
    row.refresh_from_db()
    assert row.values[2:] == ["880.2", "1330.7", "2.0"]
    assert t2.economy_tables.get(title="Investeringar").rows.get(label="Klimatinvesteringar").values[2] == "3.1"
    wrong = _xlsx([["tabell", "rad", "utfall", "avvikelse"],
                   ["Uppföljning av driftbudget", "Äldreomsorg", "1", ""],
                   ["Uppföljning av driftbudget", "Finns inte", "1", ""],
                   ["Uppföljning av driftbudget", "Nämnd och administration", "2x", "3"]])
    refused = clients["controller"].post(url, {"fil": SimpleUploadedFile("fel.csv", wrong)})
    assert refused.status_code == 422
    assert "raden &#x27;Finns inte&#x27; finns inte" in refused.text and "räknas fram" in refused.text
    assert "&#x27;2x&#x27; är inte ett tal" in refused.text and "Importera" not in refused.text.split("Fel per rad")[1]
    row.refresh_from_db()
    assert row.values[2] == "880.2"


def test_a_budgetjustering_form_enters_the_amount_in_the_chosen_driftbudget_row(clients, t2):
    table, row, _ = _drift(t2)
    page = clients["controller"].get(reverse("report", args=[t2.pk])).text
    assert "En budgetjustering förs in i Uppföljning av driftbudget" in page and f'<option value="{row.pk}">' in page
    made = clients["controller"].post(reverse("economy_new_request", args=[t2.pk]), {
        "request": "budgetjustering", "label": "Äldreomsorg", "amount": "0,7", "rad": [str(row.pk), ""]}, follow=True)
    assert "Begäran är beslutspunkt 1" in made.text
    assert f'<option value="{row.pk}" selected>' in made.text  # the request's form shows its row
    row.refresh_from_db()
    assert row.values[1] == "0.7" and row.values[4] == "14.7"
