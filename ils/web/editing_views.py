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
from ils.domain.document_fields import PlanningInputError
from ils.persistence import editing, models, plan_editing
from ils.persistence.access import can_read
from ils.persistence.store import document_header, indicator_from_row
from ils.renderers import formatting as fmt

from .report_page import indicator_row

from . import forms

EDITABLE = {
    "mal": (models.Goal, forms.GoalForm),
    "indikator": (models.IndicatorValue, forms.IndicatorForm),
    "aktivitet": (models.Activity, forms.ActivityForm),
}


def _readable(request, model, pk):
    related = ("report__committee", "goal") if model in (models.IndicatorValue, models.Activity) else ("report__committee",)
    item = editing.with_section(get_object_or_404(model.objects.select_related(*related), pk=pk))
    if not can_read(request.user, item.report):
        raise Http404("Finns inte")
    return item


def _reason_errors(form, item) -> None:
    """Ask for a written reason where the person departs from the evidence."""
    data = form.cleaned_data
    if isinstance(item, models.Goal) and "assessment" in form.fields:
        chosen = Assessment(data["assessment"]) if data.get("assessment") else None
        if assessment_needs_reason(chosen, editing.proposed_assessment(item)) and not data["assessment_reason"].strip():
            form.add_error("assessment_reason", "Bedömningen skiljer sig från förslaget: motivera den.")
    elif isinstance(item, models.IndicatorValue) and "analysis" in form.fields:
        for name, value in form.values().items():
            setattr(item, name, value)
        if indicator_needs_analysis(indicator_from_row(item).status) and not data["analysis"].strip():
            form.add_error("analysis", "Värdet når inte årsmålet: skriv i analysen varför.")


def _save(user, item, form) -> list:
    """Through the planning services: they know what the document asks for and what is KF's."""
    version = form.cleaned_data["version"]
    if isinstance(item, models.IndicatorValue):
        return plan_editing.update_indicator(user, item, version, form.values(), **form.plan())
    if isinstance(item, models.Goal):
        return plan_editing.update_goal(user, item, version, form.changes())
    return plan_editing.update_activity(user, item, version, form.changes())


def _in_place(request, kind) -> bool:
    """An indicator row or a goal's texts saved from the report page with htmx answer with just
    that row or section."""
    return kind in ("indikator", "mal") and request.headers.get("HX-Request") == "true"


@login_required
def edit_item(request, kind, pk):
    if kind not in EDITABLE:
        raise Http404("Finns inte")
    model, form_class = EDITABLE[kind]
    item = _readable(request, model, pk)
    if not editing.can_edit(request.user, item):
        raise PermissionDenied("Du får inte ändra det här, eller så är avsnittet inte längre ett utkast.")
    conflict, status = None, 200
    options = {"row": item} | ({"auto_id": f"{kind}{item.pk}_%s"} if _in_place(request, kind) else {})
    if request.method == "POST":
        form = form_class(request.POST, **options)
        if form.is_valid():
            _reason_errors(form, item)
        if form.is_valid():
            try:
                changed = _save(request.user, item, form)
            except editing.EditConflict as error:
                conflict, status = error, 409
                form.data = form.data.copy()
                form.data["version"] = error.current.version
            except PlanningInputError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = 422
            else:
                message = "Sparat." if changed else "Inga ändringar att spara."
                if _in_place(request, kind):
                    return _fragment(request, item, saved=message)
                messages.success(request, message)
                return redirect(_back(item))
        else:
            status = 422 if _in_place(request, kind) else 200
    else:
        form = form_class(initial=form_class.initial_for(item), **options)
    if _in_place(request, kind):
        return _fragment(request, item, form=form, conflict=conflict, status=status)
    context = {"item": item, "kind": kind, "form": form, "conflict": conflict, "report": item.report,
               "back": _back(item), "removable": _removable(item)}
    if isinstance(item, models.Goal) and "assessment" in form.fields:
        proposal = editing.proposed_assessment(item)
        context["proposal"] = proposal.label() if proposal else "Inget förslag (inga mätbara indikatorer)"
    return render(request, "ils/edit.html", context, status=409 if conflict else status if status != 422 else 200)


def _removable(item) -> bool:
    return (isinstance(item, models.IndicatorValue) and not item.kf) or (
        isinstance(item, models.Activity) and not item.kf_assignment)


def _fragment(request, item, form=None, conflict=None, saved="", status=200):
    if isinstance(item, models.Goal):
        return _goal_fragment(request, item, form, conflict, saved, status)
    return _indicator_fragment(request, item, form, conflict, saved, status)


def _goal_fragment(request, item, form, conflict, saved, status):
    """The goal's section, re-rendered, with its inline form or the confirmation."""
    from django.http import HttpResponse

    from .views import render_section

    goal = models.Goal.objects.select_related("report__committee").get(pk=item.pk)
    extra = {"saved": saved, "goal_form": form, "conflict": conflict, "back": _back(goal)}
    if form is not None and "assessment" in form.fields:
        proposal = editing.proposed_assessment(goal)
        extra["proposal"] = proposal.label() if proposal else "Inget förslag (inga mätbara indikatorer)"
    return HttpResponse(render_section(request, goal, **extra), status=status)


def _indicator_fragment(request, item, form=None, conflict=None, saved="", status=200):
    """The indicator's row (and its form, or the confirmation), rendered as the report page renders it."""
    from .views import _body_urls

    row = editing.with_section(models.IndicatorValue.objects.select_related("goal", "report__committee").get(pk=item.pk))
    header = document_header(row.report)
    context = {"row": indicator_row(header, indicator_from_row(row), pk=row.pk), "urls": _body_urls(),
               "can_edit": editing.can_edit(request.user, row), "form": form, "conflict": conflict,
               "saved": saved, "back": _back(row),
               "colspan": len(fmt.indicator_header(header)) + 1}
    return render(request, "ils/_indicator_row.html", context, status=status)


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
             "rapport": models.Report, "textdel": models.TextPart, "ekonomi": models.EconomyTable}.get(kind)
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
    entries = list(models.AuditEntry.objects.filter(item_type=kind, item_id=pk).select_related("user"))
    return render(request, "ils/history.html", {"item": item, "report": report, "entries": _one_per_change(entries),
                                                "item_type": kind})


def _one_per_change(entries):
    """Entries written before a quantity was audited once show its number beside its text: keep the text."""
    def when(entry):
        return entry.user_id, entry.at.replace(microsecond=0)

    texts = {(when(e), e.field.removesuffix("_text")) for e in entries if e.field.endswith("_text")}
    return [e for e in entries if (when(e), e.field.removesuffix("_value").removesuffix("_kind")) not in texts]
