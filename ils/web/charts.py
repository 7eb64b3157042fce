"""An indicator's history as a Vega-Lite chart: rendered to SVG on the server (readable without
JavaScript, and by screen readers through the table beside it), made interactive in the browser by
vega-embed with the same spec."""
from __future__ import annotations

import altair as alt

SERIES = ["Utfall", "Utfall kvinnor/flickor", "Utfall män/pojkar", "Prognos helår", "Årsmål"]
COLOURS = ["#005595", "#a6206a", "#2e7d32", "#8a6d00", "#4d4d4d"]


def history_spec(points: list[dict], unit: str = "") -> dict:
    """points: {"period": "T1 2024", "serie": one of SERIES, "value": float}, in time order."""
    order = list(dict.fromkeys(p["period"] for p in points))
    title = f"Värde ({unit})" if unit else "Värde"
    base = alt.Chart(alt.Data(values=points)).encode(
        x=alt.X("period:O", sort=order, title="Period", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", title=title, axis=alt.Axis(format=",.4~f")),
        color=alt.Color("serie:N", title=None, scale=alt.Scale(domain=SERIES, range=COLOURS),
                        legend=alt.Legend(orient="bottom")),
        strokeDash=alt.condition(alt.datum.serie == "Årsmål", alt.value([6, 4]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("period:O", title="Period"), alt.Tooltip("serie:N", title="Serie"),
                 alt.Tooltip("value:Q", title="Värde", format=",.4~f")],
    )
    highlight = alt.selection_point(fields=["serie"], bind="legend")
    chart = base.mark_line(point=alt.OverlayMarkDef(size=60)).add_params(highlight).encode(
        opacity=alt.condition(highlight, alt.value(1), alt.value(0.2)))
    return chart.properties(width=640, height=280).to_dict()
