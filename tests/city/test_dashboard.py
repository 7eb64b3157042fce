"""Dashboards through the test client: four charts, server-rendered SVG with text alternatives."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.postgres


def test_the_dashboard_renders_four_charts_with_text_alternatives(admin):
    page = admin.get("/stad/diagram/?ar=2024&period=T1").text
    charts = re.findall(r'<svg [^>]*role="img" aria-label="([^"]+)"><title>', page)
    assert len(charts) == 4, charts
    assert charts[0].startswith("Linjediagram") and charts[3].startswith("Stapeldiagram: avvikelse")
    assert page.count('type="application/json"') >= 5  # each spec plus the Swedish number format
    assert "22,0" in page or "22.0" in page  # Södermalm's deviation, in the chart's table


def test_the_dashboard_follows_filters_and_permissions(admin, social_writer):
    page = admin.get("/stad/diagram/?ar=2024&period=T1&namnd=socialnamnden&mal=1.1").text
    assert "Södermalms stadsdelsnämnd</th>" not in page.split("Linjediagram")[1]
    own = social_writer.get("/stad/diagram/?ar=2024&period=T1").text
    assert "Södermalms stadsdelsnämnd</th>" not in own
