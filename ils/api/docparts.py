"""API for a document's head, signatures, decisions and bilagor (/api/reports/{id}/parts …).

Reads need the report to be readable (else 404). Writes go through ils.persistence.docparts,
like the web page: the controller or an administrator of a draft (else 403), the parts' version
(`version`, from the last read; stale: 409), Swedish messages per field (422), one audit entry
per changed field. Amounts are Swedish text ("0,7", "868 046"), never guessed from a float.
An approved document is attested by its controllers and administrators, each once (else 403).
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from ils.domain.front_matter import amount_text, city_title
from ils.domain.model import DocumentType, Period
from ils.persistence import docparts, models
from ils.persistence.access import readable_reports
from ils.persistence.editing import EditConflict
from ils.persistence.store import attestations_of, decisions_of

from . import schemas

router = Router(tags=["dokumentets huvud, beslut och bilagor"])
Version = Field(..., ge=1, le=2**31, description="dokumentdelarnas version från senaste läsningen (409 om inaktuell)")
Id = Annotated[int, Field(ge=1, le=2**62)]
VersionParam = Annotated[int, Field(ge=1, le=2**31, description="dokumentdelarnas version (409 om inaktuell)")]
Unit = Literal["mnkr", "tkr", "kronor"]


class HeadOut(Schema):
    title: str = Field(description="rubriken; stadens form om den inte är satt")
    title_set: bool
    author: str = Field(description="handläggare")
    phone: str
    email: str = Field(description="handläggarens e-post")
    recipient: str = Field(description="till: nämnden om inget annat anges")
    date: dt.date | None = Field(description="datum för nämndens sammanträde")
    reference: str = Field(description="diarienummer")
    summary: str
    case: str = Field(description="ärendet")


class SignatureOut(Schema):
    name: str
    title: str


class DecisionOut(Schema):
    id: int
    number: int
    text: str
    amount: str | None = Field(description="beloppet i svensk form med enhet, t.ex. ”0,7 mnkr”")
    amount_value: str | None = Field(description="beloppet som decimaltal, t.ex. ”0.7”")
    unit: str | None
    attachment_id: int | None
    attachment: str | None = Field(description="bilagan beslutet hänvisar till, t.ex. ”Bilaga 2”")
    economy_row: str | None


class AttachmentOut(Schema):
    id: int
    label: str
    title: str
    file_name: str
    kind: str = Field(description="pdf, docx, xlsx; tom för en inläst bilaga utan fil")
    size: int
    url: str | None


class AttestationOut(Schema):
    name: str
    date: dt.date | None


class PartsOut(Schema):
    report_id: int
    version: int
    editable: bool
    head: HeadOut
    signatures: list[SignatureOut]
    decisions: list[DecisionOut]
    attachments: list[AttachmentOut]
    attestations: list[AttestationOut]


class HeadIn(Schema):
    version: int = Version
    title: str | None = None
    author: str | None = None
    phone: str | None = None
    email: str | None = None
    recipient: str | None = None
    date: dt.date | None = None
    reference: str | None = None
    summary: str | None = None
    case: str | None = None


class SignatureIn(Schema):
    name: str
    title: str = ""


class SignaturesIn(Schema):
    version: int = Version
    signatures: list[SignatureIn] = Field(..., max_length=docparts.MAX_SIGNATURES)


class DecisionIn(Schema):
    version: int = Version
    text: str
    amount: str | None = Field(None, description="svensk form: ”0,7”, ”868 046”", max_length=40)
    unit: Unit = "mnkr"
    attachment_id: int | None = Field(None, ge=1, le=2**62)
    position: int | None = Field(None, ge=1, le=1000, description="plats i listan (1 = först); sist om den utelämnas")


class DecisionEditIn(Schema):
    version: int = Version
    text: str
    amount: str | None = Field(None, max_length=40)
    unit: Unit = "mnkr"
    attachment_id: int | None = Field(None, ge=1, le=2**62)


class MoveIn(Schema):
    version: int = Version
    position: int = Field(..., ge=1, le=1000)


class AttachmentTitleIn(Schema):
    version: int = Version
    title: str


WRITE = {200: PartsOut, **{code: schemas.ErrorOut for code in (400, 401, 403, 404, 409, 422)}}
READ = {200: PartsOut, **{code: schemas.ErrorOut for code in (400, 401, 404, 422)}}


def _readable(request, report_id: int) -> models.Report:
    return get_object_or_404(readable_reports(request.auth), pk=report_id)


def parts_out(user, report: models.Report) -> dict:
    report.refresh_from_db()
    decisions = list(report.decisions.select_related("attachment").order_by("number", "pk"))
    shown = {d.number: d for d in decisions_of(report)}
    return {
        "report_id": report.pk, "version": report.front_version, "editable": docparts.can_edit_parts(user, report),
        "head": {"title": report.title or city_title(DocumentType(report.type), Period(report.period), report.year,
                                                     report.committee.name),
                 "title_set": bool(report.title), "author": report.author, "phone": report.phone,
                 "email": report.email,
                 "recipient": report.recipient or report.committee.name, "date": report.date,
                 "reference": report.reference, "summary": report.summary, "case": report.case},
        "signatures": [{"name": s.name, "title": s.title} for s in report.signatures.all()],
        "decisions": [{
            "id": d.pk, "number": d.number, "text": d.text,
            "amount": amount_text(shown[d.number].amount, d.amount_unit or "mnkr") if d.amount is not None else None,
            "amount_value": format(shown[d.number].amount, "f") if d.amount is not None else None,
            "unit": d.amount_unit or None, "attachment_id": d.attachment_id,
            "attachment": shown[d.number].attachment or None, "economy_row": shown[d.number].economy_row or None,
        } for d in decisions],
        "attachments": [{"id": a.pk, "label": a.label, "title": a.title, "file_name": a.file_name, "kind": a.kind,
                         "size": a.size, "url": reverse("attachment_file", args=[a.pk]) if a.file else None}
                        for a in report.attachments.all()],
        "attestations": [{"name": a.name, "date": a.date} for a in attestations_of(report)],
    }


def _error(status: int, detail: str, fields: dict[str, str] | None = None):
    return Status(status, {"detail": detail, "errors": [
        {"row": 0, "problem": message, "code": "invalid", "column": field} for field, message in (fields or {}).items()]})


def _write(request, report: models.Report, call):
    """Run a service call; its refusals become 403, 409 and 422 with Swedish messages."""
    try:
        call()
    except PermissionDenied as error:
        return _error(403, str(error))
    except docparts.InvalidInput as error:
        return _error(422, "Inget sparades: uppgifterna har fel.", error.errors)
    except EditConflict as error:
        return _error(409, "Någon annan har ändrat dokumentets delar sedan du läste dem; inget sparades. "
                           "Läs om dem och försök igen.", {f: f"sparat: {v}" for f, v in error.theirs.items()})
    return Status(200, parts_out(request.auth, report))


def _attachment_of(report: models.Report, attachment_id: int | None) -> models.Attachment | None:
    if attachment_id is None:
        return None
    return report.attachments.filter(pk=attachment_id).first() or _missing_attachment()


def _missing_attachment():
    raise docparts.InvalidInput({"attachment_id": "Bilagan finns inte i det här dokumentet."})


@router.get("/{report_id}/parts", response=READ, summary="Huvud, underskrifter, beslut, bilagor och attestering")
def get_parts(request, report_id: Id):
    return Status(200, parts_out(request.auth, _readable(request, report_id)))


@router.post("/{report_id}/attestations", response=WRITE,
             summary="Attestera det godkända dokumentet (med ditt namn och din befattning, dagens datum)")
def post_attestation(request, report_id: Id):
    report = _readable(request, report_id)
    return _write(request, report, lambda: docparts.attest(request.auth, report, "API"))


class AttesterTitleIn(Schema):
    username: str = Field(..., max_length=150, pattern=r"^[^\x00]*$", description="personens användarnamn")
    title: str = Field(..., max_length=docparts.TITLE_LENGTH, pattern=r"^[^\x00]*$",
                       description="befattningen, t.ex. ”stadsdelsdirektör”; tom: ingen")


class AttesterTitleOut(Schema):
    username: str
    committee: str
    title: str


@router.put("/{report_id}/attester-title", response={200: AttesterTitleOut, **{
                code: schemas.ErrorOut for code in (400, 401, 403, 404, 422)}},
            summary="Ange befattningen som en controller eller administratör i dokumentets nämnd attesterar med "
                    "(administratörer)")
def put_attester_title(request, payload: AttesterTitleIn, report_id: Id):
    report = _readable(request, report_id)
    membership = (models.Membership.objects.filter(
        user__username=payload.username, committee=report.committee, role__in=[r.value for r in docparts.PART_EDITORS])
        .select_related("user").first())
    try:
        docparts.check_can_set_titles(request.auth)
        if membership is None:
            raise docparts.InvalidInput({"username": f"{payload.username} är varken controller eller administratör "
                                                     f"i {report.committee.name}."})
        docparts.set_attestation_title(request.auth, membership, payload.title)
    except PermissionDenied as error:
        return _error(403, str(error))
    except docparts.InvalidInput as error:
        return _error(422, "Inget sparades: uppgifterna har fel.", error.errors)
    return Status(200, {"username": membership.user.get_username(), "committee": report.committee.name,
                        "title": membership.title})


@router.put("/{report_id}/head", response=WRITE,
            summary="Ändra huvudet: rubrik, handläggare, telefon, e-post, till, datum, diarienummer, sammanfattning, ärendet")
def put_head(request, payload: HeadIn, report_id: Id):
    report = _readable(request, report_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version"})
    changes = {k: ("" if v is None and k != "date" else v) for k, v in changes.items()}
    return _write(request, report, lambda: docparts.update_head(request.auth, report, payload.version, changes, "API"))


@router.put("/{report_id}/signatures", response=WRITE, summary="Ersätt underskrifterna (namn och titel, i ordning)")
def put_signatures(request, payload: SignaturesIn, report_id: Id):
    report = _readable(request, report_id)
    rows = [(s.name, s.title) for s in payload.signatures]
    return _write(request, report, lambda: docparts.set_signatures(request.auth, report, payload.version, rows, "API"))


@router.post("/{report_id}/decisions", response=WRITE, summary="Lägg till en beslutspunkt (numren följer ordningen)")
def post_decision(request, payload: DecisionIn, report_id: Id):
    report = _readable(request, report_id)
    return _write(request, report, lambda: docparts.add_decision(
        request.auth, report, payload.version, payload.text, payload.amount, payload.unit,
        _attachment_of(report, payload.attachment_id), payload.position, "API"))


def _decision(report: models.Report, decision_id: int) -> models.Decision:
    return get_object_or_404(models.Decision.objects.select_related("report__committee"), pk=decision_id, report=report)


@router.put("/{report_id}/decisions/{decision_id}", response=WRITE, summary="Ändra en beslutspunkt")
def put_decision(request, payload: DecisionEditIn, report_id: Id,
                 decision_id: Id):
    report = _readable(request, report_id)
    decision = _decision(report, decision_id)
    return _write(request, report, lambda: docparts.update_decision(
        request.auth, decision, payload.version, payload.text, payload.amount, payload.unit,
        _attachment_of(report, payload.attachment_id), "API"))


@router.post("/{report_id}/decisions/{decision_id}/move", response=WRITE,
             summary="Flytta en beslutspunkt till en annan plats")
def move_decision(request, payload: MoveIn, report_id: Id,
                  decision_id: Id):
    report = _readable(request, report_id)
    decision = _decision(report, decision_id)
    return _write(request, report, lambda: docparts.move_decision(
        request.auth, decision, payload.version, payload.position, "API"))


@router.delete("/{report_id}/decisions/{decision_id}", response=WRITE,
               summary="Ta bort en beslutspunkt (de följande numreras om)")
def delete_decision(request, version: VersionParam, report_id: Id,
                    decision_id: Id):
    report = _readable(request, report_id)
    decision = _decision(report, decision_id)
    return _write(request, report, lambda: docparts.remove_decision(request.auth, decision, version, "API"))


@router.post("/{report_id}/attachments", response=WRITE,
             summary="Ladda upp en bilaga (PDF, DOCX eller XLSX; typen avgörs av innehållet)")
def post_attachment(request, report_id: Id, file: File[UploadedFile], title: Form[str], version: Form[int],
                    label: str = Form("", max_length=40, description="t.ex. ”Bilaga 3b”; utelämnad: nästa nummer")):
    report = _readable(request, report_id)

    def call():
        docparts.check_can_edit(request.auth, report)  # before the file is read
        content = file.read(docparts.max_attachment_bytes() + 1)
        docparts.add_attachment(request.auth, report, version, docparts.Upload(file.name or "", content), title, "API",
                                label=label)

    return _write(request, report, call)


def _attachment(report: models.Report, attachment_id: int) -> models.Attachment:
    return get_object_or_404(models.Attachment.objects.select_related("report__committee"), pk=attachment_id,
                             report=report)


@router.put("/{report_id}/attachments/{attachment_id}", response=WRITE, summary="Ändra en bilagas rubrik")
def put_attachment(request, payload: AttachmentTitleIn, report_id: Id,
                   attachment_id: Id):
    report = _readable(request, report_id)
    attachment = _attachment(report, attachment_id)
    return _write(request, report, lambda: docparts.update_attachment(
        request.auth, attachment, payload.version, payload.title, "API"))


@router.delete("/{report_id}/attachments/{attachment_id}", response=WRITE, summary="Ta bort en bilaga och dess fil")
def delete_attachment(request, version: VersionParam, report_id: Id,
                      attachment_id: Id):
    report = _readable(request, report_id)
    attachment = _attachment(report, attachment_id)
    return _write(request, report, lambda: docparts.remove_attachment(request.auth, attachment, version, "API"))
