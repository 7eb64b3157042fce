"""Planning in a real browser: the controller plans the VP 2025 (created from the T1 2024) – a new
nämndmål with its own indicator and an activity, another goal removed, two reordered, an årsmål set –
and the exported PDF has them numbered; a writer saves a T2 indicator row in place (no reload)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ils.domain.model import Period
from ils.importers import parse_file
from ils.persistence import models, planning

from .test_committee_workflow import login

pytestmark = pytest.mark.browser
SODERMALM = "Södermalms stadsdelsnämnd"


def test_the_controller_plans_next_years_vp_and_the_pdf_numbers_it(page, site, tmp_path):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    login(page, site, "controller")
    page.goto(f"{site}/rapport/{t1.pk}/")
    page.get_by_label("Skapa nytt dokument från det här").select_option("2025-VP")
    page.get_by_role("button", name="Skapa").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verksamhetsplan 2025")
    vp = models.Report.objects.get(committee__name=SODERMALM, year=2025, period="VP")
    titles = {g.number: g.title for g in vp.goals.filter(number__startswith="1.3.")}
    assert {"1.3.1", "1.3.2", "1.3.3"} <= set(titles)

    # A new nämndmål under KF goal 1.1.
    page.get_by_role("link", name="Lägg till nämndmål under 1.1", exact=True).click()
    page.get_by_label("Målets rubrik").fill("Fler unga på Södermalm har ett sommarjobb")
    page.get_by_label("Beskrivning").fill("Stadsdelen ordnar sommarjobb tillsammans med näringslivet.")
    page.get_by_label("Förväntat resultat (ett per rad)").fill("Fler sökande\nFler arbetsgivare")
    page.get_by_role("button", name="Lägg till nämndmålet").click()
    new = vp.goals.get(title="Fler unga på Södermalm har ett sommarjobb")
    expect(page.get_by_text(f"Nämndmål {new.number} är tillagt.")).to_be_visible()
    assert new.number.startswith("1.1.")

    # Its own indicator with an årsmål "Max 10 st": a word where a number is needed is refused first.
    page.get_by_role("link", name=f"Lägg till indikator under {new.number}", exact=True).click()
    page.get_by_label("Indikator", exact=True).fill("Antal unga som väntar på besked om sommarjobb")
    page.get_by_label("Enhet (%, st, kr …)").fill("st")
    page.get_by_label("Riktning").select_option(label="Lägre är bättre")
    page.get_by_label("Sorts årsmål").select_option(label="Max (högst)")
    page.get_by_label("Årsmålets värde (tal med enhet, text eller år)").fill("tio")
    page.get_by_role("button", name="Lägg till indikatorn").click()
    expect(page.get_by_role("alert")).to_contain_text("Årsmålet ska vara ett tal")
    page.get_by_label("Årsmålets värde (tal med enhet, text eller år)").fill("10 st")
    page.get_by_role("button", name="Lägg till indikatorn").click()
    expect(page.get_by_text("Indikatorn Antal unga som väntar på besked om sommarjobb är tillagd")).to_be_visible()

    # An activity: one that starts after 2025 is refused at the field.
    page.get_by_role("link", name=f"Lägg till aktivitet under {new.number}", exact=True).click()
    page.get_by_label("Aktivitet").fill("Sommarjobbsmässa med lokala arbetsgivare")
    page.get_by_label("Startdatum").fill("2026-01-15")
    page.get_by_label("Slutdatum").fill("2026-06-30")
    page.get_by_role("button", name="Lägg till aktiviteten").click()
    expect(page.get_by_role("alert")).to_contain_text("Startdatum ska vara senast 31 december 2025")
    page.get_by_label("Startdatum").fill("2025-03-01")
    page.get_by_role("button", name="Lägg till aktiviteten").click()
    expect(page.get_by_text(f"Aktiviteten är tillagd under {new.number}.")).to_be_visible()

    # Remove 1.3.2: asked what happens to its indicators and activities, it goes with them.
    page.get_by_role("link", name="Ta bort målet 1.3.2", exact=True).click()
    expect(page.locator(".lead")).to_contain_text("flytta dem till ett annat mål eller ta bort dem också")
    page.get_by_role("button", name="Ta bort målet").click()
    expect(page.get_by_role("alert")).to_contain_text("flytta dem till ett annat mål eller ta bort dem också")
    page.get_by_label("Ta bort dem också").check()
    page.get_by_role("button", name="Ta bort målet").click()
    expect(page.get_by_text("Nämndmål 1.3.2 är borttaget")).to_be_visible()

    # Reorder: 1.3.1 moves below the former 1.3.3 (now 1.3.2).
    page.get_by_role("button", name="Flytta ned 1.3.1", exact=True).click()
    expect(page.get_by_text("Målet har nu nummer 1.3.2")).to_be_visible()
    expect(page.locator("#mal-1-3-1 h5")).to_contain_text(titles["1.3.3"])
    expect(page.locator("#mal-1-3-2 h5")).to_contain_text(titles["1.3.1"])

    # The committee sets its årsmål for a KF indicator that KF leaves to the committee, in place.
    kf_row = vp.indicators.filter(kf=True, kf_target_kind="set_by_committee").select_related("goal").first()
    page.evaluate("window.samePage = true")
    page.get_by_role("link", name=f"Redigera {kf_row.name}", exact=True).click()
    row = page.locator(f"#indikator-{kf_row.pk}")
    row.get_by_label("Sorts årsmål").select_option(label="Tal")
    row.get_by_label("Årsmålets värde (tal med enhet, text eller år)").fill("95 %")
    row.get_by_role("button", name=f"Spara {kf_row.name}").click()
    expect(row.get_by_role("status")).to_contain_text("Sparat.")
    expect(row.locator("tr").first).to_contain_text("95 %")
    assert page.evaluate("window.samePage === true")

    # The PDF has the new tree, numbered.
    pdf = page.request.get(f"{site}/rapport/{vp.pk}/export.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    path = tmp_path / "vp.pdf"
    path.write_bytes(pdf.body())
    doc = parse_file(path)
    assert doc.goal(new.number).title == "Fler unga på Södermalm har ett sommarjobb"
    assert doc.goal("1.3.1").title == titles["1.3.3"] and doc.goal("1.3.2").title == titles["1.3.1"]
    assert doc.goal("1.3.3") is None and all(g.title != titles["1.3.2"] for g in doc.goals)
    own = next(i for i in doc.indicators_of(new.number))
    assert own.name == "Antal unga som väntar på besked om sommarjobb" and own.target.text == "Max 10 st"
    assert [a.text for a in doc.activities_of(new.number)] == ["Sommarjobbsmässa med lokala arbetsgivare"]
    assert next(i for i in doc.indicators if i.name == kf_row.name).target.text == "95 %"


def test_a_writer_saves_a_t2_indicator_row_in_place(page, site):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    controller = models.Membership.objects.get(user__username="controller").user
    t2 = planning.create_document(controller, t1, 2024, Period.T2)
    row = t2.indicators.filter(goal__number="1.1.1", target_kind="number", period="Tertial 2 2024").first()
    login(page, site, "skribent")
    page.goto(f"{site}/rapport/{t2.pk}/")
    page.evaluate("window.samePage = true")
    documents = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)

    page.get_by_role("link", name=f"Redigera {row.name}", exact=True).click()
    tbody = page.locator(f"#indikator-{row.pk}")
    expect(tbody.locator("form")).to_be_visible()
    # No outcome in a plan, no target-only form here: the T2 asks for men before women, forecast, analysis.
    labels = tbody.locator("label").all_inner_texts()
    assert labels[:5] == ["Periodens utfall", "Utfall män/pojkar", "Utfall kvinnor/flickor", "Prognos helår", "Analys"]
    tbody.get_by_label("Periodens utfall").fill("tolv")
    tbody.get_by_role("button", name=f"Spara {row.name}").click()
    expect(tbody.get_by_role("alert")).to_contain_text("Skriv ett tal")
    tbody.get_by_label("Periodens utfall").fill(row.target_text)
    tbody.get_by_label("Prognos helår").fill(row.target_text)
    with page.expect_response(lambda r: r.request.method == "POST") as saved:
        tbody.get_by_role("button", name=f"Spara {row.name}").click()
    assert saved.value.status == 200 and len(saved.value.body()) < 10_000  # one small answer: the row
    expect(tbody.get_by_role("status")).to_contain_text("Sparat.")
    cells = tbody.locator("tr").first.locator("td")
    expect(cells.first).to_have_text(row.target_text)
    expect(tbody.locator("tr").first).to_contain_text("Tertial 2 2024")
    assert page.evaluate("window.samePage === true") and documents == []
    row.refresh_from_db()
    assert row.outcome_text == row.target_text and row.version == 2


def test_the_report_page_fits_a_390_px_phone(browser, site):
    """No horizontal page scroll at 390 px; wide tables scroll in their own box; the menu is all there."""
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        login(page, site, "controller")
        for url in (f"/rapport/{t1.pk}/", f"/historik/rapport/{t1.pk}/", f"/redigera/mal/{t1.goals.first().pk}/"):
            page.goto(site + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        page.goto(f"{site}/rapport/{t1.pk}/")
        for name in ("KF:s mål", "Sök", "Importera utfall"):
            box = page.get_by_role("navigation", name="Användare").get_by_role("link", name=name).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, name
        table = page.locator("table.indicators").first
        assert table.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")
        assert table.evaluate("t => getComputedStyle(t.parentElement).overflowX") == "auto"
    finally:
        context.close()
