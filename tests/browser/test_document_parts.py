"""The controller writes Södermalm's T2 head, two decisions with amounts and a PDF bilaga that one
of them refers to, in a real browser (each form answered in place by htmx); the exported PDF prints
them and ends with the bilaga."""
from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from ils.domain.model import Period
from ils.persistence import models, planning
from tests.docparts.files import pdf_file

from .test_accessibility import _violations
from .test_committee_workflow import login

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload_bilaga(page, tmp_path) -> None:
    """Upload a two-page PDF as Bilaga 1 ("Ansökan om budgetjustering") on the parts page."""
    upload = page.locator("#ny-bilaga")
    path = tmp_path / "ansokan.pdf"
    path.write_bytes(pdf_file("Bilagans innehåll", 2))
    upload.get_by_label("Bilagans rubrik").fill("Ansökan om budgetjustering")
    upload.get_by_label("Fil (PDF, Word eller Excel)").set_input_files(str(path))
    upload.get_by_role("button", name="Ladda upp bilagan").click()
    expect(page.get_by_text("Bilaga 1 lades till.")).to_be_visible()


def _pdf_text(content: bytes) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_controller_writes_head_decisions_and_a_bilaga_that_the_pdf_appends(page, site, tmp_path):
    t1 = models.Report.objects.get(committee__name="Södermalms stadsdelsnämnd", period="T1")
    controller = models.Membership.objects.get(role="controller", committee=t1.committee).user
    t2 = planning.create_document(controller, t1, 2024, Period.T2)
    login(page, site, "controller")
    page.goto(f"{site}/rapport/{t2.pk}/")
    page.get_by_role("link", name="Redigera huvud, beslut och bilagor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Tertialrapport Tertial 2 2024 för Södermalms stadsdelsnämnd")

    page.wait_for_load_state("networkidle")
    navigations = []  # htmx answers every form below in place: the page itself is never reloaded
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    head = page.locator("form", has=page.get_by_role("button", name="Spara huvudet"))
    head.get_by_label("Handläggare").fill("Josefin Lokvist")
    head.get_by_label("Telefon").fill("08-508 12 197")
    head.get_by_label("Datum för nämndens sammanträde").fill("2024-09-19")
    head.get_by_label("Diarienummer").fill("SDN 2024/0815")
    head.get_by_label("Sammanfattning").fill("Förvaltningen bedömer att målen uppfylls.")
    head.get_by_role("button", name="Spara huvudet").click()
    expect(page.get_by_text("Huvudet sparades.")).to_be_visible()

    upload_bilaga(page, tmp_path)

    new = page.locator("#ny-beslutspunkt")
    new.get_by_label("Beslutstext").fill("Nämnden begär budgetjustering för klimatinvesteringar.")
    new.get_by_label("Belopp (valfritt)").fill("0.7")  # a point: refused at the field
    new.get_by_role("button", name="Lägg till beslutspunkt").click()
    error = page.locator("#id_nytt-beslut-amount_error")
    expect(error).to_contain_text("inte ett tal")
    expect(page.locator("#id_nytt-beslut-amount")).to_have_attribute("aria-invalid", "true")
    assert _violations(page) == []  # the page with an error at a field meets WCAG 2.1 AA too
    new = page.locator("#ny-beslutspunkt")
    new.get_by_label("Belopp (valfritt)").fill("0,7")
    new.get_by_label("Bilaga (valfri)").select_option(label="Bilaga 1: Ansökan om budgetjustering")
    new.get_by_role("button", name="Lägg till beslutspunkt").click()
    expect(page.get_by_text("Beslutspunkt 1 lades till.")).to_be_visible()
    new = page.locator("#ny-beslutspunkt")
    new.get_by_label("Beslutstext").fill("Nämnden anmäler omslutningsförändringar.")
    new.get_by_label("Belopp (valfritt)").fill("61,0")
    new.get_by_role("button", name="Lägg till beslutspunkt").click()
    expect(page.get_by_text("Beslutspunkt 2 lades till.")).to_be_visible()
    decisions = page.locator("ol.beslut > li")
    expect(decisions).to_have_count(2)
    expect(decisions.nth(0)).to_contain_text("Belopp: 0,7 mnkr")
    expect(decisions.nth(0)).to_contain_text("Bilaga 1")
    expect(decisions.nth(1)).to_contain_text("Belopp: 61,0 mnkr")

    assert navigations == []

    response = page.request.get(f"{site}/rapport/{t2.pk}/export.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    content = response.body()
    pages = _pdf_text(content)
    text = " ".join(" ".join(p.split()) for p in pages)
    for printed in ("Tertialrapport Tertial 2 2024 för Södermalms stadsdelsnämnd", "Josefin Lokvist",
                    "Telefon: 08-508 12 197", "19 september 2024", "Dnr: SDN 2024/0815",
                    "Nämnden begär budgetjustering för klimatinvesteringar. Belopp: 0,7 mnkr. Se bilaga 1.",
                    "Nämnden anmäler omslutningsförändringar. Belopp: 61,0 mnkr.",
                    "Bilaga 1: Ansökan om budgetjustering", "Förvaltningen bedömer att målen uppfylls."):
        assert printed in text, printed
    assert "Bilagans innehåll 1" in pages[-2] and "Bilagans innehåll 2" in pages[-1]

    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf, pdf.open_outline() as outline:
        last = outline.root[-1]
        assert last.title == "Bilaga 1: Ansökan om budgetjustering"
        assert pdf.pages.index(last.destination[0]) == len(pdf.pages) - 2
    entries = set(models.AuditEntry.objects.filter(report=t2).values_list("item_type", "field"))
    assert {("rapport", "phone"), ("rapport", "reference"), ("bilaga", "skapad"), ("beslut", "skapad"),
            ("beslut", "amount")} <= entries
