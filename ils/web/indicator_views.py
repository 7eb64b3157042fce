"""An indicator's page: its values in every period and year of the committee, as a table and a chart.

Only values from reports this person may read are shown (drafts of other committees never leak)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from ils.domain.model import Period
from ils.persistence import models
from ils.persistence.access import readable_reports
from ils.persistence.store import indicator_from_row
from ils.renderers import formatting as fmt

from ils.renderers.vega_svg import SWEDISH_FORMAT, decorative_svg

from .charts import history_spec

PERIOD_INDEX = {p.value: n for n, p in enumerate(Period)}
STATUS_KEYS = {"met": "helt", "partly": "delvis", "not_met": "inte", "not_measurable": "ej"}
STATUS_LABELS = {"met": "Uppnås helt", "partly": "Uppnås delvis", "not_met": "Uppnås inte",
                 "not_measurable": "Kan inte bedömas"}


@login_required
def indicator(request, pk):
    readable = readable_reports(request.user)
    row = get_object_or_404(models.IndicatorValue.objects.select_related("report__committee", "definition", "goal")
                            .filter(report__in=readable), pk=pk)
    values = sorted(models.IndicatorValue.objects.filter(
        definition=row.definition, report__committee=row.report.committee, report__in=readable)
        .select_related("report", "goal"), key=lambda v: (v.report.year, PERIOD_INDEX[v.report.period], v.order))
    history, points = [], []
    for value in values:
        result = indicator_from_row(value)
        label = f"{value.report.period} {value.report.year}"
        status = "" if value.report.period == Period.VP else result.status.value
        history.append({"row": value, "label": label, "status_key": STATUS_KEYS.get(status, ""),
                        "status_label": STATUS_LABELS.get(status, ""), "symbol": fmt.status_symbol(result.status)
                        if status else ""})
        for serie, field in (("Utfall", "outcome"), ("Utfall män/pojkar", "outcome_men"),
                             ("Utfall kvinnor/flickor", "outcome_women"), ("Prognos helår", "forecast"),
                             ("Årsmål", "target_value")):
            number = getattr(value, field)
            if number is not None:
                points.append({"period": label, "serie": serie, "value": float(number)})
    spec = history_spec(points, row.definition.unit) if points else None
    return render(request, "ils/indicator.html", {
        "row": row, "report": row.report, "history": history, "spec": spec,
        "format_locale": SWEDISH_FORMAT, "svg": decorative_svg(spec) if spec else "",
        "direction": {"higher": "Högre är bättre", "lower": "Lägre är bättre", "range": "Inom intervall"}.get(
            row.definition.direction, "Riktning okänd")})
