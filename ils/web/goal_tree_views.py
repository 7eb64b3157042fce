"""Planning the goal tree on the report page: nämndmål added, moved and removed under KF's goals,
the committee's own indicators and activities added and removed.

Permission is checked before any input is read (404 for a report the person may not read, 403 for
a change they may not make); every write goes through ils.persistence.plan_editing."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ils.domain.document_fields import PlanningInputError
from ils.persistence import editing, models, plan_editing

from . import forms
from .editing_views import _back, _readable


def _page(request, goal, form, title, button, lead="", status=200):
    return render(request, "ils/plan_form.html", {
        "report": goal.report, "form": form, "title": title, "button": button, "lead": lead, "back": _back(goal)},
        status=status)


def _fail(form, error: PlanningInputError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def add_goal(request, pk):
    parent = _readable(request, models.Goal, pk)
    if parent.level != "kf_mal" or not plan_editing.may_structure(request.user, parent):
        raise PermissionDenied(plan_editing.REFUSED)
    form = forms.NewGoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            goal = plan_editing.add_goal(request.user, parent, data["title"], data["description"],
                                         data["expected_results"].splitlines())
        except PlanningInputError as error:
            _fail(form, error)
        else:
            messages.success(request, f"Nämndmål {goal.number} är tillagt.")
            return redirect(_back(goal))
    return _page(request, parent, form, f"Nytt nämndmål under {parent.number}", "Lägg till nämndmålet", parent.title)


@login_required
@require_POST
def move_goal(request, pk):
    goal = _readable(request, models.Goal, pk)
    if goal.level != "namndmal" or not plan_editing.may_structure(request.user, goal):
        raise PermissionDenied(plan_editing.REFUSED)
    try:
        version, position = int(request.POST.get("version", "")), int(request.POST.get("position", ""))
        plan_editing.move_goal(request.user, goal, version, position)
    except ValueError as error:  # a PlanningInputError, or numbers that are not numbers
        messages.error(request, getattr(error, "message", "Välj en plats i listan."))
    except editing.EditConflict as error:
        messages.error(request, str(error))
    else:
        goal.refresh_from_db()
        messages.success(request, f"Målet har nu nummer {goal.number}; målen under {goal.parent.number} är omnumrerade.")
    return redirect(_back(goal))


@login_required
def remove_goal(request, pk):
    goal = _readable(request, models.Goal, pk)
    if goal.level != "namndmal" or not plan_editing.may_structure(request.user, goal):
        raise PermissionDenied(plan_editing.REFUSED)
    form = forms.RemoveGoalForm(request.POST or None, goal=goal, initial={"version": goal.version})
    if request.method == "POST" and form.is_valid():
        data, parent = form.cleaned_data, goal.parent
        if data["contents"] == "flytta" and data["move_to"] is None:
            form.add_error("move_to", "Välj målet som indikatorerna och aktiviteterna flyttas till.")
        else:
            try:
                plan_editing.remove_goal(request.user, goal, data["version"],
                                         move_to=data["move_to"] if data["contents"] == "flytta" else None,
                                         remove_contents=data["contents"] == "ta-bort")
            except PlanningInputError as error:
                _fail(form, error)
            except editing.EditConflict as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Nämndmål {goal.number} är borttaget; målen under {parent.number} är omnumrerade.")
                return redirect(_back(parent))
    count = goal.indicators.count(), goal.activities.count()
    lead = (f"{goal.number} {goal.title}. Målet har {count[0]} indikatorer och {count[1]} aktiviteter: "
            "flytta dem till ett annat mål eller ta bort dem också.") if any(count) else f"{goal.number} {goal.title}."
    if not any(count):
        del form.fields["contents"], form.fields["move_to"]
    return _page(request, goal, form, f"Ta bort nämndmål {goal.number}", "Ta bort målet", lead)


@login_required
def add_indicator(request, pk):
    goal = _readable(request, models.Goal, pk)
    if not editing.can_edit(request.user, goal):
        raise PermissionDenied(plan_editing.REFUSED)
    form = forms.NewIndicatorForm(request.POST or None, year=goal.report.year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = plan_editing.add_indicator(request.user, goal, data["name"], data["unit"], data["direction"],
                                             data["frequency"], data["target_kind"], data["target_value"])
        except PlanningInputError as error:
            _fail(form, error)
        else:
            messages.success(request, f"Indikatorn {row.name} är tillagd under {goal.number}.")
            return redirect(_back(goal))
    return _page(request, goal, form, f"Ny indikator under {goal.number}", "Lägg till indikatorn", goal.title)


@login_required
def add_activity(request, pk):
    goal = _readable(request, models.Goal, pk)
    if not editing.can_edit(request.user, goal):
        raise PermissionDenied(plan_editing.REFUSED)
    form = forms.ActivityForm(request.POST or None, report=goal.report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_editing.add_activity(request.user, goal, data["text"], data["start"], data["end"],
                                      data.get("status", ""), data.get("deviation", ""))
        except PlanningInputError as error:
            _fail(form, error)
        else:
            messages.success(request, f"Aktiviteten är tillagd under {goal.number}.")
            return redirect(_back(goal))
    return _page(request, goal, form, f"Ny aktivitet under {goal.number}", "Lägg till aktiviteten", goal.title)


@login_required
@require_POST
def remove_item(request, kind, pk):
    model, remove = {"indikator": (models.IndicatorValue, plan_editing.remove_indicator),
                     "aktivitet": (models.Activity, plan_editing.remove_activity)}.get(kind, (None, None))
    if model is None:
        from django.http import Http404

        raise Http404("Finns inte")
    item = _readable(request, model, pk)
    if not editing.can_edit(request.user, item):
        raise PermissionDenied(plan_editing.REFUSED)
    back = _back(item)
    try:
        remove(request.user, item, int(request.POST.get("version") or 0))
    except editing.EditConflict as error:
        messages.error(request, str(error))
        return redirect(reverse("edit_item", args=[kind, pk]))
    messages.success(request, "Indikatorn är borttagen." if kind == "indikator" else "Aktiviteten är borttagen.")
    return redirect(back)
