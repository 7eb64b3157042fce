"""The city's view of internal control for a year, and the city's matrix and designated areas.

Across every analysis the person may read (persistence.access, as on /stad/): risks per matrix cell
and per area as heat maps, controls with deviations, committees whose judgement is not
"tillräcklig". Filters: nämnder (namnd, repeatable), område and risknivå. Five queries in all.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ils.domain import internal_control as ic
from ils.domain import internal_control_city as city
from ils.domain.internal_control import Judgement
from ils.domain.model import PERIOD_LABELS, Period
from ils.persistence import internal_control as service
from ils.persistence import models
from ils.persistence.city import may_define_city
from ils.persistence.editing import EditConflict
from ils.persistence.internal_control_city import fitting, placed_risks
from ils.renderers.internal_control_content import counted_matrix_view
from ils.renderers.risk_matrix_svg import matrix_svg

from . import internal_control_forms as forms


@dataclass(frozen=True)
class Deviation:
    committee: str
    url: str
    period: str
    control: str
    deviations: str
    action: str
    owner: str


@login_required
def latest(request):
    years = sorted(set(service.readable_analyses(request.user).values_list("year", flat=True)), reverse=True)
    return redirect("ic_city", year=years[0] if years else 2025)


@login_required
def city_view(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404("Okänt år")
    selected = [s for s in request.GET.getlist("namnd") if s][:100]
    area = request.GET.get("omrade", "").strip()[:200]
    level = request.GET.get("niva", "").strip()[:100]
    all_analyses = list(service.readable_analyses(request.user, year).select_related(None).select_related(
        "committee").order_by("committee__name"))
    analyses = [a for a in all_analyses if not selected or a.committee.slug in selected]
    placed = placed_risks(analyses, area, level)
    matrix = service.city_matrix(year)
    heat_matrix = counted_matrix_view(matrix, city.cell_counts(fitting(matrix, placed)),
                                      "Risker per cell i stadens riskmatris")
    level_names = [lv.name for lv in matrix.levels]
    areas = city.by_area(placed, level_names)
    readable_reports = service.access.readable_reports(request.user)
    deviations = [Deviation(name, reverse("ic_follow_up", args=[slug, year, period]), PERIOD_LABELS[Period(period)],
                            what, text, action, owner)
                  for name, slug, period, what, text, action, owner in models.ControlFollowUp.objects.filter(
                      control__analysis__in=analyses, report__in=readable_reports).exclude(deviations="").order_by(
                      "control__analysis__committee__name", "period", "control__order").values_list(
                      "control__analysis__committee__name", "control__analysis__committee__slug", "period",
                      "control__what", "deviations", "action", "action_owner")]
    judgements = [(a, Judgement(a.judgement).label if a.judgement else "Inte bedömd")
                  for a in analyses if a.judgement != Judgement.SUFFICIENT.value]
    all_areas = sorted(set(models.Risk.objects.filter(analysis__in=all_analyses).values_list("area", flat=True)))
    years = sorted(set(service.readable_analyses(request.user).values_list("year", flat=True)) | {year})
    return render(request, "ils/internal_control/city.html", {
        "year": year, "years": years, "matrix_svg": matrix_svg(heat_matrix, "stadens-riskmatris"),
        "matrix": heat_matrix, "areas": areas, "level_names": level_names + ["Inte bedömd"],
        "deviations": deviations, "judgements": judgements,
        "committees": [(a.committee.slug, a.committee.name) for a in all_analyses], "selected": set(selected),
        "area": area, "level": level, "all_areas": all_areas, "all_levels": level_names,
        "analysis_count": len(analyses), "risk_count": len(placed), "may_define": may_define_city(request.user)})


@login_required
def city_settings(request, year: int):
    """The city's matrix and designated areas for a year (administrators change them; all may read)."""
    if not 2000 <= year <= 2100:
        raise Http404("Okänt år")
    may_define = may_define_city(request.user)
    row = models.CityRiskMatrix.objects.filter(year=year).first()
    matrix = service.city_matrix(year)
    area_form = forms.CityAreaForm()
    if request.method == "POST":
        if not may_define:
            raise PermissionDenied("Bara stadens administratörer ändrar stadens riskmatris och riskområden.")
        what = request.POST.get("what")
        try:
            if what == "matris":
                service.set_city_matrix(request.user, year, _posted_matrix(request.POST, matrix),
                                        int(request.POST.get("version") or 0))
                messages.success(request, f"Stadens riskmatris för {year} är sparad. Riskanalyser som redan "
                                          "påbörjats behåller sin matris.")
            elif what == "omrade":
                area_form = forms.CityAreaForm(request.POST)
                if area_form.is_valid():
                    d = area_form.cleaned_data
                    service.add_city_area(request.user, year, d["area"], d["description"], d["category"])
                    messages.success(request, "Det stadsgemensamma området är sparat.")
                else:
                    messages.error(request, "Ange område och risk.")
            elif what == "publicera":
                added = service.publish_city_areas(request.user, year)
                messages.success(request, f"{sum(added.values())} risker lades till i {len(added)} nämnders "
                                          f"riskanalyser för {year}.")
            else:
                raise Http404("Okänd åtgärd")
        except (ic.MatrixError, service.InputError) as error:
            messages.error(request, str(error))
        except EditConflict:
            messages.error(request, "Någon annan har ändrat matrisen under tiden: ladda om sidan och ändra igen.")
        return redirect("ic_city_settings", year=year)
    return render(request, "ils/internal_control/city_settings.html", {
        "year": year, "matrix": matrix, "version": row.version if row else 0, "may_define": may_define,
        "areas": models.CityRiskArea.objects.filter(year=year), "area_form": area_form,
        "grid": [(p, [(c, matrix.grid[p - 1][c - 1]) for c in range(1, len(matrix.consequence) + 1)])
                 for p in range(len(matrix.probability), 0, -1)]})


def _posted_matrix(data, current: ic.RiskMatrix) -> ic.RiskMatrix:
    """The matrix as posted by the settings form; same numbers of levels as ``current``."""
    def scale(prefix, levels):
        return [{"name": data.get(f"{prefix}{i}-namn", ""), "text": data.get(f"{prefix}{i}-text", ""),
                 "upto": str(ic.parse_score(data.get(f"{prefix}{i}-grans", ""), "gräns"))}
                for i in range(1, len(levels) + 1)]
    definition = {
        "minimum": str(current.minimum), "probability": scale("s", current.probability),
        "consequence": scale("k", current.consequence),
        "levels": [{"name": data.get(f"niva{i}-namn", ""), "colour": data.get(f"niva{i}-farg", ""),
                    "needs_treatment": data.get(f"niva{i}-hantering") == "ja"}
                   for i in range(1, len(current.levels) + 1)],
        "grid": [[data.get(f"cell-{p}-{c}", "") for c in range(1, len(current.consequence) + 1)]
                 for p in range(1, len(current.probability) + 1)]}
    return ic.RiskMatrix.from_json(definition)
