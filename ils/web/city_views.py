"""The city's (KF's) definitions per year: inriktningsmål, KF goals, KF indicators with KF's
targets, and KF assignments. Everyone signed in reads them (they are public decisions); only a
city administrator defines them or pushes them into the committees' drafts (checked on the server).
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ils.persistence import city as kf
from ils.persistence import models

from . import forms


@login_required
def city(request, year=None):
    years = kf.city_years()
    if year is None:
        return redirect("city_goals", year=max(years) if years else 2025)
    if not 2000 <= year <= 2100:
        raise Http404("Okänt år")
    goals = kf.city_goals(year)
    may_edit = kf.may_define_city(request.user)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Bara stadens administratörer definierar KF:s mål.")
        return _city_post(request, year)
    kf_goals = [g for g in goals if g.level == "kf_mal"]
    return render(request, "ils/kf.html", {
        "year": year, "years": years, "goals": goals, "may_edit": may_edit,
        "goal_form": forms.CityGoalForm(), "indicator_form": forms.CityIndicatorForm(goals=kf_goals),
        "assignment_form": forms.CityAssignmentForm(goals=kf_goals)})


def _city_post(request, year):
    what = request.POST.get("what")
    kf_goals = models.CityGoal.objects.filter(year=year, level="kf_mal")
    try:
        if what == "mal":
            form = forms.CityGoalForm(request.POST)
            if form.is_valid():
                kf.add_city_goal(request.user, year, form.cleaned_data["number"], form.cleaned_data["title"])
                messages.success(request, "KF-målet är sparat.")
        elif what == "indikator":
            form = forms.CityIndicatorForm(request.POST, goals=kf_goals)
            if form.is_valid():
                d = form.cleaned_data
                kf.add_city_indicator(request.user, d["goal"], d["name"], d["kf_target"], d["period"])
                messages.success(request, "KF-indikatorn är sparad.")
        elif what == "uppdrag":
            form = forms.CityAssignmentForm(request.POST, goals=kf_goals)
            if form.is_valid():
                kf.add_city_assignment(request.user, form.cleaned_data["goal"], form.cleaned_data["text"])
                messages.success(request, "KF-uppdraget är sparat.")
        elif what == "publicera":
            changed = kf.publish_city_definitions(request.user, year)
            total = sum(changed.values())
            messages.success(request, f"{total} rader lades till eller ändrades i {len(changed)} utkast för {year}.")
            form = None
        else:
            raise PermissionDenied("Okänd åtgärd")
    except ValueError as error:
        messages.error(request, str(error))
    else:
        if form is not None and not form.is_valid():
            messages.error(request, "Kontrollera uppgifterna: " + "; ".join(
                f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                for f, e in form.errors.items()))
    return redirect(reverse("city_goals", args=[year]))
