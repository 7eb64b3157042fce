"""Writing the document's head, decisions, signatures and bilagor: the one write path for them.

Every function checks permission first (a controller or administrator, on a draft document: a
document under review, approved or locked refuses every change), then the input (``InvalidInput``
with a Swedish message per field, nothing stored), then the version (`Report.front_version`, one
counter for all these parts: a stale one raises `editing.EditConflict`), and writes the rows and one
`AuditEntry` per changed field in one transaction. Attesting is the exception: it is what the
controllers and administrators do to an approved document (`attest`). The web forms and the API call these; the
economy part creates decisions for its requests through `add_decision`.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ils.domain import model as domain
from ils.domain.front_matter import AMOUNT_UNITS, FieldError, amount_text, clean_text, parse_amount
from ils.domain.values import format_number
from ils.domain.workflow import Role, Status

from . import access, models
from .attachments import file_kind, max_bytes
from .editing import Change, EditConflict, audit_text

PART_EDITORS = frozenset({Role.CONTROLLER, Role.ADMIN})
# field -> (label, longest, several lines)
HEAD_FIELDS = {
    "title": ("Rubrik", 300, False),
    "author": ("Handläggare", 200, False),
    "phone": ("Telefon", 40, False),
    "email": ("E-post", 254, False),
    "recipient": ("Till", 200, False),
    "reference": ("Diarienummer", 60, False),
    "summary": ("Sammanfattning", 20_000, True),
    "case": ("Ärendet", 20_000, True),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$")
DECISION_TEXT_LENGTH = 2_000
ATTACHMENT_TITLE_LENGTH = 300
MAX_DECISIONS = 60
MAX_ATTACHMENTS = 40
MAX_SIGNATURES = 6


class InvalidInput(ValueError):
    """Bad input: ``errors`` maps each field to its Swedish message. Nothing was stored."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


@dataclass(frozen=True)
class Upload:
    """A file as received: the name the person gave it (shown, never used as a path) and its bytes."""

    name: str
    content: bytes


def max_attachment_bytes() -> int:
    return max_bytes()


def max_attachment_megabytes() -> str:
    return format_number(Decimal(max_bytes()) / 1024 / 1024, 0)


def can_edit_parts(user, report: models.Report) -> bool:
    """The controller (or an administrator) writes the head, decisions and bilagor of a draft.
    Writers do not: the tjänsteutlåtande is the administration's, signed by its director."""
    return report.status == Status.DRAFT.value and bool(access.roles_in(user, report.committee) & PART_EDITORS)


def _locked_report(user, report: models.Report) -> models.Report:
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    check_can_edit(user, current)
    return current


def check_can_edit(user, current: models.Report) -> None:
    """PermissionDenied, saying why, unless this person may change the parts now."""
    if not can_edit_parts(user, current):
        if current.status == Status.LOCKED.value:
            raise PermissionDenied("Dokumentet är låst och kan inte ändras.")
        if current.status != Status.DRAFT.value:
            raise PermissionDenied("Dokumentet är inte ett utkast: det måste returneras innan det ändras.")
        raise PermissionDenied("Bara nämndens controller eller en administratör ändrar dokumentets huvud, "
                               "beslut och bilagor.")


def _check_version(current: models.Report, version: int | None, theirs: dict, yours: dict) -> None:
    if version is not None and current.front_version != version:
        raise EditConflict(current, theirs, yours)


def _bump(report: models.Report) -> None:
    models.Report.objects.filter(pk=report.pk).update(front_version=F("front_version") + 1)
    report.front_version += 1


def _audit(report, user, item_type: str, item_id: int, changes: list[Change], note: str = "") -> None:
    models.AuditEntry.objects.bulk_create(
        models.AuditEntry(report=report, user=user, item_type=item_type, item_id=item_id, field=c.field,
                          before=c.before, after=c.after, note=note) for c in changes)


def _collect(checks: dict) -> dict:
    """Run each field's check; every bad field is reported at once."""
    values, errors = {}, {}
    for field, check in checks.items():
        try:
            values[field] = check()
        except FieldError as error:
            errors[error.field or field] = str(error)
    if errors:
        raise InvalidInput(errors)
    return values


# -- the head -------------------------------------------------------------------------------------

def _clean_head(field: str, value):
    if field == "date":
        if value is not None and not isinstance(value, date):
            raise FieldError("date", "Datum ska anges som ÅÅÅÅ-MM-DD.")
        if value is not None and not 1990 <= value.year <= 2200:
            raise FieldError("date", "Datumet ligger utanför rimliga år.")
        return value
    if field not in HEAD_FIELDS:
        raise FieldError(field, f"Okänt fält: {field}.")
    label, longest, multiline = HEAD_FIELDS[field]
    text = clean_text(field, label, value if isinstance(value, str) else "", longest, multiline)
    if field == "phone" and text and not all(c.isdigit() or c in " -+()" for c in text):
        raise FieldError("phone", "Telefon får bara innehålla siffror, mellanslag, bindestreck, + och parenteser.")
    if field == "email" and text and not _EMAIL.match(text):
        raise FieldError("email", "E-post ska vara en e-postadress, t.ex. namn@stockholm.se.")
    return text


@transaction.atomic
def update_head(user, report: models.Report, version: int | None, changes: dict, note: str = "") -> list[Change]:
    """Handläggare, telefon, e-post, till, datum, diarienummer, rubrik, sammanfattning, ärendet: ``changes``
    maps field -> value (text, or a date for ``date``); returns the changed fields, each audited."""
    current = _locked_report(user, report)
    values = _collect({f: (lambda f=f, v=v: _clean_head(f, v)) for f, v in changes.items()})
    applied = [Change(f, audit_text(getattr(current, f)), audit_text(v)) for f, v in values.items()
               if audit_text(getattr(current, f)) != audit_text(v)]
    _check_version(current, version, {f: audit_text(getattr(current, f)) for f in values},
                   {f: audit_text(v) for f, v in values.items()})
    if not applied:
        return []
    models.Report.objects.filter(pk=current.pk).update(**values)
    _bump(current)
    _audit(current, user, "rapport", current.pk, applied, note)
    for field, value in values.items():
        setattr(report, field, value)
    report.front_version = current.front_version
    return applied


@transaction.atomic
def set_signatures(user, report: models.Report, version: int | None, signatures: list[tuple[str, str]],
                   note: str = "") -> list[Change]:
    """The names and titles under the decisions, in order (empty rows are left out)."""
    current = _locked_report(user, report)
    checks = {}
    rows = [(n, t) for n, t in signatures if (n or "").strip() or (t or "").strip()]
    if len(rows) > MAX_SIGNATURES:
        raise InvalidInput({"signatures": f"Högst {MAX_SIGNATURES} underskrifter."})
    for i, (name, title) in enumerate(rows):
        checks[f"signature_name_{i}"] = lambda i=i, name=name: _required(
            clean_text(f"signature_name_{i}", "Namnet", name, 200), f"signature_name_{i}", "Skriv ett namn.")
        checks[f"signature_title_{i}"] = lambda i=i, title=title: clean_text(
            f"signature_title_{i}", "Titeln", title, 200)
    values = _collect(checks)
    cleaned = [(values[f"signature_name_{i}"], values[f"signature_title_{i}"]) for i in range(len(rows))]
    before = "\n".join(str(s) for s in current.signatures.all())
    after = "\n".join(f"{n}, {t}" if t else n for n, t in cleaned)
    _check_version(current, version, {"signatures": before}, {"signatures": after})
    if before == after:
        return []
    current.signatures.all().delete()
    models.Signature.objects.bulk_create(
        models.Signature(report=current, name=n, title=t, order=i) for i, (n, t) in enumerate(cleaned))
    _bump(current)
    change = Change("underskrifter", before, after)
    _audit(current, user, "rapport", current.pk, [change], note)
    report.front_version = current.front_version
    return [change]


def _required(value: str, field: str, message: str) -> str:
    if not value:
        raise FieldError(field, message)
    return value


# -- decisions ------------------------------------------------------------------------------------

def _amount(amount, field: str = "amount") -> Decimal | None:
    if amount is None or isinstance(amount, str):
        return parse_amount(amount or "", field)
    if isinstance(amount, (int, Decimal)) and not isinstance(amount, bool):
        return parse_amount(format(Decimal(amount), "f").replace(".", ","), field)
    raise FieldError(field, "Beloppet ska vara ett tal.")


def _decision_values(report: models.Report, text: str, amount, unit: str, attachment) -> dict:
    def unit_check():
        if unit not in AMOUNT_UNITS:
            raise FieldError("unit", "Enheten ska vara mnkr, tkr eller kronor.")
        return unit

    def attachment_check():
        if attachment is not None and attachment.report_id != report.pk:
            raise FieldError("attachment", "Bilagan hör inte till det här dokumentet.")
        return attachment

    values = _collect({
        "text": lambda: _required(clean_text("text", "Beslutstexten", text, DECISION_TEXT_LENGTH, multiline=False),
                                  "text", "Skriv beslutstexten."),
        "amount": lambda: _amount(amount),
        "amount_unit": unit_check,
        "attachment": attachment_check,
    })
    if values["amount"] is None:
        values["amount_unit"] = ""
    return values


def _decision_fields(decision: models.Decision) -> dict[str, str]:
    return {"text": decision.text,
            "amount": amount_text(decision.amount, decision.amount_unit) if decision.amount is not None else "",
            "attachment": decision.attachment.label if decision.attachment else ""}


def _shown(values: dict) -> dict[str, str]:
    amount = values["amount"]
    return {"text": values["text"],
            "amount": amount_text(amount, values["amount_unit"]) if amount is not None else "",
            "attachment": values["attachment"].label if values["attachment"] else ""}


def _renumber(report: models.Report, ordered: list[models.Decision], user, note: str = "") -> None:
    """Numbers follow the order: 1, 2, 3 …; each changed number is audited."""
    changes = []
    for number, decision in enumerate(ordered, start=1):
        if decision.number != number:
            changes.append((decision, Change("number", str(decision.number), str(number))))
            decision.number = number
    models.Decision.objects.bulk_update([d for d, _ in changes], ["number"])
    for decision, change in changes:
        _audit(report, user, "beslut", decision.pk, [change], note)


@transaction.atomic
def add_decision(user, report: models.Report, version: int | None = None, text: str = "", amount=None,
                 unit: str = "mnkr", attachment: models.Attachment | None = None, position: int | None = None,
                 note: str = "") -> models.Decision:
    """A new decision item, last or at ``position`` (1 = first); ``amount`` as Swedish text ("0,7")
    or a Decimal, in ``unit`` (mnkr, tkr or kronor); ``attachment`` a bilaga of the same report.
    ``version`` None skips the version check (a caller that just created the item it concerns)."""
    current = _locked_report(user, report)
    values = _decision_values(current, text, amount, unit, attachment)
    _check_version(current, version, {}, _shown(values))
    decision = _insert_decision(user, current, values, position, note)
    report.front_version = current.front_version
    return decision


@transaction.atomic
def add_proposed_decision(user, report: models.Report, text: str, note: str = "") -> models.Decision:
    """A decision item that another service proposes after its own permission check (a writer's
    changed årsmål in a follow-up becomes "Nämnden godkänner … ändrat årsmål …"): numbered, bounded,
    audited and versioned like every decision; the document must still be a draft."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    if current.status != Status.DRAFT.value:
        raise PermissionDenied("Dokumentet är inte ett utkast: det måste returneras innan det ändras.")
    return _insert_decision(user, current, _decision_values(current, text, None, "mnkr", None), None, note)


def _insert_decision(user, current: models.Report, values: dict, position: int | None, note: str) -> models.Decision:
    ordered = list(current.decisions.order_by("number", "pk"))
    if len(ordered) >= MAX_DECISIONS:
        raise InvalidInput({"text": f"Högst {MAX_DECISIONS} beslutspunkter."})
    index = len(ordered) if position is None else max(0, min(position - 1, len(ordered)))
    decision = models.Decision.objects.create(report=current, number=index + 1, line=0, **values)
    ordered.insert(index, decision)
    _renumber(current, ordered, user, note)  # the later ones move down one
    _bump(current)
    _audit(current, user, "beslut", decision.pk,
           [Change("skapad", "", f"{decision.number}. {_shown(values)['text']}")]
           + [Change(f, "", v) for f, v in _shown(values).items() if v and f != "text"], note)
    return decision


def _own_decision(user, decision: models.Decision, request=None):
    """The decision, locked with its report. A decision that is an economy request's changes only
    with its table row (``request`` given by persistence.economy), so the two never disagree."""
    current = _locked_report(user, decision.report)
    try:
        stored = current.decisions.select_related("attachment", "economy_request__row__table").get(pk=decision.pk)
    except models.Decision.DoesNotExist:
        raise PermissionDenied("Beslutspunkten finns inte längre.") from None
    owner = getattr(stored, "economy_request", None)
    if owner is not None and (request is None or request.pk != owner.pk):
        raise InvalidInput({"text": f"Beslutspunkten är en begäran i tabellen {owner.row.table.title}: "
                                    "ändra eller ta bort den i ekonomitabellen, så följer beslutet med."})
    return current, stored


@transaction.atomic
def update_decision(user, decision: models.Decision, version: int | None, text: str, amount=None,
                    unit: str = "mnkr", attachment: models.Attachment | None = None, note: str = "",
                    request=None) -> list[Change]:
    current, stored = _own_decision(user, decision, request)
    values = _decision_values(current, text, amount, unit, attachment)
    before, after = _decision_fields(stored), _shown(values)
    _check_version(current, version, before, after)
    applied = [Change(f, before[f], after[f]) for f in before if before[f] != after[f]]
    if not applied:
        return []
    models.Decision.objects.filter(pk=stored.pk).update(**values)
    _bump(current)
    _audit(current, user, "beslut", stored.pk, applied, note)
    decision.report.front_version = current.front_version
    return applied


@transaction.atomic
def remove_decision(user, decision: models.Decision, version: int | None, note: str = "", request=None) -> None:
    current, stored = _own_decision(user, decision, request)
    _check_version(current, version, _decision_fields(stored), {})
    _audit(current, user, "beslut", stored.pk, [Change("borttagen", f"{stored.number}. {stored.text}", "")], note)
    stored.delete()
    _renumber(current, list(current.decisions.order_by("number", "pk")), user, note)
    _bump(current)
    decision.report.front_version = current.front_version


@transaction.atomic
def move_decision(user, decision: models.Decision, version: int | None, position: int, note: str = "") -> None:
    """Move to ``position`` (1 = first); the numbers follow."""
    current, stored = _own_decision(user, decision)
    _check_version(current, version, {}, {})
    ordered = [d for d in current.decisions.order_by("number", "pk") if d.pk != stored.pk]
    index = max(0, min(position - 1, len(ordered)))
    ordered.insert(index, stored)
    _renumber(current, ordered, user, note)
    _bump(current)
    decision.report.front_version = current.front_version


# -- bilagor --------------------------------------------------------------------------------------

def _next_label(report: models.Report) -> tuple[str, int]:
    """"Bilaga N" after the highest number in use (labels stay put when one is removed)."""
    numbers = [int("".join(c for c in a.label.split()[-1] if c.isdigit()) or 0)
               for a in report.attachments.all() if a.label.split()]
    order = max([a.order for a in report.attachments.all()], default=-1) + 1
    return f"Bilaga {max(numbers, default=0) + 1}", order


def _display_name(name: str) -> str:
    base = os.path.basename((name or "").replace("\\", "/"))
    try:
        return clean_text("file", "Filnamnet", base, 200) or "bilaga"
    except FieldError:
        return "bilaga"


def _label(report: models.Report, label: str) -> str:
    """A label chosen by the person ("Bilaga 3b", as the committee numbers its bilagor), unused in the report."""
    text = " ".join((label or "").split())
    if not re.fullmatch(r"Bilaga [1-9]\d{0,2}[a-z]?", text):
        raise FieldError("label", "Numrera bilagan som ”Bilaga 3” eller ”Bilaga 3b”.")
    if any(a.label.lower() == text.lower() for a in report.attachments.all()):
        raise FieldError("label", f"{text} finns redan i dokumentet.")
    return text


@transaction.atomic
def add_attachment(user, report: models.Report, version: int | None, upload: Upload, title: str,
                   note: str = "", label: str = "") -> models.Attachment:
    """A bilaga from an uploaded PDF, DOCX or XLSX (checked by content, size limited), numbered
    next (or ``label``), stored through Django's default storage."""
    current = _locked_report(user, report)
    values = _collect({
        "title": lambda: _required(clean_text("title", "Rubriken", title, ATTACHMENT_TITLE_LENGTH),
                                   "title", "Skriv bilagans rubrik."),
        "file": lambda: file_kind(upload.content),
        **({"label": lambda: _label(current, label)} if label else {}),
    })
    _check_version(current, version, {}, {"title": values["title"]})
    if current.attachments.count() >= MAX_ATTACHMENTS:
        raise InvalidInput({"file": f"Högst {MAX_ATTACHMENTS} bilagor."})
    label, order = _next_label(current)
    label = values.get("label", label)
    attachment = models.Attachment(
        report=current, label=label, title=values["title"], line=0, order=order, kind=values["file"],
        file_name=_display_name(upload.name), size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest())
    attachment.file.save("bilaga", ContentFile(upload.content), save=False)
    stored_name = attachment.file.name
    try:
        attachment.save()
        _bump(current)
        _audit(current, user, "bilaga", attachment.pk, [Change(
            "skapad", "", f"{label}: {values['title']} ({attachment.file_name}, {attachment.kind.upper()}, "
                          f"{attachment.size} byte)")], note)
    except Exception:
        default_storage.delete(stored_name)
        raise
    report.front_version = current.front_version
    return attachment


def _own_attachment(user, attachment: models.Attachment):
    current = _locked_report(user, attachment.report)
    try:
        return current, current.attachments.get(pk=attachment.pk)
    except models.Attachment.DoesNotExist:
        raise PermissionDenied("Bilagan finns inte längre.") from None


@transaction.atomic
def update_attachment(user, attachment: models.Attachment, version: int | None, title: str,
                      note: str = "") -> list[Change]:
    current, stored = _own_attachment(user, attachment)
    values = _collect({"title": lambda: _required(
        clean_text("title", "Rubriken", title, ATTACHMENT_TITLE_LENGTH), "title", "Skriv bilagans rubrik.")})
    _check_version(current, version, {"title": stored.title}, values)
    if stored.title == values["title"]:
        return []
    change = Change("title", stored.title, values["title"])
    models.Attachment.objects.filter(pk=stored.pk).update(title=values["title"])
    _bump(current)
    _audit(current, user, "bilaga", stored.pk, [change], note)
    attachment.report.front_version = current.front_version
    return [change]


@transaction.atomic
def replace_attachment_file(user, attachment: models.Attachment, version: int | None, upload: Upload,
                            note: str = "") -> list[Change]:
    """A new file for the bilaga, keeping its number, title and the decisions that refer to it (a
    generated bilaga made again); the old file is deleted once committed. Unchanged content: nothing."""
    current, stored = _own_attachment(user, attachment)
    values = _collect({"file": lambda: file_kind(upload.content)})
    digest = hashlib.sha256(upload.content).hexdigest()
    _check_version(current, version, {"file": stored.sha256}, {"file": digest})
    if stored.sha256 == digest and stored.file:
        return []
    old_name = stored.file.name
    before = f"{stored.file_name} ({stored.kind.upper()}, {stored.size} byte)" if old_name else ""
    stored.kind, stored.file_name, stored.size, stored.sha256 = (
        values["file"], _display_name(upload.name), len(upload.content), digest)
    stored.file.save("bilaga", ContentFile(upload.content), save=False)
    new_name = stored.file.name
    try:
        stored.save(update_fields=["file", "file_name", "kind", "size", "sha256"])
        _bump(current)
        change = Change("fil", before, f"{stored.file_name} ({stored.kind.upper()}, {stored.size} byte)")
        _audit(current, user, "bilaga", stored.pk, [change], note)
    except Exception:
        default_storage.delete(new_name)
        raise
    if old_name:
        transaction.on_commit(lambda: default_storage.delete(old_name))
    attachment.report.front_version = current.front_version
    return [change]


@transaction.atomic
def remove_attachment(user, attachment: models.Attachment, version: int | None, note: str = "") -> None:
    """Removes the bilaga (decisions that referred to it keep their text) and, once committed, its file."""
    current, stored = _own_attachment(user, attachment)
    _check_version(current, version, {"title": stored.title}, {})
    _audit(current, user, "bilaga", stored.pk, [Change("borttagen", f"{stored.label}: {stored.title}", "")], note)
    name = stored.file.name
    stored.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
    _bump(current)
    attachment.report.front_version = current.front_version


# -- attestation ----------------------------------------------------------------------------------
# Once the document is approved, each person who answers for it (typically the förvaltningschef or
# stadsdelsdirektör and the avdelningschef) attests it; "Attesterat av" lists those recorded since the
# last approval. Each attestation is an audit entry ("attestering"), so the record is the audit trail
# itself, and a document returned and approved again must be attested again.

ATTESTATION = "attestering"
TITLE_LENGTH = 100


def _last_approval(report: models.Report) -> models.AuditEntry | None:
    return (models.AuditEntry.objects.filter(report=report, item_type="rapport", item_id=report.pk,
                                             field="status", after=Status.APPROVED.label)
            .select_related("user").order_by("-pk").first())


def _attested_since(report: models.Report, approval: models.AuditEntry):
    return models.AuditEntry.objects.filter(report=report, item_type="rapport", item_id=report.pk,
                                            field=ATTESTATION, pk__gt=approval.pk).order_by("pk")


def _attester(user, report: models.Report) -> str:
    """"Name, befattning": the title the person holds for the committee (else city-wide), else the
    title they sign the document with, else their role in the app."""
    name = user.get_full_name() or user.get_username()
    memberships = sorted((m for m in models.Membership.objects.filter(user=user) if m.title
                          and m.committee_id in (None, report.committee_id)), key=lambda m: m.committee_id is None)
    signed = next((s.title for s in report.signatures.all() if s.name == name and s.title), "")
    roles = access.roles_in(user, report.committee)
    title = (memberships[0].title if memberships else signed
             or next((r.label for r in (Role.CONTROLLER, Role.ADMIN) if r in roles), ""))
    return f"{name}, {title}" if title else name


def may_attest(user, report: models.Report) -> bool:
    """The committee's controllers and administrators attest an approved document, once each."""
    if report.status != Status.APPROVED.value or not access.roles_in(user, report.committee) & PART_EDITORS:
        return False
    approval = _last_approval(report)
    return approval is not None and not _attested_since(report, approval).filter(user=user).exists()


@transaction.atomic
def attest(user, report: models.Report, note: str = "") -> domain.Attestation:
    """Records the person's attestation of the approved document, dated today."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    if not access.roles_in(user, current.committee) & PART_EDITORS:
        raise PermissionDenied("Bara nämndens controller eller en administratör kan attestera dokumentet.")
    if current.status == Status.LOCKED.value:
        raise PermissionDenied("Dokumentet är låst och kan inte längre attesteras.")
    approval = _last_approval(current)
    if current.status != Status.APPROVED.value or approval is None:
        raise PermissionDenied("Dokumentet kan attesteras först när det är godkänt.")
    if _attested_since(current, approval).filter(user=user).exists():
        raise PermissionDenied("Du har redan attesterat dokumentet sedan det godkändes.")
    entry = models.AuditEntry.objects.create(report=current, user=user, item_type="rapport", item_id=current.pk,
                                             field=ATTESTATION, after=_attester(user, current), note=note)
    return domain.Attestation(entry.after, timezone.localtime(entry.at).date(), 0)


def check_can_set_titles(user) -> None:
    if not (user.is_superuser or any(m.committee_id is None and m.role == Role.ADMIN.value
                                     for m in models.Membership.objects.filter(user=user))):
        raise PermissionDenied("Bara en administratör kan ändra en befattning.")


def set_attestation_title(user, membership: models.Membership, title: str) -> None:
    """The befattning the person attests the committee's documents with; administrators set it."""
    check_can_set_titles(user)
    values = _collect({"title": lambda: clean_text("title", "Befattning", title, TITLE_LENGTH)})
    models.Membership.objects.filter(pk=membership.pk).update(title=values["title"])
    membership.title = values["title"]


def workflow_attestations(report: models.Report) -> list[domain.Attestation]:
    """"Attesterat av" for a document approved in the app: those who attested it since its last
    approval, each with the day; if nobody has, the approval itself (who approved it, that day), as
    before attestations were recorded. Nothing while it is not approved (or was returned)."""
    if report.status not in (Status.APPROVED.value, Status.LOCKED.value):
        return []
    approval = _last_approval(report)
    if approval is None:
        return []
    recorded = [domain.Attestation(e.after, timezone.localtime(e.at).date(), 0)
                for e in _attested_since(report, approval)]
    if recorded or approval.user is None:
        return recorded
    return [domain.Attestation(_attester(approval.user, report), timezone.localtime(approval.at).date(), 0)]
