"""The internal-control pages with the test client: who sees and writes what, errors per field,
the matrix with its counts in words, the bilagor, the import's preview and the city's view."""
from __future__ import annotations

import io
import re

import pytest
from django.test import Client

from ils.domain.workflow import Status
from ils.persistence import internal_control as ic
from ils.persistence import models

from .fixtures import committee_year, people

pytestmark = pytest.mark.postgres

RISK = {"area": "Ekonomi", "description": "Felaktiga utbetalningar", "category": "Ekonomisk risk",
        "probability": "3", "consequence": "3", "treatment": "kontroll", "version": "0"}


@pytest.fixture
def site():
    reports = committee_year()
    who = people(reports["VP"].committee)
    clients = {}
    for name, user in who.items():
        clients[name] = Client()
        clients[name].force_login(user)
    slug = reports["VP"].committee.slug
    return reports, who, clients, f"/internkontroll/{slug}/2030/"


def _started(site):
    reports, who, clients, url = site
    return ic.start_analysis(who["controller"], reports["VP"].committee, 2030)


def test_the_controller_starts_the_analysis_and_adds_a_risk(site):
    reports, who, clients, url = site
    page = clients["controller"].get(url)
    assert "Skapa riskanalys för 2030" in page.content.decode()
    assert clients["reader"].post(url, {"what": "starta"}).status_code == 403
    clients["controller"].post(url, {"what": "starta"})
    response = clients["writer"].post(url, RISK, follow=True)
    html = response.content.decode()
    assert "Risken är sparad." in html
    assert "Hög: 1 risk" in html  # the counts in words beside the chart
    assert re.search(r"<svg[^>]+role=\"img\"", html) and "Felaktiga utbetalningar" in html


def test_bad_input_answers_422_with_the_field_named_and_nothing_saved(site):
    analysis = _started(site)
    reports, who, clients, url = site
    response = clients["writer"].post(url, {**RISK, "probability": "7", "treatment": "acceptans"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Sannolikhet ska vara över 0 och högst 4" in html and "en accepterad risk behöver en motivering" in html
    assert analysis.risks.count() == 0


def test_readers_read_and_outsiders_get_404(site):
    _started(site)
    reports, who, clients, url = site
    assert clients["reader"].get(url).status_code == 200
    assert "Lägg till en risk" not in clients["reader"].get(url).content.decode()
    assert clients["reader"].post(url, RISK).status_code == 403
    risk = ic.add_risk(who["writer"], models.RiskAnalysis.objects.get(), RISK)
    assert clients["reader"].get(f"{url}risk/{risk.pk}/").status_code == 403
    assert clients["outsider"].get(f"{url}risk/{risk.pk}/").status_code == 404
    assert clients["outsider"].get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_edit_with_a_stale_version_keeps_the_stored_risk(site):
    analysis = _started(site)
    reports, who, clients, url = site
    risk = ic.add_risk(who["writer"], analysis, RISK)
    ic.update_risk(who["controller"], risk, 1, {"description": "Ändrad av controllern"})
    response = clients["writer"].post(f"{url}risk/{risk.pk}/", {**RISK, "description": "Min text", "version": "1"})
    assert "Någon annan har sparat ändringar" in response.content.decode()
    risk.refresh_from_db()
    assert risk.description == "Ändrad av controllern"


def test_control_plan_follow_up_and_judgement_pages(site):
    analysis = _started(site)
    reports, who, clients, url = site
    risk = ic.add_risk(who["writer"], analysis, RISK)
    response = clients["writer"].post(f"{url}kontrollplan/", {
        "risk": risk.pk, "what": "Attest av fakturor", "method": "stickprov", "frequency": "tertialvis",
        "responsible": "Ekonomichef", "when": "april", "reported_in": ["T1", "VB"], "version": "0"}, follow=True)
    assert "Kontrollmomentet är sparat." in response.content.decode()
    control = analysis.controls.get()
    prefix = f"k{control.pk}"
    response = clients["writer"].post(f"{url}uppfoljning/VB/", {
        "control": control.pk, f"{prefix}-version": "0", f"{prefix}-carried_out": "ja",
        f"{prefix}-deviations": "Två fakturor utan attest"})
    assert response.status_code == 422 and "en avvikelse behöver en beslutad åtgärd" in response.content.decode()
    clients["writer"].post(f"{url}uppfoljning/VB/", {
        "control": control.pk, f"{prefix}-version": "0", f"{prefix}-carried_out": "ja",
        f"{prefix}-deviations": "Två fakturor utan attest", f"{prefix}-action": "Utbildning",
        f"{prefix}-action_owner": "Ekonomichef"})
    assert control.follow_ups.get(period="VB").deviations == "Två fakturor utan attest"
    clients["controller"].post(f"{url}uppfoljning/VB/", {"what": "bedomning", "version": "1", "judgement": "delvis",
                                                         "judgement_analysis": "Attesten brister."})
    analysis.refresh_from_db()
    assert analysis.judgement == "delvis"
    reports["VB"].status = Status.LOCKED.value
    reports["VB"].save()
    page = clients["writer"].get(f"{url}uppfoljning/VB/").content.decode()
    assert "Spara uppföljningen" not in page and "Två fakturor utan attest" in page
    assert clients["writer"].post(f"{url}uppfoljning/VB/", {"control": control.pk}).status_code == 403


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF"), ("docx", b"PK"),
                                            ("xlsx", b"PK")])
def test_bilagor_in_every_format(site, fmt, magic):
    analysis = _started(site)
    reports, who, clients, url = site
    ic.add_risk(who["writer"], analysis, RISK)
    for kind in ("plan", "uppfoljning"):
        response = clients["reader"].get(f"{url}bilaga/{kind}.{fmt}")
        assert response.status_code == 200 and response.content.startswith(magic)
    assert clients["outsider"].get(f"{url}bilaga/plan.{fmt}").status_code == 404
    assert clients["reader"].get(f"{url}bilaga/plan.exe").status_code == 404


def test_import_previews_then_writes_all_rows_or_none(site):
    analysis = _started(site)
    reports, who, clients, url = site
    good = ("område;risk;sannolikhet;konsekvens;hantering;åtgärd;kontrollmoment;metod;frekvens;rapporteras_i\n"
            "Ekonomi;Felaktiga utbetalningar;3;3;Kontrollmoment;;Attest av fakturor;Stickprov;Tertialvis;T1 T2 VB\n"
            "Ekonomi;Felaktiga utbetalningar;3;3;Kontrollmoment;;Registerkontroll;Registerkontroll;Årligen;VB\n"
            "IT;Driftstopp;2,5;1;Åtgärd;Reservrutin;;;;\n").encode("utf-8")
    bad = good.replace(b"2,5;1;\xc3\x85tg\xc3\xa4rd", b"9;1;Gissning")
    response = clients["writer"].post(f"{url}importera/", {"steg": "forhandsgranska",
                                                           "fil": _upload("plan.csv", bad)})
    html = response.content.decode()
    assert response.status_code == 422 and "Sannolikhet ska vara över 0 och högst 4" in html
    assert "Gissning&#x27; är inte ett av" in html
    response = clients["writer"].post(f"{url}importera/", {"steg": "forhandsgranska", "fil": _upload("plan.csv", good)})
    assert "Importera 2 risker och 2 kontrollmoment" in response.content.decode()
    assert analysis.risks.count() == 0
    response = clients["writer"].post(f"{url}importera/", {"steg": "importera"}, follow=True)
    assert "2 risker och 2 kontrollmoment sparades" in response.content.decode()
    assert [r.description for r in analysis.risks.all()] == ["Felaktiga utbetalningar", "Driftstopp"]
    assert analysis.controls.count() == 2 and str(analysis.risks.get(area="IT").probability.normalize()) == "2.5"
    assert clients["reader"].get(f"{url}importera/").status_code == 403


def _upload(name, content):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def test_the_city_view_counts_risks_per_cell_and_area_and_lists_deviations_and_judgements(site):
    analysis = _started(site)
    reports, who, clients, url = site
    risk = ic.add_risk(who["writer"], analysis, RISK)
    ic.add_risk(who["writer"], analysis, {**RISK, "description": "Jäv", "area": "Upphandling", "probability": "1",
                                          "consequence": "1"})
    control = ic.add_control(who["writer"], analysis, {"risk": risk.pk, "what": "Attest", "method": "stickprov",
                                                       "frequency": "arligen", "reported_in": ["VB"]})
    ic.save_follow_up(who["writer"], control, "VB", 0, {"carried_out": "ja", "deviations": "Fel i attest",
                                                         "action": "Utbildning", "action_owner": "Chefen"})
    ic.save_judgement(who["controller"], analysis, 1, "inte", "Stora brister.")
    html = clients["admin"].get("/stad/internkontroll/2030/").content.decode()
    assert "Hög: 1 risk" in html and "Låg: 1 risk" in html
    assert "Fel i attest" in html and "Inte tillräcklig" in html
    assert re.search(r"<th scope=\"row\">Upphandling</th><td class=\"num heat-4\">1</td>", html)
    filtered = clients["admin"].get("/stad/internkontroll/2030/?omrade=Upphandling").content.decode()
    assert "1 risker" in filtered or "1 risk" in filtered
    assert "Hög: 0 risker" in filtered
    assert clients["outsider"].get("/stad/internkontroll/2030/").content.decode().count("Fel i attest") == 0


def test_the_administrator_sets_the_city_matrix_and_pushes_areas(site):
    reports, who, clients, url = site
    page = clients["admin"].get("/stad/internkontroll/2030/installningar/").content.decode()
    assert "Spara stadens riskmatris 2030" in page
    assert "Spara stadens riskmatris" not in clients["controller"].get("/stad/internkontroll/2030/installningar/").content.decode()
    assert clients["controller"].post("/stad/internkontroll/2030/installningar/", {"what": "publicera"}).status_code == 403
    form = {"what": "matris", "version": "0"}
    names = ["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"]
    for i in range(1, 5):
        form |= {f"s{i}-namn": names[i - 1], f"s{i}-text": "", f"s{i}-grans": f"{i},5" if i < 4 else "4",
                 f"k{i}-namn": f"K{i}", f"k{i}-text": "", f"k{i}-grans": str(i),
                 f"niva{i}-namn": f"N{i}", f"niva{i}-farg": "#00aa00"}
        form |= {f"cell-{i}-{c}": str(min(3, (i * c) // 4)) for c in range(1, 5)}
    response = clients["admin"].post("/stad/internkontroll/2030/installningar/", form, follow=True)
    assert "Stadens riskmatris för 2030 är sparad" in response.content.decode()
    matrix = ic.city_matrix(2030)
    assert str(matrix.probability[0].upto) == "1.5" and matrix.probability_cell(__import__("decimal").Decimal("1.5")) == 1
    clients["admin"].post("/stad/internkontroll/2030/installningar/", {"what": "omrade", "area": "Välfärdsbrott",
                                                                      "description": "Felaktiga utbetalningar"})
    analysis = _started(site)
    assert analysis.risks.get().city_designated


def test_the_reports_check_page_lists_the_internal_controls_findings(site):
    analysis = _started(site)
    reports, who, clients, url = site
    ic.add_risk(who["writer"], analysis, {**RISK, "treatment": ""})  # high, untreated
    html = clients["reader"].get(f"/rapport/{reports['T1'].pk}/kontroll/").content.decode()
    assert "varken kontrollmoment, åtgärd eller motiverad acceptans" in html
    assert "inte uppföljt i verksamhetsberättelsen" not in html  # no control, so nothing to follow up
