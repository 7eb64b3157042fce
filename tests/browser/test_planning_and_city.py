"""Planning and the city level in a real browser: the controller creates T2 from T1, the indicator's
page charts both periods interactively, and the administrator defines a KF goal with a KF indicator
that then appears in the committee's draft."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ils.persistence import models

from .test_committee_workflow import login, logout

pytestmark = pytest.mark.browser
SODERMALM = "Södermalms stadsdelsnämnd"


def test_controller_creates_t2_and_the_indicator_page_charts_both_periods(page, site):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    login(page, site, "controller")
    page.goto(f"{site}/rapport/{t1.pk}/")
    page.get_by_label("Skapa nytt dokument från det här").select_option("2024-T2")
    page.get_by_role("button", name="Skapa").click()
    expect(page.get_by_text("är skapad som utkast")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tertialrapport 2 2024")
    t2 = models.Report.objects.get(committee__name=SODERMALM, period="T2")
    assert page.url.endswith(f"/rapport/{t2.pk}/")
    assert t2.goals.count() == t1.goals.count() and t2.indicators.count() == t1.indicators.count()
    logout(page)

    # The writer enters the T2 outcome; the indicator's page shows T1 and T2 in one chart.
    value = t2.indicators.filter(target_kind="number", definition__unit="%").first()
    login(page, site, "skribent")
    page.goto(f"{site}/redigera/indikator/{value.pk}/")
    page.get_by_label("Periodens utfall").fill("47,5")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat.")).to_be_visible()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/indikator/{value.pk}/")
    page.wait_for_selector("#diagram.vega-embed svg")  # vega-embed replaced the server's SVG
    assert page.locator("#diagram svg").locator("path, rect, circle, line").count() > 3
    table = page.get_by_role("table", name="Indikatorns värden per period")
    expect(table).to_contain_text("T1 2024")
    expect(table).to_contain_text("T2 2024")
    expect(table).to_contain_text("47,5")
    assert errors == []


def test_administrator_defines_a_kf_indicator_that_reaches_the_committees_draft(page, site):
    login(page, site, "admin")
    page.goto(f"{site}/kf/2024/")
    page.get_by_label("Nummer (1 för inriktningsmål, 1.2 för KF-mål)").fill("9")
    page.get_by_label("Mål", exact=True).fill("En stad där alla kan cykla")
    page.get_by_role("button", name="Spara målet").click()
    expect(page.get_by_text("KF-målet är sparat.")).to_be_visible()
    page.get_by_label("Nummer (1 för inriktningsmål, 1.2 för KF-mål)").fill("9.1")
    page.get_by_label("Mål", exact=True).fill("Cykelvägarna är trygga")
    page.get_by_role("button", name="Spara målet").click()
    page.get_by_label("Indikator", exact=True).fill("Andel trygga cykelvägar")
    page.get_by_label("KF:s årsmål").fill("80 %")
    page.get_by_label("Period", exact=True).fill("Tertial")
    page.get_by_role("button", name="Spara indikatorn").click()
    expect(page.get_by_text("KF-indikatorn är sparad.")).to_be_visible()
    expect(page.get_by_role("table", name="KF-indikatorer för 9.1")).to_contain_text("80 %")
    page.get_by_role("button", name="Uppdatera nämndernas utkast 2024").click()
    expect(page.get_by_text("rader lades till eller ändrades")).to_be_visible()

    report = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    page.goto(f"{site}/rapport/{report.pk}/")
    expect(page.locator("body")).to_contain_text("Cykelvägarna är trygga")
    expect(page.locator("body")).to_contain_text("Andel trygga cykelvägar")
    assert report.indicators.get(definition__name="Andel trygga cykelvägar").kf_target_text == "80 %"
