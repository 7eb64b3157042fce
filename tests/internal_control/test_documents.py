"""The internal control in the year's documents: the generated bilagor and the decisions that approve
them, added through docparts from the internal-control page, renewed rather than doubled."""
from __future__ import annotations

import io

import pikepdf
import pytest
from django.test import Client

from ils.domain.workflow import Status
from ils.persistence import docparts
from ils.persistence import internal_control as ic
from ils.persistence import models
from ils.persistence.attachments import read

from tests.docparts.files import pdf_file

from .fixtures import committee_year, people

pytestmark = pytest.mark.postgres

RISK = {"area": "Ekonomi", "description": "Felaktiga utbetalningar", "category": "Ekonomisk risk",
        "probability": "3", "consequence": "3", "treatment": "kontroll"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site():
    reports = committee_year()
    who = people(reports["VP"].committee)
    clients = {}
    for name, user in who.items():
        clients[name] = Client()
        clients[name].force_login(user)
    analysis = ic.start_analysis(who["controller"], reports["VP"].committee, 2030)
    ic.add_risk(who["controller"], analysis, RISK)
    slug = reports["VP"].committee.slug
    return reports, who, clients, analysis, f"/internkontroll/{slug}/2030/"


def _pdf_text(content: bytes) -> str:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return str(pdf.docinfo.get("/Title", ""))


def test_one_action_adds_the_bilagor_and_the_decisions_and_renewing_replaces_the_file(
        site, django_capture_on_commit_callbacks):
    reports, who, clients, analysis, url = site
    vp, vb = reports["VP"], reports["VB"]
    docparts.add_decision(who["controller"], vp, None, "Nämnden godkänner verksamhetsplan 2030.")
    page = clients["controller"].get(url).content.decode()
    assert "Lägg till som bilaga och beslutspunkt" in page
    assert "Lägg till som bilaga och beslutspunkt" not in clients["writer"].get(url).content.decode()

    response = clients["controller"].post(url + "till-dokumenten/", follow=True)
    assert response.status_code == 200
    [plan] = vp.attachments.all()
    assert plan.title == "Väsentlighets- och riskanalys samt internkontrollplan 2030" and plan.kind == "pdf"
    assert "Väsentlighets- och riskanalys samt internkontrollplan 2030" in _pdf_text(read(plan))
    decisions = list(vp.decisions.order_by("number"))
    assert [(d.number, d.text, d.attachment_id) for d in decisions] == [
        (1, "Nämnden godkänner verksamhetsplan 2030.", None),
        (2, "Nämnden godkänner system för internkontroll.", None),
        (3, "Nämnden godkänner väsentlighets- och riskanalys samt internkontrollplan 2030.", plan.pk)]
    [follow_up] = vb.attachments.all()
    assert follow_up.title == "Uppföljning av intern kontroll 2030" and vb.decisions.count() == 0
    assert "Bilaga 1: Väsentlighets- och riskanalys" in response.content.decode()
    assert models.AuditEntry.objects.filter(report=vp, item_type="bilaga", field="skapad").count() == 1

    # A new risk changes the bilaga: run again, the same bilaga and decision get the new file.
    old_file, old_sha = plan.file.name, plan.sha256
    ic.add_risk(who["controller"], analysis, {**RISK, "description": "Jäv vid upphandling"})
    with django_capture_on_commit_callbacks(execute=True):
        clients["controller"].post(url + "till-dokumenten/")
    [renewed] = vp.attachments.all()
    assert renewed.pk == plan.pk and renewed.label == "Bilaga 1"
    assert renewed.sha256 != old_sha and renewed.file.name != old_file
    assert vp.decisions.count() == 3 and vb.attachments.count() == 1
    assert not renewed.file.storage.exists(old_file)
    assert models.AuditEntry.objects.filter(report=vp, item_type="bilaga", field="fil").count() == 1


def test_an_uploaded_system_bilaga_is_referred_to_by_its_decision(site):
    reports, who, clients, analysis, url = site
    vp = reports["VP"]
    system = docparts.add_attachment(who["controller"], vp, None, docparts.Upload("system.pdf", pdf_file()),
                                     "System för internkontroll 2030")
    clients["controller"].post(url + "till-dokumenten/")
    decisions = {d.text: d for d in vp.decisions.all()}
    assert decisions["Nämnden godkänner system för internkontroll."].attachment_id == system.pk
    plan = vp.attachments.get(title__startswith="Väsentlighets")
    assert plan.label == "Bilaga 2"


def test_writers_readers_and_locked_documents_get_nothing(site):
    reports, who, clients, analysis, url = site
    for name in ("writer", "reader"):
        assert clients[name].post(url + "till-dokumenten/").status_code == 403
    assert clients["outsider"].post(url + "till-dokumenten/").status_code == 404
    models.Report.objects.filter(pk__in=[reports["VP"].pk, reports["VB"].pk]).update(status=Status.LOCKED.value)
    assert clients["controller"].post(url + "till-dokumenten/").status_code == 403
    mine = [reports["VP"].pk, reports["VB"].pk]
    assert not models.Attachment.objects.filter(report__in=mine).exists()
    assert not models.Decision.objects.filter(report__in=mine).exists()


def test_only_the_draft_of_the_two_gets_its_bilaga(site):
    reports, who, clients, analysis, url = site
    models.Report.objects.filter(pk=reports["VP"].pk).update(status=Status.LOCKED.value)
    clients["controller"].post(url + "till-dokumenten/")
    assert reports["VP"].attachments.count() == 0
    assert reports["VB"].attachments.get().title == "Uppföljning av intern kontroll 2030"


def test_an_imported_vp_keeps_its_decisions_and_its_bilaga_gets_the_file():
    """The real VP (seed) already decides both items and lists bilagor 1–2 without files."""
    from ils.importers import parse_file
    from ils.persistence import store
    from ils.persistence.internal_control_documents import attach_to_documents
    from tests.importers.seeds import seed

    report = store.save_document(parse_file(seed("hagersten-alvsjo_VP_2025")), replace=True)
    who = people(report.committee)
    analysis = ic.start_analysis(who["controller"], report.committee, 2025)
    decisions = list(report.decisions.values_list("number", "text"))
    bilagor = report.attachments.count()
    attach_to_documents(who["controller"], analysis, lambda kind: pdf_file(kind))
    assert list(report.decisions.values_list("number", "text")) == decisions
    plan = report.attachments.get(label="Bilaga 2")
    assert plan.title == "Väsentlighets- och riskanalys samt internkontrollplan Hägersten-Älvsjö VP 2025"
    assert plan.kind == "pdf" and read(plan).startswith(b"%PDF-")
    assert report.attachments.count() == bilagor
