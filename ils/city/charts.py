"""Dashboard charts: one Vega-Lite spec per chart (Altair), rendered to SVG on the server by
vl-convert (readable without JavaScript, printed as is) and made interactive in the browser by
vega-embed from the vendored files, with the same spec. Each SVG gets a <title> and an aria-label
saying what it shows; the data are also in a table beside it."""
from __future__ import annotations

import altair as alt

WOMEN, MEN, ACCENT, NEGATIVE = "#a6206a", "#2e7d32", "#005595", "#b00020"


def _axis(title: str) -> alt.Axis:
    return alt.Axis(title=title, format=",.4~f")


def trend_spec(points: list[dict], unit: str) -> dict:
    """points: {"year": 2024, "serie": "Staden (median)" or a committee, "value": float}."""
    chart = alt.Chart(alt.Data(values=points)).mark_line(point=True).encode(
        x=alt.X("year:O", title="År", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", axis=_axis(f"Utfall ({unit})" if unit else "Utfall"), scale=alt.Scale(zero=False)),
        color=alt.Color("serie:N", title=None, legend=alt.Legend(orient="bottom", columns=2)),
        tooltip=[alt.Tooltip("year:O", title="År"), alt.Tooltip("serie:N", title="Serie"),
                 alt.Tooltip("value:Q", title="Utfall", format=",.4~f")])
    return chart.properties(width=640, height=260).to_dict()


def committees_spec(rows: list[dict], unit: str, target: float | None) -> dict:
    """rows: {"committee": name, "value": float}; a dashed rule at KF's target."""
    base = alt.Chart(alt.Data(values=rows)).mark_bar(color=ACCENT).encode(
        y=alt.Y("committee:N", sort="-x", title=None),
        x=alt.X("value:Q", axis=_axis(f"Utfall ({unit})" if unit else "Utfall")),
        tooltip=[alt.Tooltip("committee:N", title="Nämnd"), alt.Tooltip("value:Q", title="Utfall", format=",.4~f")])
    layers = [base]
    if target is not None:
        layers.append(alt.Chart(alt.Data(values=[{"target": target}])).mark_rule(
            color="#4d4d4d", strokeDash=[6, 4]).encode(x="target:Q"))
    return alt.layer(*layers).properties(width=560, height=max(120, 18 * len(rows))).to_dict()


def gender_spec(rows: list[dict], unit: str) -> dict:
    """rows: {"committee": name, "women": float, "men": float}: a dumbbell per committee."""
    long = [{"committee": r["committee"], "serie": s, "value": r[k]} for r in rows
            for s, k in (("Män/pojkar", "men"), ("Kvinnor/flickor", "women"))]
    y = alt.Y("committee:N", title=None, sort=[r["committee"] for r in rows])
    rule = alt.Chart(alt.Data(values=rows)).mark_rule(color="#999").encode(y=y, x="women:Q", x2="men:Q")
    dots = alt.Chart(alt.Data(values=long)).mark_circle(size=90, opacity=1).encode(
        y=y, x=alt.X("value:Q", axis=_axis(f"Utfall ({unit})" if unit else "Utfall"), scale=alt.Scale(zero=False)),
        color=alt.Color("serie:N", title=None, scale=alt.Scale(domain=["Män/pojkar", "Kvinnor/flickor"],
                                                                range=[MEN, WOMEN]),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("serie:N", legend=None),
        tooltip=[alt.Tooltip("committee:N", title="Nämnd"), alt.Tooltip("serie:N", title="Kön"),
                 alt.Tooltip("value:Q", title="Utfall", format=",.4~f")])
    return alt.layer(rule, dots).properties(width=560, height=max(120, 18 * len(rows))).to_dict()


def deviation_spec(rows: list[dict]) -> dict:
    """rows: {"committee": name, "deviation": float (mnkr)}; overspending (negative) in red."""
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("committee:N", sort="x", title=None),
        x=alt.X("deviation:Q", axis=_axis("Avvikelse mot budget (mnkr)")),
        color=alt.condition(alt.datum.deviation < 0, alt.value(NEGATIVE), alt.value(ACCENT)),
        tooltip=[alt.Tooltip("committee:N", title="Nämnd"),
                 alt.Tooltip("deviation:Q", title="Avvikelse (mnkr)", format=",.1f")])
    return chart.properties(width=560, height=max(120, 18 * len(rows))).to_dict()
