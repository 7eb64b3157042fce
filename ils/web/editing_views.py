"""Editing a report's goals, indicators and activities, and moving sections through the workflow.

Every request is checked on the server: a person who may not read the report gets 404, one who
may read but not edit gets 403. Saving goes through ils.persistence.editing (version check + audit).
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ils.domain.assessment import Assessment
from ils.domain.reasons import assessment_needs_reason, indicator_needs_analysis
from ils.domain.workflow import Action
from ils.persistence import editing, models
from ils.persistence.access import can_read
from ils.persistence.store import indicator_from_row

from . import forms

EDITABLE = {
    "mal": (models.Goal, forms.GoalForm),
    "indikator": (models.IndicatorValue, forms.IndicatorForm),
    "aktivitet": (models.Activity, forms.ActivityForm),
}


def _readable(request, model, pk):
    item = get_object_or_404(model.objects.select_related("report__committee"), pk=pk)
    if not can_read(request.user, item.report):
        raise Http404("Finns inte")
    return item


def _reason_errors(form, item) -> None:
    """Ask for a written reason where the person departs from the evidence."""
    data = form.cleaned_data
    if isinstance(item, models.Goal):
        chosen = Assessment(data["assessment"]) if data.get("assessment") else None
        if assessment_needs_reason(chosen, editing.proposed_assessment(item)) and not data["assessment_reason"].strip():
            form.add_error("assessment_reason", "Bedömningen skiljer sig från förslaget: motivera den.")
    elif isinstance(item, models.IndicatorValue):
        for name, value in form.changes().items():
            setattr(item, name, value)
        if indicator_needs_analysis(indicator_from_row(item).status) and not data["analysis"].strip():
            form.add_error("analysis", "Värdet når inte årsmålet: skriv i analysen varför.")


@login_required
def edit_item(request, kind, pk):
    if kind not in EDITABLE:
        raise Http404("Finns inte")
    model, form_class = EDITABLE[kind]
    item = _readable(request, model, pk)
    if not editing.can_edit(request.user, item):
        raise PermissionDenied("Du får inte ändra det här, eller så är avsnittet inte längre ett utkast.")
    conflict = None
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            _reason_errors(form, item)
        if form.is_valid():
            try:
                changed = editing.update_item(request.user, item, form.cleaned_data["version"], form.changes())
            except editing.EditConflict as error:
                conflict = error
                form = form_class(request.POST, initial={"version": error.current.version})
                form.data = form.data.copy()
                form.data["version"] = error.current.version
            else:
                messages.success(request, "Sparat." if changed else "Inga ändringar att spara.")
                return redirect(_back(item))
    else:
        form = form_class(initial=form_class.initial_for(item))
    context = {"item": item, "kind": kind, "form": form, "conflict": conflict, "report": item.report,
               "back": _back(item)}
    if isinstance(item, models.Goal):
        proposal = editing.proposed_assessment(item)
        context["proposal"] = proposal.label() if proposal else "Inget förslag (inga mätbara indikatorer)"
    return render(request, "ils/edit.html", context, status=409 if conflict else 200)


def _back(item) -> str:
    from django.urls import reverse

    goal = editing.section_of(item)
    return reverse("report", args=[goal.report_id]) + "#mal-" + goal.number.replace(".", "-")


@login_required
@require_POST
def change_status(request, kind, pk):
    model = {"mal": models.Goal, "rapport": models.Report}.get(kind)
    if model is None:
        raise Http404("Finns inte")
    if model is models.Report:
        item = get_object_or_404(models.Report.objects.select_related("committee"), pk=pk)
        if not can_read(request.user, item):
            raise Http404("Finns inte")
    else:
        item = _readable(request, model, pk)
    form = forms.StatusForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in Action._value2member_map_:
        raise PermissionDenied("Okänd åtgärd")
    try:
        after = editing.change_status(request.user, item, Action(form.cleaned_data["action"]),
                                      form.cleaned_data["comment"])
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Status: {after.label}.")
    report_id = item.pk if model is models.Report else item.report_id
    anchor = "" if model is models.Report else "#mal-" + item.number.replace(".", "-")
    from django.urls import reverse

    return redirect(reverse("report", args=[report_id]) + anchor)


@login_required
def history(request, kind, pk):
    model = {"mal": models.Goal, "indikator": models.IndicatorValue, "aktivitet": models.Activity,
             "rapport": models.Report, "ekonomi": models.EconomyTable}.get(kind)
    if model is None:
        raise Http404("Finns inte")
    if model is models.Report:
        item = get_object_or_404(models.Report.objects.select_related("committee"), pk=pk)
        report = item
    else:
        item = _readable(request, model, pk)
        report = item.report
    if not can_read(request.user, report):
        raise Http404("Finns inte")
    entries = models.AuditEntry.objects.filter(item_type=kind, item_id=pk).select_related("user")
    return render(request, "ils/history.html", {"item": item, "report": report, "entries": entries})
