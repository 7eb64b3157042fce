"""The write path of the head, decisions, signatures and bilagor: permission, input, version, audit."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from ils.domain.workflow import Action, Role
from ils.persistence import docparts, editing, models
from ils.persistence.attachments import pdf_with_attachments
from ils.persistence.store import load_document
from tests.web.people import SODERMALM, _report

from .files import docx_file, pdf_file, xlsx_file

pytestmark = pytest.mark.postgres


def _person(name, role=Role.CONTROLLER, committee=SODERMALM, **names):
    user = get_user_model().objects.create_user(name, password="x", **names)
    models.Membership.objects.create(user=user, role=role.value,
                                     committee=models.Committee.objects.get(name=committee))
    return user


@pytest.fixture
def controller():
    return _person("controller", first_name="Karin", last_name="Ek")


@pytest.fixture
def report():
    return _report()


def _version(report) -> int:
    report.refresh_from_db()
    return report.front_version


def _audit(report, item_type):
    return list(models.AuditEntry.objects.filter(report=report, item_type=item_type)
                .order_by("pk").values_list("field", "before", "after"))


def test_head_is_written_audited_and_versioned(controller, report):
    version = report.front_version
    changed = docparts.update_head(controller, report, version, {
        "author": "Josefin Lokvist", "phone": "08-508 12 197", "email": "josefin.lokvist@stockholm.se",
        "reference": "SDN 2024/123", "date": date(2024, 9, 19), "summary": "Första stycket.\nAndra stycket."})
    # the author was already so
    assert {c.field for c in changed} == {"phone", "email", "reference", "date", "summary"}
    report.refresh_from_db()
    assert (report.phone, report.reference, report.date) == ("08-508 12 197", "SDN 2024/123", date(2024, 9, 19))
    assert report.front_version == version + 1
    assert ("reference", "", "SDN 2024/123") in _audit(report, "rapport")
    doc = load_document(report)
    assert (doc.phone, doc.reference, doc.summary) == ("08-508 12 197", "SDN 2024/123", "Första stycket.\nAndra stycket.")
    assert doc.email == "josefin.lokvist@stockholm.se"
    with pytest.raises(editing.EditConflict):
        docparts.update_head(controller, report, version, {"phone": "08-1"})


def test_bad_head_input_stores_nothing_and_names_every_field(controller, report):
    before = models.Report.objects.values().get(pk=report.pk)
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.update_head(controller, report, _version(report), {
            "author": "<b>Josefin</b>", "phone": "ring mig", "reference": "x" * 61, "title": "Rad\x07",
            "email": "josefin på stockholm.se"})
    assert set(error.value.errors) == {"author", "phone", "reference", "title", "email"}
    assert "e-postadress" in error.value.errors["email"]
    assert "HTML" in error.value.errors["author"] and "60 tecken" in error.value.errors["reference"]
    assert models.Report.objects.values().get(pk=report.pk) == before
    assert not models.AuditEntry.objects.filter(report=report).exists()


def test_writers_readers_and_other_committees_may_not_write_the_head(report):
    for person in (_person("skribent", Role.WRITER), _person("lasare", Role.READER),
                   _person("annan", Role.CONTROLLER, "Socialnämnden")):
        with pytest.raises(PermissionDenied):
            docparts.update_head(person, report, _version(report), {"phone": "08"})
        with pytest.raises(PermissionDenied):
            docparts.add_decision(person, report, None, "Nämnden godkänner.")


def test_decisions_are_numbered_by_their_order(controller, report):
    report.decisions.all().delete()
    first = docparts.add_decision(controller, report, _version(report), "Nämnden godkänner rapporten.")
    second = docparts.add_decision(controller, report, _version(report),
                                   "Nämnden begär budgetjustering för klimatinvesteringar.", "0,7", "mnkr")
    third = docparts.add_decision(controller, report, _version(report), "Nämnden anmäler.", position=1)
    numbers = lambda: list(report.decisions.order_by("number").values_list("pk", "number"))  # noqa: E731
    assert numbers() == [(third.pk, 1), (first.pk, 2), (second.pk, 3)]
    docparts.move_decision(controller, second, _version(report), 1)
    assert numbers() == [(second.pk, 1), (third.pk, 2), (first.pk, 3)]
    docparts.remove_decision(controller, third, _version(report))
    assert numbers() == [(second.pk, 1), (first.pk, 2)]
    stored = models.Decision.objects.get(pk=second.pk)
    assert (stored.amount, stored.amount_unit) == (Decimal("0.7"), "mnkr")
    fields = [f for f, _, _ in _audit(report, "beslut")]
    assert fields.count("skapad") == 3 and "borttagen" in fields and "number" in fields and "amount" in fields


@pytest.mark.parametrize("amount, unit, field", [
    ("0.7", "mnkr", "amount"), ("sju", "mnkr", "amount"), ("1", "dollar", "unit"), (Decimal("1e14"), "kronor", "amount"),
])
def test_a_decision_with_a_bad_amount_is_refused_at_its_field(controller, report, amount, unit, field):
    count = report.decisions.count()
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.add_decision(controller, report, _version(report), "Nämnden begär medel.", amount, unit)
    assert list(error.value.errors) == [field]
    assert report.decisions.count() == count


def test_decision_edits_audit_each_field(controller, report):
    decision = report.decisions.get(number=2)
    changed = docparts.update_decision(controller, decision, _version(report), decision.text, "0,8", "mnkr")
    assert [(c.field, c.before, c.after) for c in changed] == [("amount", "0,7 mnkr", "0,8 mnkr")]


def test_bilagor_upload_by_content_and_reference(controller, report, django_capture_on_commit_callbacks):
    pdf = docparts.add_attachment(controller, report, _version(report),
                                  docparts.Upload("../../etc/Ekonomisk uppföljning.pdf", pdf_file()), "Ekonomisk uppföljning")
    word = docparts.add_attachment(controller, report, _version(report),
                                   docparts.Upload("plan.bin", docx_file()), "Plan för upphandling")
    excel = docparts.add_attachment(controller, report, _version(report),
                                    docparts.Upload("tal.xlsx", xlsx_file()), "Nyckeltal")
    assert [(a.label, a.kind) for a in (pdf, word, excel)] == [("Bilaga 10", "pdf"), ("Bilaga 11", "docx"),
                                                               ("Bilaga 12", "xlsx")]  # after the imported nine
    assert pdf.file_name == "Ekonomisk uppföljning.pdf" and "/etc" not in pdf.file.name
    assert default_storage.exists(pdf.file.name)
    decision = docparts.add_decision(controller, report, _version(report), "Nämnden godkänner uppföljningen.",
                                     attachment=pdf)
    doc = load_document(report)
    printed = next(d for d in doc.decisions if d.number == decision.number)
    assert printed.attachment == "Bilaga 10"
    assert [(a.label, a.kind, a.file_name) for a in doc.attachments][-1] == ("Bilaga 12", "xlsx", "tal.xlsx")
    assert [f for f, _, _ in _audit(report, "bilaga")] == ["skapad", "skapad", "skapad"]
    name = word.file.name
    with django_capture_on_commit_callbacks(execute=True):
        docparts.remove_attachment(controller, word, _version(report))
    assert not default_storage.exists(name)


@pytest.mark.parametrize("content, problem", [
    (b"MZ\x90\x00 an executable", "varken PDF"),
    (b"%PDF-1.7\n1 0 obj truncated", "skadad"),
    (b"PK\x03\x04" + b"\x00" * 40, "skadad ZIP"),
    (b"", "tom"),
])
def test_wrong_files_are_refused_whatever_their_name(controller, report, content, problem):
    count = report.attachments.count()
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.add_attachment(controller, report, _version(report), docparts.Upload("bilaga.pdf", content), "X")
    assert problem in error.value.errors["file"]
    assert report.attachments.count() == count


def test_a_zip_that_is_not_office_and_an_oversized_file_are_refused(controller, report, settings):
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "hej")
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.add_attachment(controller, report, None, docparts.Upload("a.docx", archive.getvalue()), "X")
    assert "varken ett Word-dokument" in error.value.errors["file"]
    settings.ILS_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.add_attachment(controller, report, None, docparts.Upload("a.pdf", pdf_file(pages=5)), "X")
    assert "för stor" in error.value.errors["file"]


def test_locked_documents_refuse_every_change(controller, report):
    attachment = docparts.add_attachment(controller, report, None, docparts.Upload("a.pdf", pdf_file()), "A")
    admin = get_user_model().objects.create_user("admin", is_superuser=True)
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    for action in (Action.SUBMIT, Action.APPROVE):
        editing.change_status(admin, report, action)
    editing.change_status(admin, report, Action.LOCK, decision_date=date(2024, 9, 19))
    report.refresh_from_db()
    decision = report.decisions.first()
    calls = [
        lambda: docparts.update_head(admin, report, None, {"phone": "08"}),
        lambda: docparts.set_signatures(admin, report, None, [("Ny Person", "direktör")]),
        lambda: docparts.add_decision(admin, report, None, "Ny punkt."),
        lambda: docparts.update_decision(admin, decision, None, "Ändrad."),
        lambda: docparts.move_decision(admin, decision, None, 3),
        lambda: docparts.remove_decision(admin, decision, None),
        lambda: docparts.add_attachment(admin, report, None, docparts.Upload("b.pdf", pdf_file()), "B"),
        lambda: docparts.update_attachment(admin, attachment, None, "Ny rubrik"),
        lambda: docparts.remove_attachment(admin, attachment, None),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="låst"):
            call()


def _approve(user, report):
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    for action in (Action.SUBMIT, Action.APPROVE):
        editing.change_status(user, report, action)
    report.refresh_from_db()


def _attested(report):
    report.refresh_from_db()
    return [(a.name, a.date) for a in load_document(report).attestations]


def test_without_attestations_the_approval_is_the_attestation(controller, report):
    report.attestations.all().delete()
    assert load_document(report).attestations == []
    _approve(controller, report)
    [attestation] = load_document(report).attestations
    assert attestation.name == "Karin Ek, Controller" and attestation.date is not None
    editing.change_status(controller, report, Action.RETURN, "Komplettera")
    assert _attested(report) == []


def test_each_attester_attests_the_approved_document_with_their_befattning(controller, report):
    report.attestations.all().delete()
    admin = get_user_model().objects.create_user("admin", is_superuser=True)
    director = _person("direktor", first_name="Lee", last_name="Orberson")
    docparts.set_attestation_title(admin, director.memberships.get(), " stadsdelsdirektör ")
    head = _person("chef", first_name="Alex", last_name="Baena")
    docparts.set_signatures(controller, report, _version(report), [("Alex Baena", "avdelningschef")])
    with pytest.raises(PermissionDenied, match="godkänt"):
        docparts.attest(director, report)  # a draft
    with freeze_time("2024-12-18 10:00"):
        _approve(controller, report)
    with freeze_time("2024-12-19 09:00"):
        docparts.attest(director, report)
        assert not docparts.may_attest(director, report) and docparts.may_attest(head, report)
        with pytest.raises(PermissionDenied, match="redan"):
            docparts.attest(director, report)
        docparts.attest(head, report, "Granskad.")
    # The approval is no attestation of its own once those who answer for the document have attested.
    assert _attested(report) == [("Lee Orberson, stadsdelsdirektör", date(2024, 12, 19)),
                                 ("Alex Baena, avdelningschef", date(2024, 12, 19))]
    assert ("attestering", "", "Alex Baena, avdelningschef") in _audit(report, "rapport")
    for person in (_person("skribent", Role.WRITER), _person("annan", Role.CONTROLLER, "Socialnämnden")):
        with pytest.raises(PermissionDenied):
            docparts.attest(person, report)
    # Returned, the document loses its attestations; approved again, it is attested again.
    editing.change_status(controller, report, Action.RETURN, "Komplettera")
    assert _attested(report) == []
    with freeze_time("2025-01-10 10:00"):
        _approve(controller, report)
        assert docparts.may_attest(director, report)
        docparts.attest(director, report)
    assert _attested(report) == [("Lee Orberson, stadsdelsdirektör", date(2025, 1, 10))]
    editing.change_status(admin, report, Action.LOCK, decision_date=date(2025, 1, 20))
    report.refresh_from_db()
    assert _attested(report) == [("Lee Orberson, stadsdelsdirektör", date(2025, 1, 10))]
    assert not docparts.may_attest(head, report)
    with pytest.raises(PermissionDenied, match="låst"):
        docparts.attest(head, report)


def test_only_administrators_set_a_befattning_and_it_is_checked(controller):
    membership = controller.memberships.get()
    with pytest.raises(PermissionDenied):
        docparts.set_attestation_title(controller, membership, "controller")
    admin = get_user_model().objects.create_user("admin", is_superuser=True)
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.set_attestation_title(admin, membership, "<b>chef</b>")
    assert "HTML" in error.value.errors["title"]
    membership.refresh_from_db()
    assert membership.title == ""


def test_imported_attestations_are_kept(report):
    assert [(a.name, a.date) for a in load_document(report).attestations] == [
        ("Alexandra Wynn, Stadsdelsdirektör", date(2024, 5, 14))]


def test_signatures(controller, report):
    docparts.set_signatures(controller, report, _version(report),
                            [("Alexandra Wynn", "Stadsdelsdirektör"), ("Alex Baena", "avdelningschef"), ("", "")])
    assert [(s.name, s.title) for s in load_document(report).signatures] == [
        ("Alexandra Wynn", "Stadsdelsdirektör"), ("Alex Baena", "avdelningschef")]
    with pytest.raises(docparts.InvalidInput) as error:
        docparts.set_signatures(controller, report, _version(report), [("", "direktör")])
    assert error.value.errors == {"signature_name_0": "Skriv ett namn."}


def test_pdf_bilagor_are_appended_with_a_bookmark_each(controller, report):
    import io

    import pikepdf

    first = docparts.add_attachment(controller, report, None, docparts.Upload("a.pdf", pdf_file("A", 2)), "Första")
    docparts.add_attachment(controller, report, None, docparts.Upload("b.docx", docx_file()), "Word-bilaga")
    docparts.add_attachment(controller, report, None, docparts.Upload("c.pdf", pdf_file("C", 1)), "Tredje")
    main = pdf_file("Rapport", 3)
    combined = pdf_with_attachments(main, report.attachments.all())
    with pikepdf.open(io.BytesIO(combined)) as pdf:
        assert len(pdf.pages) == 6
        with pdf.open_outline() as outline:
            titles = [(item.title, pdf.pages.index(item.destination[0]) if isinstance(item.destination, pikepdf.Array)
                       else None) for item in outline.root]
    assert ("Bilaga 10: Första", 3) in titles and ("Bilaga 12: Tredje", 5) in titles
    assert first.label == "Bilaga 10"
    default_storage.delete(first.file.name)  # a file gone from storage is left out, not an error
    with pikepdf.open(io.BytesIO(pdf_with_attachments(main, report.attachments.all()))) as pdf:
        assert len(pdf.pages) == 4


def test_replacing_a_draft_by_import_removes_its_bilaga_files(controller, report, django_capture_on_commit_callbacks):
    from ils.persistence.store import save_document

    upload = docparts.add_attachment(controller, report, _version(report),
                                     docparts.Upload("plan.pdf", pdf_file()), "Plan")
    name = upload.file.name
    with django_capture_on_commit_callbacks(execute=True):
        save_document(load_document(report), report.committee.name, replace=True)
    assert not default_storage.exists(name)
    assert not report.attachments.filter(file=name).exists()
