"""Internal control through a year in a real browser: the controller builds a risk analysis with five
risks (the matrix counts them per cell), three controls, follows them up in T1, T2 and the VB with
one deviation and its action, judges the internal control, exports the VB bilaga as PDF, and next
year's analysis carries the open items."""
from __future__ import annotations

import pypdfium2
import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from ils.domain.workflow import Role
from ils.persistence import models

from .test_committee_workflow import login

pytestmark = pytest.mark.browser

RISKS = [  # area, risk, probability, consequence, treatment, motivation or action
    ("Ekonomi", "Felaktiga utbetalningar till leverantörer", "3", "3", "Kontrollmoment", ""),
    ("Ekonomi", "Fakturor attesteras av fel person", "3", "3", "Kontrollmoment", ""),
    ("Upphandling", "Jäv vid upphandling", "2", "4", "Kontrollmoment", ""),
    ("IT", "Driftstopp i verksamhetssystemet", "1", "2", "Åtgärd", "Reservrutin på papper"),
    ("Personal", "Sen registrering av frånvaro", "1,5", "1", "Accepteras", "Liten ekonomisk påverkan"),
]
CONTROLS = [  # risk number, what, method, frequency, periods
    (1, "Stickprov på utbetalningar", "Stickprov", "Tertialvis", ["Tertialrapport 1", "Tertialrapport 2",
                                                                    "Verksamhetsberättelse"]),
    (2, "Registerkontroll av attesträtter", "Registerkontroll", "Årligen", ["Tertialrapport 2",
                                                                           "Verksamhetsberättelse"]),
    (3, "Genomgång av jävsdeklarationer", "Genomgång", "Årligen", ["Verksamhetsberättelse"]),
]


@pytest.fixture
def year_site(live_server, transactional_db, seed_documents):
    from ils.persistence.store import save_document

    report = save_document(seed_documents["hagersten-alvsjo"])  # VP 2025, a draft
    user = get_user_model().objects.create_user("ic-controller", password="ic-controller")
    models.Membership.objects.create(user=user, role=Role.CONTROLLER.value, committee=report.committee)
    return live_server.url, report


def _create(page, site, report, value):
    page.goto(f"{site}/rapport/{report.pk}/")
    page.get_by_label("Skapa nytt dokument från det här").select_option(value)
    page.get_by_role("button", name="Skapa").click()
    expect(page.get_by_text("är skapad som utkast")).to_be_visible()


def _follow_up(page, control, done, result, deviation="", action="", owner=""):
    section = page.locator(f"#kontroll-{control.pk}")
    section.get_by_label("Ja" if done else "Nej", exact=True).check()
    section.get_by_label("Resultat").fill(result)
    if deviation:
        section.get_by_label("Avvikelser").fill(deviation)
        section.get_by_label("Beslutad åtgärd").fill(action)
        section.get_by_label("Ansvarig för åtgärden").fill(owner)
    section.get_by_role("button", name="Spara uppföljningen").click()
    expect(page.get_by_text("är sparad.")).to_be_visible()


def test_a_year_of_internal_control(page, year_site):
    site, vp = year_site
    base = f"{site}/internkontroll/{vp.committee.slug}/2025/"
    login(page, site, "ic-controller")
    page.goto(f"{site}/namnd/{vp.committee.slug}/")
    page.get_by_role("link", name="Intern kontroll 2025").click()
    page.get_by_role("button", name="Skapa riskanalys för 2025").click()
    expect(page.get_by_text("Riskanalysen för 2025 är skapad.")).to_be_visible()

    for area, risk, p, c, treatment, text in RISKS:
        page.get_by_label("Process eller område").fill(area)
        page.get_by_label("Risk", exact=True).fill(risk)
        page.get_by_label("Sannolikhet").fill(p)
        page.get_by_label("Konsekvens").fill(c)
        page.get_by_label("Hantering").select_option(label=treatment)
        if treatment == "Åtgärd":
            page.get_by_label("Åtgärd", exact=True).fill(text)
        elif text:
            page.get_by_label("Motivering (vid acceptans)").fill(text)
        page.get_by_role("button", name="Spara risken").click()
        expect(page.get_by_text("Risken är sparad.")).to_be_visible()
    matrix = page.get_by_role("table", name="Riskmatris: antal risker per cell")
    expect(matrix).to_contain_text("Hög: 2 risker")  # cell 3 x 3
    expect(matrix.locator("tr", has_text="2 Mindre sannolik")).to_contain_text("Hög: 1 risk")  # cell 2 x 4
    expect(page.locator("figcaption")).to_contain_text("Låg: 2 risker; Medel: 0 risker; Hög: 3 risker")
    chart = page.get_by_role("img", name="Riskmatris")
    expect(chart).to_be_visible()
    assert chart.locator("text", has_text="2").count() >= 1

    page.get_by_role("link", name="Kontrollplan", exact=True).click()
    for risk, what, method, frequency, periods in CONTROLS:
        page.get_by_label("Risk", exact=True).select_option(index=risk - 1)
        page.get_by_role("textbox", name="Kontrollmoment").fill(what)
        page.get_by_label("Metod").select_option(label=method)
        page.get_by_label("Frekvens").select_option(label=frequency)
        page.get_by_label("Ansvarig", exact=True).fill("Ekonomichef")
        page.get_by_label("När").fill("april, augusti, december")
        for label in ("Tertialrapport 1", "Tertialrapport 2", "Verksamhetsberättelse"):
            page.get_by_label(label).set_checked(label in periods)
        page.get_by_role("button", name="Spara kontrollmomentet").click()
        expect(page.get_by_text("Kontrollmomentet är sparat.")).to_be_visible()
    expect(page.get_by_role("table", name="Kontrollmoment 2025")).to_contain_text("Genomgång av jävsdeklarationer")

    for period in ("2025-T1", "2025-T2", "2025-VB"):
        _create(page, site, vp, period)
    first, second, third = models.Control.objects.order_by("order")
    page.goto(f"{base}uppfoljning/T1/")
    _follow_up(page, first, True, "20 utbetalningar granskade, inga fel")
    page.get_by_role("link", name="Uppföljning T2").click()
    _follow_up(page, first, True, "20 utbetalningar granskade, inga fel")
    _follow_up(page, second, True, "Attesträtterna stämmer")
    page.get_by_role("link", name="Uppföljning VB").click()
    _follow_up(page, first, True, "Två fakturor betalda två gånger", "Dubbelbetalning av två fakturor",
               "Spärr mot dubbla fakturanummer i systemet", "Ekonomichef")
    _follow_up(page, second, True, "Attesträtterna stämmer")
    _follow_up(page, third, False, "Hanns inte under året")
    page.get_by_label("Delvis tillräcklig").check()
    page.get_by_label("Analys").fill("Kontrollen av jävsdeklarationer genomfördes inte och en dubbelbetalning upptäcktes.")
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text("Bedömningen är sparad.")).to_be_visible()

    pdf = page.request.get(f"{base}bilaga/uppfoljning.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf.body()))
    text = " ".join(text.replace("\ufffe", "").split())  # PDFium marks a hyphenation point with U+FFFE
    assert "Uppföljning av intern kontroll 2025" in text and "Delvis tillräcklig" in text
    assert "Dubbelbetalning av två fakturor" in text and "Genomgång av jävsdeklarationer" in text
    expect(page.get_by_role("link", name="PDF").nth(1)).to_have_attribute("href", "/internkontroll/"
                                                                          f"{vp.committee.slug}/2025/bilaga/uppfoljning.pdf")

    # Next year: creating the VP 2026 starts its analysis with what was left open.
    vb = models.Report.objects.get(committee=vp.committee, year=2025, period="VB")
    _create(page, site, vb, "2026-VP")
    page.goto(f"{site}/internkontroll/{vp.committee.slug}/2026/")  # the new VP's analysis exists already
    risks = page.get_by_role("table", name="Väsentlighets- och riskanalys 2026")
    expect(risks).to_contain_text("Jäv vid upphandling")  # its control was not carried out
    expect(risks).to_contain_text("Felaktiga utbetalningar till leverantörer")  # a deviation in the VB
    expect(risks).to_contain_text("Driftstopp i verksamhetssystemet")  # an action, never verified by a control
    expect(risks).not_to_contain_text("Sen registrering av frånvaro")  # accepted with a motivation
    expect(risks).not_to_contain_text("Fakturor attesteras av fel person")  # its control worked
    page.get_by_role("link", name="Kontrollplan", exact=True).click()
    expect(page.get_by_role("table", name="Kontrollmoment 2026")).to_contain_text("Genomgång av jävsdeklarationer")


def test_the_internal_control_pages_meet_wcag_21_aa(page, year_site):
    from ils.persistence import internal_control as ic

    from .test_accessibility import _violations

    site, vp = year_site
    controller = get_user_model().objects.get(username="ic-controller")
    for period, kind in (("T1", "tertialrapport"), ("VB", "verksamhetsberattelse")):
        models.Report.objects.create(committee=vp.committee, year=2025, period=period, type=kind)
    analysis = ic.start_analysis(controller, vp.committee, 2025)
    risk = ic.add_risk(controller, analysis, {"area": "Ekonomi", "description": "Felaktiga utbetalningar",
                                              "probability": "3", "consequence": "4", "treatment": "kontroll"})
    control = ic.add_control(controller, analysis, {"risk": risk.pk, "what": "Stickprov", "method": "stickprov",
                                                    "frequency": "arligen", "reported_in": ["T1", "VB"]})
    ic.save_follow_up(controller, control, "VB", 0, {"carried_out": "ja", "deviations": "Fel", "action": "Rutin",
                                                     "action_owner": "Chef"})
    base = f"{site}/internkontroll/{vp.committee.slug}/2025/"
    login(page, site, "ic-controller")
    found = {}
    for url in (base, f"{base}risk/{risk.pk}/", f"{base}kontrollplan/", f"{base}kontroll/{control.pk}/",
                f"{base}uppfoljning/T1/", f"{base}uppfoljning/VB/", f"{base}importera/", f"{base}bilaga/plan.html",
                f"{base}bilaga/uppfoljning.html", f"{site}/stad/internkontroll/2025/",
                f"{site}/stad/internkontroll/2025/installningar/"):
        assert page.goto(url).ok, url
        found[url] = _violations(page)
    page.get_by_role("button", name="Logga ut").click()
    get_user_model().objects.create_user("ic-admin", password="ic-admin", is_superuser=True)
    login(page, site, "ic-admin")
    for url in (f"{site}/stad/internkontroll/2025/installningar/", base):  # the matrix form; the status actions
        assert page.goto(url).ok, url
        found[f"admin {url}"] = _violations(page)
    assert {url: v for url, v in found.items() if v} == {}
