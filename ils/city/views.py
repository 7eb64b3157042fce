"""The city's view: consolidation across committees, the city report, dashboards and open data.

Everything is computed from the reports the person may read (persistence.access): a committee's
writer sees their own drafts beside other committees' published reports, the city sees all.
Open data is the exception by design: it is public, and contains only locked (published) reports.
"""
from __future__ import annotations

import re
from statistics import median

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ils.domain.model import PERIOD_LABELS, Period
from ils.persistence import models
from ils.persistence.access import readable_reports

from ils.renderers.vega_svg import SWEDISH_FORMAT, labelled_svg

from . import charts, exports
from .data import PERIODS, available_periods, city_data
from .figures import city_view
from .html import indicator_blocks

GOAL_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _filters(request) -> tuple[list[str], str | None]:
    committees = [c for c in request.GET.getlist("namnd") if c]
    goal = request.GET.get("mal", "").strip() or None
    if goal and not GOAL_NUMBER.match(goal):
        goal = None
    return committees, goal


def _period(period: str) -> str:
    if period not in PERIODS:
        raise Http404("Okänd period")
    return period


@login_required
def latest(request):
    pairs = available_periods(request.user)
    followed = [p for p in pairs if p[1] != "VP"] or pairs
    if not followed:
        return render(request, "ils/city/overview.html", {"view": None, "pairs": []})
    year, period = followed[0]
    return redirect("city_overview", year=year, period=period)


@login_required
def overview(request, year: int, period: str):
    committees, goal = _filters(request)
    data = city_data(request.user, year, _period(period), committees)
    view = city_view(data.consolidation, data.definitions, goal) if data.consolidation else None
    all_committees = list(readable_reports(request.user).filter(year=year, period=period)
                          .values_list("committee__slug", "committee__name").order_by("committee__name"))
    kf_goals = list(models.Goal.objects.filter(report__in=readable_reports(request.user).filter(year=year, period=period))
                    .exclude(level="namndmal").values_list("number", "title").distinct())
    kf_goals = sorted(set(kf_goals), key=lambda g: [int(p) for p in g[0].split(".")])
    query = request.GET.urlencode()
    return render(request, "ils/city/overview.html", {
        "view": view, "year": year, "period": period, "period_label": PERIOD_LABELS[Period(period)],
        "pairs": [(y, p, PERIOD_LABELS[Period(p)]) for y, p in available_periods(request.user)],
        "all_committees": all_committees, "selected": set(committees), "kf_goals": kf_goals, "goal": goal,
        "query": ("?" + query) if query else "",
        "indicators_html": indicator_blocks(view, reverse("city_dashboard")) if view else "",
    })


@login_required
def city_report(request, year: int, period: str, fmt: str):
    committees, goal = _filters(request)
    data = city_data(request.user, year, _period(period), committees)
    if data.consolidation is None:
        raise Http404("Inga rapporter för perioden")
    view = city_view(data.consolidation, data.definitions, goal)
    name = f"staden-{year}-{period}"
    if fmt == "html":
        response = HttpResponse(exports.report_html(view), content_type="text/html; charset=utf-8")
        response._csp_config = settings.STANDALONE_DOCUMENT_CSP
        return response
    if fmt == "pdf":
        response = HttpResponse(exports.report_pdf(view), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(exports.report_xlsx(view),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404("Okänt format")


# --- dashboards ---------------------------------------------------------------------------------

def _number(value) -> float | None:
    return None if value is None else float(value)


@login_required
def dashboard(request):
    """Four charts with filters: an indicator's trend over the years, committees compared on it,
    women and men per committee, and forecast deviation per committee."""
    readable = readable_reports(request.user)
    pairs = available_periods(request.user)
    if not pairs:
        return render(request, "ils/city/dashboard.html", {"charts": [], "pairs": []})
    followed = [p for p in pairs if p[1] != "VP"] or pairs
    try:
        year = int(request.GET.get("ar") or followed[0][0])
    except ValueError:
        year = followed[0][0]
    period = request.GET.get("period") or followed[0][1]
    period = period if period in PERIODS else followed[0][1]
    committees, goal = _filters(request)
    in_period = readable.filter(year=year, period=period)
    definitions = list(models.IndicatorDefinition.objects.filter(
        kf=True, values__report__in=in_period.values("pk")).distinct().order_by("name").values_list("pk", "name", "unit"))
    if goal:
        allowed = set(models.IndicatorValue.objects.filter(report__in=in_period.values("pk"), kf=True)
                      .filter(goal__number__startswith=goal).values_list("definition_id", flat=True))
        definitions = [d for d in definitions if d[0] in allowed]
    try:
        chosen = int(request.GET.get("indikator") or 0)
    except ValueError:
        chosen = 0
    definition = next((d for d in definitions if d[0] == chosen), definitions[0] if definitions else None)
    charts_out = []
    if definition:
        def_id, def_name, unit = definition
        # 1. Trend over the years, through the indicator's own identity (goal structures may change).
        history = (models.IndicatorValue.objects.filter(definition_id=def_id, report__in=readable.filter(
            period=period).values("pk")).values_list("report__year", "report__committee__name", "report__committee__slug",
                                                     "outcome"))
        per_year: dict[int, list[float]] = {}
        points = []
        for y, name, slug, outcome in history:
            if outcome is None:
                continue
            per_year.setdefault(y, []).append(float(outcome))
            if slug in committees:
                points.append({"year": y, "serie": name, "value": float(outcome)})
        points += [{"year": y, "serie": "Staden (median)", "value": round(median(v), 2)} for y, v in sorted(per_year.items())]
        points.sort(key=lambda p: (p["year"], p["serie"]))
        charts_out.append(_chart(
            "trend", f"{def_name}: utfall per år", charts.trend_spec(points, unit),
            f"Linjediagram: {def_name}, utfall {period} per år, stadens median"
            + (" och valda nämnder" if committees else "") + ".",
            ["År", "Serie", "Utfall"], [(p["year"], p["serie"], p["value"]) for p in points]))
        # 2 and 3. Committees compared, and women/men, in the chosen year and period.
        values = list(models.IndicatorValue.objects.filter(definition_id=def_id, report__in=in_period.values("pk"))
                      .values_list("report__committee__name", "report__committee__slug", "outcome", "outcome_women",
                                   "outcome_men", "kf_target_value").order_by("report__committee__name"))
        if committees:
            values = [v for v in values if v[1] in committees]
        rows = [{"committee": v[0], "value": float(v[2])} for v in values if v[2] is not None]
        target = next((float(v[5]) for v in values if v[5] is not None), None)
        charts_out.append(_chart(
            "namnder", f"{def_name}: nämnderna jämförda, {period} {year}", charts.committees_spec(rows, unit, target),
            f"Stapeldiagram: {def_name} per nämnd, {period} {year}"
            + (f"; streckad linje vid KF:s mål {target:g}".replace(".", ",") if target is not None else "") + ".",
            ["Nämnd", "Utfall"], [(r["committee"], r["value"]) for r in rows]))
        gender = [{"committee": v[0], "women": float(v[3]), "men": float(v[4])} for v in values
                  if v[3] is not None and v[4] is not None]
        gender.sort(key=lambda r: r["women"] - r["men"])
        charts_out.append(_chart(
            "kon", f"{def_name}: kvinnor och män per nämnd, {period} {year}", charts.gender_spec(gender, unit),
            f"Punktdiagram: utfall för män/pojkar och kvinnor/flickor per nämnd, {def_name}, {period} {year}.",
            ["Nämnd", "Män/pojkar", "Kvinnor/flickor", "Skillnad (K − M)"],
            [(r["committee"], r["men"], r["women"], round(r["women"] - r["men"], 2)) for r in gender]))
    # 4. Forecast deviation per committee (economics), the chosen year and period.
    data = city_data(request.user, year, period, committees)
    if data.consolidation is not None:
        rows = [{"committee": name, "deviation": float(t.deviation)}
                for name, t in data.consolidation.committee_totals.items()]
        charts_out.append(_chart(
            "avvikelse", f"Prognosavvikelse per nämnd, {period} {year}", charts.deviation_spec(rows),
            f"Stapeldiagram: avvikelse mot budget i mnkr per nämnd, {period} {year}; underskott i rött.",
            ["Nämnd", "Avvikelse (mnkr)"], [(r["committee"], r["deviation"]) for r in rows]))
    kf_goals = sorted(set(models.Goal.objects.filter(report__in=in_period.values("pk")).exclude(level="namndmal")
                          .values_list("number", "title")), key=lambda g: [int(p) for p in g[0].split(".")])
    return render(request, "ils/city/dashboard.html", {
        "charts": charts_out, "format_locale": SWEDISH_FORMAT, "year": year, "period": period,
        "years": sorted({p[0] for p in pairs}, reverse=True), "periods": [(p.value, p.label) for p in Period],
        "definitions": definitions, "definition": definition, "kf_goals": kf_goals, "goal": goal,
        "all_committees": list(in_period.values_list("committee__slug", "committee__name").order_by("committee__name")),
        "selected": set(committees), "pairs": pairs,
    })


def _chart(key, title, spec, description, columns, rows):
    return {"key": key, "title": title, "spec": spec, "svg": labelled_svg(spec, description),
            "description": description, "columns": columns, "rows": rows}


# --- open data ----------------------------------------------------------------------------------

def opendata(request):
    return render(request, "ils/city/opendata.html", {
        "years": sorted(set(models.Report.objects.filter(status="last").values_list("year", flat=True)), reverse=True),
        "csv": reverse("opendata_file", args=["csv"]), "json": reverse("opendata_file", args=["json"])})


def opendata_file(request, fmt: str):
    from . import opendata as od

    try:
        year = int(request.GET["ar"]) if request.GET.get("ar") else None
    except ValueError:
        raise Http404("Okänt år") from None
    committee = request.GET.get("namnd") or None
    if fmt == "csv":
        return od.csv_response(year, committee)
    if fmt == "json":
        return od.json_response(year, committee)
    raise Http404("Okänt format")
