"""The economy of Södermalm's T2 2024 (created from T1, as the demo does) in a real browser: typing one
row's utfall and prognos updates the total and the deviation on screen before saving, an XLSX of
figures imports after a preview, and a budgetjustering request becomes a decision item."""
from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from ils.domain.model import Period
from ils.persistence import models, planning

from .test_committee_workflow import login

pytestmark = pytest.mark.browser
SODERMALM = "Södermalms stadsdelsnämnd"


@pytest.fixture
def t2(site):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    return planning.create_document(get_user_model().objects.get(username="controller"), t1, 2024, Period.T2)


def test_t2_economy_live_totals_import_and_request(page, site, t2):
    drift = t2.economy_tables.get(kind="driftbudget")
    login(page, site, "controller")
    page.goto(f"{site}/ekonomi/tabell/{drift.pk}/")
    deviation = page.get_by_label("Äldreomsorg: Avvikelse")
    total_forecast = page.get_by_label("Totalt: Prognos helår 2024")
    expect(deviation).to_have_text("14,0")
    page.get_by_label("Äldreomsorg: Utfall jan–aug 2024").fill("880,2")
    page.get_by_label("Äldreomsorg: Prognos helår 2024").fill("1 330,7")
    expect(deviation).to_have_text("2,0")  # computed on the server while typing, nothing saved yet
    expect(total_forecast).to_have_text("2 913,8")
    expect(page.get_by_label("Totalt: Avvikelse")).to_have_text("10,0")
    expect(page.get_by_label("Totalt: Utfall jan–aug 2024")).to_have_text("880,2")
    assert drift.rows.get(label="Äldreomsorg").values[3] == "1318.7"
    page.get_by_label("Äldreomsorg: Prognos helår 2024").fill("12,5x")
    expect(page.locator("[id^=fel-]").filter(has_text="är inte ett tal")).to_have_count(1)
    page.get_by_label("Äldreomsorg: Prognos helår 2024").fill("1 330,7")
    page.get_by_role("button", name="Spara tabellen").click()
    expect(page.get_by_text("Tabellen är sparad.")).to_be_visible()
    assert drift.rows.get(label="Äldreomsorg").values[3:] == ["1330.7", "2.0"]

    # An XLSX export of the financial system: a preview first, then every row.
    book = openpyxl.Workbook()
    for line in (["tabell", "rad", "utfall", "prognos"], ["Investeringar", "Klimatinvesteringar", 3.1, 10.5]):
        book.active.append(line)
    content = io.BytesIO()
    book.save(content)
    page.goto(f"{site}/rapport/{t2.pk}/ekonomi/importera/")
    page.get_by_label("Fil (CSV eller XLSX, högst 5 MB)").set_input_files(
        files=[{"name": "ekonomi.xlsx", "mimeType": "application/octet-stream", "buffer": content.getvalue()}])
    page.get_by_role("button", name="Förhandsgranska").click()
    changes = page.get_by_role("table", name="Ändringar som importen gör")
    expect(changes).to_contain_text("Klimatinvesteringar")
    expect(changes).to_contain_text("10,5")
    investments = t2.economy_tables.get(title="Investeringar")
    assert investments.rows.get(label="Klimatinvesteringar").values[2] is None
    page.get_by_role("button", name="Importera 1 rad").click()
    expect(page.get_by_text("ekonomi.xlsx: 2 värden sparades.")).to_be_visible()
    assert investments.rows.get(label="Klimatinvesteringar").values[2:] == ["3.1", "10.5", "-0.2"]

    # A budgetjustering request: a row of Budgetjusteringar and decision item 1 with the same amount.
    page.goto(f"{site}/rapport/{t2.pk}/")
    page.get_by_label("Begäran", exact=True).select_option("budgetjustering")
    page.get_by_label("Avser").fill("klimatinvesteringar")
    page.get_by_label("Belopp (mnkr)").fill("0,7")
    page.get_by_role("button", name="Lägg till begäran").click()
    text = "Nämnden begär budgetjustering om 0,7 mnkr för kostnader avseende klimatinvesteringar."
    expect(page.get_by_text(f"Begäran är beslutspunkt 1: {text}")).to_be_visible()
    expect(page.get_by_role("table", name="Budgetjusteringar")).to_contain_text(f"1. {text}")
    page.goto(f"{site}/rapport/{t2.pk}/export.html")
    expect(page.locator("body")).to_contain_text(text)


def test_economy_pages_meet_wcag_21_aa(page, site, t2):
    from .test_accessibility import _violations

    drift = t2.economy_tables.get(kind="driftbudget")
    printed = models.EconomyTable.objects.get(report__period="T1", report__committee__name=t2.committee.name,
                                              title="Arbetsmarknadsåtgärder")  # its forms and notice
    login(page, site, "controller")
    found = {}
    page.goto(f"{site}/rapport/{t2.pk}/")
    page.get_by_label("Avser").fill("Klimatinvesteringar")
    page.get_by_label("Belopp (mnkr)").fill("0,7")
    page.get_by_role("button", name="Lägg till begäran").click()
    expect(page.get_by_text("Begäran är beslutspunkt 1")).to_be_visible()
    found["request table"] = _violations(page)
    for name, url in (("report", f"/rapport/{t2.pk}/"), ("economy table", f"/ekonomi/tabell/{drift.pk}/"),
                      ("economy import", f"/rapport/{t2.pk}/ekonomi/importera/"),
                      ("economy history", f"/historik/ekonomi/{drift.pk}/"),
                      ("printed table", f"/ekonomi/tabell/{printed.pk}/")):
        page.goto(site + url)
        found[name] = _violations(page)
    assert found == {name: [] for name in found}
