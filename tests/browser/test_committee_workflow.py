"""The real tasks in a real browser: each role logs in and does its part of a T1 report."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ils.persistence import models

pytestmark = pytest.mark.browser


def login(page, site, username, password=None):
    page.goto(f"{site}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password or username)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Inloggad som")).to_be_visible()


def logout(page):
    page.get_by_role("button", name="Logga ut").click()


def _report(name):
    return models.Report.objects.get(committee__name=name)


def test_enter_outcome_propose_assess_submit_approve_lock(page, site):
    report = _report("Södermalms stadsdelsnämnd")
    indicator = report.indicators.select_related("goal").filter(target_kind="number", goal__number="1.1.1").first()
    report_url = f"{site}/rapport/{report.pk}/"

    # The writer enters a T1 outcome, forecast and analysis.
    login(page, site, "skribent")
    page.goto(report_url)
    page.get_by_role("link", name=f"Redigera {indicator.name}").click()
    page.get_by_label("Periodens utfall").fill("1 234,5")
    page.get_by_label("Prognos helår").fill(indicator.target_text)
    page.get_by_role("textbox", name="Analys").fill("Utfallet följer planen för första tertialen.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Sparat.")).to_be_visible()
    expect(page.locator("#mal-1-1-1 table.indicators")).to_contain_text("1 234,5")

    # The goal's edit page proposes an assessment; choosing another asks for a reason.
    page.get_by_role("link", name="Redigera målet 1.1.1").click()
    proposal = page.locator(".proposal strong").inner_text()  # the form opens in the section (htmx)
    assert proposal.startswith("Uppfylls")
    other = next(label for label in ("Uppfylls helt", "Uppfylls delvis", "Uppfylls inte") if label != proposal)
    page.get_by_label("Bedömning", exact=True).select_option(label=other)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Bedömningen skiljer sig från förslaget: motivera den.")).to_be_visible()
    page.get_by_label("Motivering av bedömningen").fill("Aktiviteterna under tertialen väger tyngre.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator("#mal-1-1-1 .assessment")).to_contain_text(other)

    # Submit the section for review: htmx replaces the section and the message, not the page.
    page.evaluate("window.samePage = true")
    page.get_by_role("button", name="Klar för granskning 1.1.1").click()
    expect(page.locator("#mal-1-1-1 .sectionstatus")).to_contain_text("Klar för granskning")
    expect(page.locator("#meddelanden")).to_contain_text("Status: Klar för granskning.")
    assert page.evaluate("window.samePage === true")
    expect(page.get_by_role("link", name="Redigera målet 1.1.1")).to_have_count(0)
    logout(page)

    # The controller approves the section, then the whole document, then locks it.
    login(page, site, "controller")
    page.goto(report_url)
    page.get_by_role("button", name="Godkänn 1.1.1").click()
    expect(page.locator("#mal-1-1-1 .sectionstatus")).to_contain_text("Godkänd")
    page.get_by_role("button", name="Klar för granskning (hela dokumentet)").click()
    page.get_by_role("button", name="Godkänn (hela dokumentet)").click()
    # The lock needs every part approved (tests/browser/test_texts.py shows the refusal) and the decision.
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    page.get_by_label("Beslutsdatum").fill("2024-05-23")
    page.get_by_role("button", name="Lås (hela dokumentet)").click()
    expect(page.locator(".docstatus")).to_contain_text("Låst")
    logout(page)

    # A locked section cannot be edited: no links, and the form itself is refused.
    login(page, site, "skribent")
    page.goto(report_url)
    expect(page.get_by_role("link", name=re.compile("^Redigera"))).to_have_count(0)
    response = page.goto(f"{site}/redigera/indikator/{indicator.pk}/")
    assert response.status == 403
    indicator.refresh_from_db()
    assert (indicator.outcome_text, indicator.analysis) == ("1 234,5", "Utfallet följer planen för första tertialen.")


def test_other_committees_drafts_are_not_reachable_by_url(page, site):
    sodermalm = _report("Södermalms stadsdelsnämnd")
    social = _report("Socialnämnden")
    login(page, site, "skribent-social", "skribent")
    expect(page.get_by_role("link", name="Socialnämnden")).to_be_visible()
    expect(page.get_by_role("link", name="Södermalms stadsdelsnämnd")).to_have_count(0)
    for url in (f"/rapport/{sodermalm.pk}/", f"/rapport/{sodermalm.pk}/kontroll/",
                f"/redigera/mal/{sodermalm.goals.first().pk}/"):
        assert page.goto(site + url).status == 404
    assert page.goto(f"{site}/rapport/{social.pk}/").status == 200
    logout(page)

    # A reader sees the committee's drafts but cannot edit; the administrator sees every committee.
    login(page, site, "lasare")
    page.goto(f"{site}/rapport/{sodermalm.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tertialrapport 1 2024")
    expect(page.get_by_role("link", name=re.compile("^Redigera"))).to_have_count(0)
    logout(page)
    login(page, site, "admin")
    for name in ("Socialnämnden", "Södermalms stadsdelsnämnd"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
