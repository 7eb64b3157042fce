"""The parts page as each role: forms for the controller of a draft, errors at the field, 403 before input."""
from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ils.domain.workflow import Action
from ils.persistence import editing, models
from tests.web.people import _report

from .files import pdf_file

pytestmark = pytest.mark.postgres


def _url(report):
    return reverse("report_parts", args=[report.pk])


def test_who_sees_what(clients):
    report = _report()
    url = _url(report)
    assert clients["anonym"].get(url).status_code == 302
    assert clients["skribent-social"].get(url).status_code == 404
    for role in ("skribent", "lasare"):
        page = clients[role].get(url)
        assert page.status_code == 200 and "Spara huvudet" not in page.text
        assert "Nämnden begär budgetjustering om 4,9 mnkr" in page.text
        assert clients[role].post(url, {"action": "head", "huvud-phone": "08"}).status_code == 403
    page = clients["controller"].get(url)
    assert page.status_code == 200 and "Spara huvudet" in page.text and "Lägg till beslutspunkt" in page.text
    assert 'value="0850812197"' in page.text  # the imported telephone number, in its field
    report_page = clients["controller"].get(reverse("report", args=[report.pk])).text
    assert "Redigera huvud, beslut och bilagor" in report_page and "10 punkter" in report_page


def test_the_controller_writes_the_head_and_errors_land_at_their_field(clients):
    report = _report()
    url = _url(report)
    base = {"action": "head", "huvud-version": report.front_version, "huvud-author": "Josefin Lokvist",
            "huvud-phone": "08-508 12 197", "huvud-email": "josefin.lokvist@stockholm.se", "huvud-recipient": "", "huvud-date": "2024-09-19",
            "huvud-reference": "SDN 2024/1", "huvud-title": "", "huvud-summary": "Kort.", "huvud-case": ""}
    bad = clients["controller"].post(url, base | {"huvud-author": "<i>Josefin</i>", "huvud-phone": "ring",
                                                  "huvud-email": "josefin"})
    assert bad.status_code == 422
    assert re.search(r'id="id_huvud-author_error"[^>]*>[^<]*HTML', bad.text)
    assert re.search(r'id="id_huvud-phone_error"[^>]*>[^<]*siffror', bad.text)
    assert re.search(r'id="id_huvud-email_error"[^>]*>[^<]*e-postadress', bad.text)
    assert 'aria-describedby="id_huvud-author_error"' in bad.text and 'aria-invalid="true"' in bad.text
    bad = clients["controller"].post(url, base | {"huvud-date": "19 sept"})
    assert bad.status_code == 422 and re.search(r'id="id_huvud-date_error"[^>]*>[^<]*ÅÅÅÅ-MM-DD', bad.text)
    report.refresh_from_db()
    assert report.reference == ""
    done = clients["controller"].post(url, base)
    assert done.status_code == 302
    report.refresh_from_db()
    assert (report.reference, str(report.date), report.phone) == ("SDN 2024/1", "2024-09-19", "08-508 12 197")
    assert report.email == "josefin.lokvist@stockholm.se"
    report_page = clients["controller"].get(reverse("report", args=[report.pk])).text
    assert "telefon 08-508 12 197, e-post josefin.lokvist@stockholm.se" in report_page
    stale = clients["controller"].post(url, base | {"huvud-phone": "08-1"})
    assert stale.status_code == 409 and "Någon annan har ändrat" in stale.text


def test_decisions_and_a_bilaga_through_the_page(clients):
    report = _report()
    url = _url(report)
    upload = SimpleUploadedFile("uppföljning.pdf", pdf_file(), content_type="application/octet-stream")
    response = clients["controller"].post(url, {"action": "add_attachment", "ny-bilaga-version": report.front_version,
                                                "ny-bilaga-title": "Ekonomisk uppföljning", "ny-bilaga-file": upload})
    assert response.status_code == 302
    attachment = report.attachments.get(title="Ekonomisk uppföljning")
    report.refresh_from_db()
    response = clients["controller"].post(url, {
        "action": "add_decision", "nytt-beslut-version": report.front_version,
        "nytt-beslut-text": "Nämnden begär budgetjustering för trygghet.", "nytt-beslut-amount": "1,5",
        "nytt-beslut-unit": "mnkr", "nytt-beslut-attachment": attachment.pk})
    assert response.status_code == 302
    decision = report.decisions.get(number=11)
    assert decision.attachment == attachment and str(decision.amount.normalize()) == "1.5"
    report.refresh_from_db()
    bad = clients["controller"].post(url, {
        "action": "add_decision", "nytt-beslut-version": report.front_version, "nytt-beslut-text": "Punkt.",
        "nytt-beslut-amount": "1.5", "nytt-beslut-unit": "mnkr"})
    assert bad.status_code == 422 and 'id="id_nytt-beslut-amount_error"' in bad.text
    assert report.decisions.count() == 11
    wrong = clients["controller"].post(url, {
        "action": "add_attachment", "ny-bilaga-version": report.front_version, "ny-bilaga-title": "Fel",
        "ny-bilaga-file": SimpleUploadedFile("bilaga.pdf", b"<html>not a pdf</html>")})
    assert wrong.status_code == 422 and 'id="id_ny-bilaga-file_error"' in wrong.text and "varken PDF" in wrong.text
    page = clients["lasare"].get(url).text
    assert "Ekonomisk uppföljning" in page and "Belopp: 1,5 mnkr" in page
    download = clients["lasare"].get(reverse("attachment_file", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert clients["skribent-social"].get(reverse("attachment_file", args=[attachment.pk])).status_code == 404
    moved = clients["controller"].post(url, {"action": "move_decision", "decision": decision.pk, "position": 1,
                                             "version": models.Report.objects.get(pk=report.pk).front_version})
    assert moved.status_code == 302 and models.Decision.objects.get(pk=decision.pk).number == 1


def test_signatures_edits_and_removals_through_the_page(clients):
    report = _report()
    url = _url(report)
    page = clients["controller"].get(url).text
    assert 'name="underskrift-rows" value="2"' in page  # the imported signature and an empty row
    done = clients["controller"].post(url, {
        "action": "signatures", "underskrift-rows": "2", "underskrift-version": report.front_version,
        "underskrift-signature_name_0": "Alexandra Wynn", "underskrift-signature_title_0": "Stadsdelsdirektör",
        "underskrift-signature_name_1": "Alex Baena", "underskrift-signature_title_1": "avdelningschef"})
    assert done.status_code == 302
    assert list(report.signatures.values_list("name", flat=True)) == ["Alexandra Wynn", "Alex Baena"]
    report.refresh_from_db()
    bad = clients["controller"].post(url, {
        "action": "signatures", "underskrift-rows": "1", "underskrift-version": report.front_version,
        "underskrift-signature_name_0": "", "underskrift-signature_title_0": "direktör"})
    assert bad.status_code == 422 and 'id="id_underskrift-signature_name_0_error"' in bad.text
    decision = report.decisions.get(number=3)
    edited = clients["controller"].post(url, {
        "action": "edit_decision", "decision": decision.pk, f"beslut-{decision.pk}-version": report.front_version,
        f"beslut-{decision.pk}-text": decision.text, f"beslut-{decision.pk}-amount": "5,0",
        f"beslut-{decision.pk}-unit": "mnkr", f"beslut-{decision.pk}-attachment": ""})
    assert edited.status_code == 302
    assert str(models.Decision.objects.get(pk=decision.pk).amount.normalize()) == "5"
    attachment = report.attachments.get(label="Bilaga 9")
    removed = clients["controller"].post(url, {"action": "remove_attachment", "attachment_id": attachment.pk,
                                               "version": models.Report.objects.get(pk=report.pk).front_version})
    assert removed.status_code == 302 and not report.attachments.filter(pk=attachment.pk).exists()
    assert models.AuditEntry.objects.filter(report=report, item_type="bilaga", field="borttagen").exists()
    assert clients["controller"].post(url, {"action": "nonsense"}).status_code == 404


def test_the_attest_button_of_an_approved_document(clients):
    report = _report()
    url = _url(report)
    assert "Attestera dokumentet" not in clients["controller"].get(url).text  # a draft
    assert clients["controller"].post(url, {"action": "attest"}).status_code == 403
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    controller = get_user_model().objects.get(username="controller")
    for action in (Action.SUBMIT, Action.APPROVE):
        editing.change_status(controller, report, action)
    assert "Attestera dokumentet" not in clients["lasare"].get(url).text
    assert clients["lasare"].post(url, {"action": "attest"}).status_code == 403
    assert "Attestera dokumentet" in clients["controller"].get(url).text
    answer = clients["controller"].post(url, {"action": "attest"}, follow=True)
    assert "Du har attesterat dokumentet." in answer.text and "Attestera dokumentet" not in answer.text
    assert models.AuditEntry.objects.filter(report=report, field="attestering").count() == 1
