"""The texts in a real browser: the controller writes the sammanfattande analys with a sub-heading
through the toolbar, a writer's submit with a required gap is refused with the list, the lock is
refused while parts are unapproved and then recorded with the committee's decision date."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ils.persistence import models

from .test_committee_workflow import login, logout

pytestmark = pytest.mark.browser


def test_texts_toolbar_gaps_and_lock_with_decision_date(page, site):
    report = models.Report.objects.get(committee__name="Södermalms stadsdelsnämnd")
    report_url = f"{site}/rapport/{report.pk}/"
    analysis = report.text_parts.get(key="sammanfattande-analys")
    block = report.text_parts.get(key="bedomning-2")

    # The controller writes the sammanfattande analys: a sub-heading and bold text from the toolbar.
    login(page, site, "controller")
    page.goto(report_url)
    page.get_by_role("link", name="Texter", exact=True).click()
    page.get_by_role("link", name="Skriv Sammanfattande analys").click()
    area = page.get_by_label("Text", exact=True)
    area.fill("Trygghet i stadsdelen")
    page.get_by_role("toolbar", name="Formatering").get_by_role("button", name="Rubrik").click()
    expect(area).to_have_value("## Trygghet i stadsdelen")
    area.press("End")
    area.press("Enter")
    area.press("Enter")
    area.type("Arbetet är ")
    page.get_by_role("button", name="Fetstil").click()
    page.keyboard.type("prioriterat")
    expect(area).to_have_value("## Trygghet i stadsdelen\n\nArbetet är **prioriterat**")
    preview = page.locator("#forhandsvisning")
    expect(preview.locator("h4")).to_have_text("Trygghet i stadsdelen")
    expect(preview.locator("strong")).to_have_text("prioriterat")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat.")).to_be_visible()
    expect(page.locator(f"#{analysis.anchor} .texthtml strong")).to_have_text("prioriterat")
    analysis.refresh_from_db()
    assert analysis.text == "## Trygghet i stadsdelen\n\nArbetet är **prioriterat**"
    logout(page)

    # A writer empties a required block and submits it: refused with the list of what is missing.
    login(page, site, "skribent")
    page.goto(f"{site}/rapport/{report.pk}/texter/")
    page.get_by_role("link", name=f"Skriv {block.heading}").click()
    page.get_by_label("Text", exact=True).fill("")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name=f"Klar för granskning: {block.heading}").click()
    messages = page.locator("#meddelanden")
    expect(messages).to_contain_text("Det går inte att skicka för granskning, detta saknas:")
    expect(messages).to_contain_text(f"{block.heading}: Obligatorisk text saknas.")
    block.refresh_from_db()
    assert block.status == "utkast"
    # The writer may not submit the whole document for everyone.
    page.goto(report_url)
    expect(page.get_by_role("button", name="Klar för granskning (hela dokumentet)")).to_have_count(0)
    page.get_by_role("link", name="Kvar för mig").click()
    expect(page.locator("table.remaining")).to_contain_text("Obligatorisk text saknas.")
    page.goto(f"{site}/textdel/{block.pk}/")
    page.get_by_label("Text", exact=True).fill("Förvaltningen bedömer att inriktningsmålet uppfylls helt.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name=f"Klar för granskning: {block.heading}").click()
    expect(messages).to_contain_text(f"{block.heading}: Klar för granskning.")
    logout(page)

    # The controller: the lock is refused while parts are unapproved, then recorded with the decision.
    login(page, site, "controller")
    page.goto(f"{site}/rapport/{report.pk}/texter/")
    page.get_by_role("button", name=f"Godkänn: {block.heading}").click()
    expect(page.locator(f"#{block.anchor} .sectionstatus")).to_contain_text("Godkänd")
    page.goto(report_url)
    page.get_by_role("button", name="Klar för granskning (hela dokumentet)").click()
    page.get_by_role("button", name="Godkänn (hela dokumentet)").click()
    page.get_by_label("Beslutsdatum").fill("2024-05-23")
    page.get_by_label("Paragraf").fill("§ 12")
    page.get_by_role("button", name="Lås (hela dokumentet)").click()
    expect(messages).to_contain_text("Dokumentet kan inte låsas förrän alla delar är godkända:")
    expect(messages).to_contain_text("Sammanfattande analys: Inte godkänd")
    expect(page.locator(".docstatus")).to_contain_text("Godkänd")
    # Every other section was reviewed and approved the usual way (here directly, to keep the test short).
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    page.reload()
    page.get_by_label("Beslutsdatum").fill("2024-05-23")
    page.get_by_label("Paragraf").fill("§ 12")
    page.get_by_role("button", name="Lås (hela dokumentet)").click()
    expect(page.locator(".docstatus")).to_contain_text("Låst")
    expect(page.locator("#beslut")).to_have_text("Nämndens beslut: 23 maj 2024, § 12")
    report.refresh_from_db()
    assert report.decision_date.isoformat() == "2024-05-23" and report.decision_paragraph == "§ 12"
