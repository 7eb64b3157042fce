"""The page of a document's head, signatures, decisions and bilagor (/rapport/<pk>/delar/).

Everyone who may read the report sees it; the controller (or an administrator) of a draft gets
the forms, and of an approved document the button that attests it. A POST is refused (403) before its input is read unless that person may change the
parts; every write goes through ils.persistence.docparts (permission, input, version, audit).
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ils.domain.front_matter import amount_text, city_title
from ils.domain.model import DocumentType, Period
from ils.persistence import docparts, models
from ils.persistence.access import readable_reports
from ils.persistence.attachments import KINDS
from ils.persistence.editing import EditConflict
from ils.persistence.store import attestations_of, decisions_of

from . import docparts_forms as forms

ANCHORS = {"head": "huvud", "signatures": "underskrifter", "add_decision": "beslut", "edit_decision": "beslut",
           "remove_decision": "beslut", "move_decision": "beslut", "add_attachment": "bilagor",
           "edit_attachment": "bilagor", "remove_attachment": "bilagor"}


def _readable(request, pk) -> models.Report:
    return get_object_or_404(readable_reports(request.user), pk=pk)


def _forms(report: models.Report, bound: dict | None = None) -> dict:
    """Fresh forms for the page; ``bound`` replaces the one that was posted (with its errors)."""
    signatures = report.signatures.count()
    out = {
        "head": forms.HeadForm(initial=forms.HeadForm.initial_for(report), prefix="huvud"),
        "signatures": forms.SignaturesForm(initial=forms.SignaturesForm.initial_for(report),
                                           rows=signatures + 1, prefix="underskrift"),
        "add_decision": forms.DecisionForm(initial={"version": report.front_version, "unit": "mnkr"},
                                           report=report, prefix="nytt-beslut"),
        "add_attachment": forms.AttachmentForm(initial={"version": report.front_version}, prefix="ny-bilaga"),
    }
    return out | (bound or {})


def _context(request, report: models.Report, bound: dict | None = None, conflict=None, editing_pk=None) -> dict:
    editable = docparts.can_edit_parts(request.user, report)
    decisions = list(report.decisions.select_related("attachment").order_by("number", "pk"))
    shown = {d.number: d for d in decisions_of(report)}
    posted = bound or {}
    rows = []
    for d in decisions:
        form = None
        if editable:
            form = posted.get(("decision", d.pk)) or forms.DecisionForm(
                initial=forms.DecisionForm.initial_for(d), report=report, prefix=f"beslut-{d.pk}")
        domain = shown.get(d.number)
        rows.append({"row": d, "domain": domain, "form": form, "open": ("decision", d.pk) in posted,
                     "amount": amount_text(domain.amount, domain.amount_unit or "mnkr")
                     if domain is not None and domain.amount is not None else ""})
    attachments = []
    for a in report.attachments.all():
        form = posted.get(("attachment", a.pk)) or (forms.AttachmentTitleForm(
            initial={"title": a.title, "version": report.front_version}, prefix=f"bilaga-{a.pk}") if editable else None)
        attachments.append({"row": a, "form": form, "open": ("attachment", a.pk) in posted})
    return {
        "report": report, "editable": editable, "conflict": conflict,
        "forms": _forms(report, {k: v for k, v in posted.items() if isinstance(k, str)}) if editable else {},
        "decisions": rows, "attachments": attachments, "signatures": list(report.signatures.all()),
        "attestations": attestations_of(report), "may_attest": docparts.may_attest(request.user, report),
        "city_title": city_title(DocumentType(report.type), Period(report.period), report.year, report.committee.name),
        "max_megabytes": docparts.max_attachment_megabytes(),
    }


@login_required
def report_parts(request, pk):
    report = _readable(request, pk)
    if request.method != "POST":
        return render(request, "ils/report_parts.html", _context(request, report))
    if request.POST.get("action") == "attest":  # of an approved document, not a draft's parts
        docparts.attest(request.user, report)
        messages.success(request, "Du har attesterat dokumentet.")
        return redirect(reverse("report_parts", args=[report.pk]) + "#attesterat")
    if not docparts.can_edit_parts(request.user, report):
        raise PermissionDenied("Du får inte ändra dokumentets huvud, beslut eller bilagor, "
                               "eller så är dokumentet inte ett utkast.")
    action = request.POST.get("action", "")
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404("Okänd åtgärd")
    try:
        bound = handler(request, report)
    except EditConflict as error:
        report.refresh_from_db()
        messages.error(request, "Någon annan har ändrat dokumentets delar sedan du öppnade sidan. Ingenting "
                                "sparades; sidan visar nu det senaste. Gör om din ändring.")
        return render(request, "ils/report_parts.html", _context(request, report, conflict=error),
                      status=200 if request.htmx else 409)  # htmx swaps only 2xx answers
    if bound:  # the posted form with its errors
        report.refresh_from_db()
        return render(request, "ils/report_parts.html", _context(request, report, bound=bound),
                      status=200 if request.htmx else 422)
    return redirect(reverse("report_parts", args=[report.pk]) + "#" + ANCHORS[action])


def _apply(form, key, call):
    """Run ``call(cleaned_data)``; the service's field errors go to the form's fields."""
    if not form.is_valid():
        return {key: form}
    try:
        changed = call(form.cleaned_data)
    except docparts.InvalidInput as error:
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return {key: form}
    return changed


def _head(request, report):
    form = forms.HeadForm(request.POST, prefix="huvud")
    result = _apply(form, "head", lambda data: docparts.update_head(
        request.user, report, data["version"], form.changes()))
    if isinstance(result, dict):
        return result
    messages.success(request, "Huvudet sparades." if result else "Inga ändringar att spara.")
    return None


def _signatures(request, report):
    rows = request.POST.get("underskrift-rows", "")
    form = forms.SignaturesForm(request.POST, rows=max(1, int(rows)) if rows.isdigit() else 1, prefix="underskrift")
    result = _apply(form, "signatures", lambda data: docparts.set_signatures(
        request.user, report, data["version"], form.rows()))
    if isinstance(result, dict):
        return result
    messages.success(request, "Underskrifterna sparades." if result else "Inga ändringar att spara.")
    return None


def _decision(report, request) -> models.Decision:
    pk = request.POST.get("decision", "")
    if not pk.isdigit():
        raise Http404("Beslutspunkten finns inte")
    return get_object_or_404(models.Decision.objects.select_related("report__committee"), pk=int(pk), report=report)


def _add_decision(request, report):
    form = forms.DecisionForm(request.POST, report=report, prefix="nytt-beslut")
    result = _apply(form, "add_decision", lambda data: docparts.add_decision(
        request.user, report, data["version"], data["text"], data["amount"], data["unit"], data["attachment"]))
    if isinstance(result, dict):
        return result
    messages.success(request, f"Beslutspunkt {result.number} lades till.")
    return None


def _edit_decision(request, report):
    decision = _decision(report, request)
    form = forms.DecisionForm(request.POST, report=report, prefix=f"beslut-{decision.pk}")
    result = _apply(form, ("decision", decision.pk), lambda data: docparts.update_decision(
        request.user, decision, data["version"], data["text"], data["amount"], data["unit"], data["attachment"]))
    if isinstance(result, dict):
        return result
    messages.success(request, f"Beslutspunkt {decision.number} sparades." if result else "Inga ändringar att spara.")
    return None


def _version(request) -> int:
    value = request.POST.get("version", "")
    if not value.isdigit():
        raise Http404("Versionen saknas")
    return int(value)


def _remove_decision(request, report):
    decision = _decision(report, request)
    docparts.remove_decision(request.user, decision, _version(request))
    messages.success(request, f"Beslutspunkt {decision.number} togs bort; de följande har numrerats om.")
    return None


def _move_decision(request, report):
    decision = _decision(report, request)
    position = request.POST.get("position", "")
    if not position.isdigit():
        raise Http404("Ny plats saknas")
    docparts.move_decision(request.user, decision, _version(request), int(position))
    messages.success(request, f"Beslutspunkten flyttades till plats {max(1, int(position))}.")
    return None


def _add_attachment(request, report):
    form = forms.AttachmentForm(request.POST, request.FILES, prefix="ny-bilaga")

    def call(data):
        upload = data["file"]
        limit = docparts.max_attachment_bytes()
        content = upload.read(limit + 1)
        return docparts.add_attachment(request.user, report, data["version"],
                                       docparts.Upload(upload.name or "", content), data["title"])

    result = _apply(form, "add_attachment", call)
    if isinstance(result, dict):
        return result
    messages.success(request, f"{result.label} lades till.")
    return None


def _attachment(report, request) -> models.Attachment:
    pk = request.POST.get("attachment_id", "")
    if not pk.isdigit():
        raise Http404("Bilagan finns inte")
    return get_object_or_404(models.Attachment.objects.select_related("report__committee"), pk=int(pk), report=report)


def _edit_attachment(request, report):
    attachment = _attachment(report, request)
    form = forms.AttachmentTitleForm(request.POST, prefix=f"bilaga-{attachment.pk}")
    result = _apply(form, ("attachment", attachment.pk), lambda data: docparts.update_attachment(
        request.user, attachment, data["version"], data["title"]))
    if isinstance(result, dict):
        return result
    messages.success(request, f"{attachment.label} sparades." if result else "Inga ändringar att spara.")
    return None


def _remove_attachment(request, report):
    attachment = _attachment(report, request)
    docparts.remove_attachment(request.user, attachment, _version(request))
    messages.success(request, f"{attachment.label} togs bort.")
    return None


ACTIONS = {"head": _head, "signatures": _signatures, "add_decision": _add_decision,
           "edit_decision": _edit_decision, "remove_decision": _remove_decision, "move_decision": _move_decision,
           "add_attachment": _add_attachment, "edit_attachment": _edit_attachment,
           "remove_attachment": _remove_attachment}


@login_required
def attachment_file(request, pk):
    """A bilaga's file, for anyone who may read its report."""
    attachment = get_object_or_404(models.Attachment.objects.select_related("report"), pk=pk)
    if not readable_reports(request.user).filter(pk=attachment.report_id).exists() or not attachment.file:
        raise Http404("Finns inte")
    response = FileResponse(attachment.file.open("rb"), content_type=KINDS[attachment.kind],
                            as_attachment=attachment.kind != "pdf", filename=attachment.file_name or "bilaga")
    response["X-Content-Type-Options"] = "nosniff"
    return response
