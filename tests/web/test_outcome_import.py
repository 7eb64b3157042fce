"""The outcome import page: preview (nothing stored), then import (all rows or none), with row-level
errors and a conflict when someone changes an indicator between the preview and the import."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ils.domain.identifiers import indicator_code
from ils.persistence import models
from tests.web.people import SODERMALM, _report

pytestmark = pytest.mark.postgres
URL = reverse("outcome_import")


def _rows(count=2):
    """Indicator values of Södermalm's draft in %, each alone under its name in the report."""
    rows = list(_report(SODERMALM).indicators.select_related("definition", "goal").order_by("order"))
    names = [r.definition_id for r in rows]
    return [r for r in rows if r.definition.unit == "%" and names.count(r.definition_id) == 1][:count]


def _snapshot():
    return list(_report(SODERMALM).indicators.order_by("pk").values_list("pk", "version", "outcome_text", "analysis"))


def _preview(client, text: str, name="utfall.csv"):
    return client.post(URL, {"steg": "forhandsgranska", "fil": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_preview_shows_the_changes_then_the_import_writes_them(clients):
    first, second = _rows()
    before = _snapshot()
    csv = ("nämnd;år;period;indikator;utfall;analys\n"
           f"{SODERMALM};2024;T1;{indicator_code(first.definition.key)};41,5;Bättre än väntat.\n"
           f"sodermalms-stadsdelsnamnd;2024;T1;{second.name};38.25;\n")
    response = _preview(clients["skribent"], csv)
    assert response.status_code == 200
    page = response.text
    assert "Förhandsgranskning av utfall.csv" in page and "Importera 3 ändringar" in page
    assert "41,5 %" in page and "38,25 %" in page and "Bättre än väntat." in page
    assert _snapshot() == before  # a preview stores nothing

    response = clients["skribent"].post(URL, {"steg": "importera"}, follow=True)
    assert "utfall.csv: 2 indikatorer sparades." in response.text
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.outcome_text, first.analysis, second.outcome_text) == ("41,5 %", "Bättre än väntat.", "38,25 %")
    notes = set(models.AuditEntry.objects.filter(item_id__in=[first.pk, second.pk]).values_list("note", flat=True))
    assert notes == {"Import från utfall.csv"}
    # The file was used once: importing again needs a new preview.
    assert clients["skribent"].post(URL, {"steg": "importera"}).status_code == 422


def test_bad_rows_are_listed_by_file_row_and_nothing_can_be_imported(clients):
    first, second = _rows()
    before = _snapshot()
    csv = f"id;utfall;prognos\n{first.pk};12;\n\n{second.pk};tolv;\n99999999;1;\n"
    response = _preview(clients["skribent"], csv)
    assert response.status_code == 404  # an unknown id outranks the invalid value
    page = response.text
    assert "2 rader har fel" in page
    assert '<th scope="row">4</th><td>utfall</td><td>utfall: &#x27;tolv&#x27; är inte ett tal' in page
    assert '<th scope="row">5</th>' in page and "finns inte" in page
    assert 'name="steg" value="importera"' not in page
    assert clients["skribent"].post(URL, {"steg": "importera"}).status_code == 422
    assert _snapshot() == before


def test_a_change_between_preview_and_import_is_a_conflict_and_nothing_is_written(clients):
    first, second = _rows()
    _preview(clients["skribent"], f"id;utfall\n{first.pk};10\n{second.pk};20\n")
    form = {"version": second.version, "outcome": "33", "outcome_women": "", "outcome_men": "", "forecast": "",
            "analysis": "Ändrad under tiden."}
    assert clients["controller"].post(reverse("edit_item", args=["indikator", second.pk]), form).status_code == 302
    before = _snapshot()
    response = clients["skribent"].post(URL, {"steg": "importera"})
    assert response.status_code == 409
    assert "Importen avbröts" in response.text and "har ändrats sedan version" in response.text
    assert _snapshot() == before


def test_a_file_that_is_not_a_table_names_the_file(clients):
    response = _preview(clients["skribent"], "%PDF-1.7 ...", name="rapport.pdf")
    assert response.status_code == 422
    assert "rapport.pdf: Filen ska vara CSV eller XLSX." in response.text
    response = _preview(clients["skribent"], "färg;storlek\nröd;1\n")
    assert response.status_code == 422 and "Okända kolumner: färg, storlek" in response.text
