"""The generated city's internal control: stored as generated, and the city's heat map counts it."""
from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from ils.domain.internal_control import default_matrix
from ils.demo.internal_control import generate_analysis
from ils.persistence import models

from .fixtures import person

pytestmark = pytest.mark.postgres


def test_generate_city_adds_an_analysis_per_committee_and_year_and_the_heat_map_counts_it():
    call_command("generate_city", committees=3, years=1, last_year=2032, periods="VP,VB", indicators=4, risks=12,
                 no_search=True)
    analyses = models.RiskAnalysis.objects.filter(year=2032)
    assert analyses.count() == 3 and all(a.report.period == "VP" for a in analyses)
    risks = models.Risk.objects.filter(analysis__year=2032)
    assert risks.count() == 36
    name = analyses.first().committee.name
    made, controls, follow_ups, _ = generate_analysis(name, 2032, default_matrix(), 12)
    stored = models.Risk.objects.filter(analysis__committee__name=name, analysis__year=2032)
    assert [(r.probability, r.consequence, r.level) for r in stored] == [
        (r.probability, r.consequence, r.level) for r in made]
    assert models.Control.objects.filter(analysis__committee__name=name).count() == len(controls)
    client = Client()
    client.force_login(person("stad", superuser=True))
    html = client.get("/stad/internkontroll/2032/").content.decode()
    assert "3 nämnders riskanalyser, 36 risker" in html
    counted = sum(int(n) for n in re.findall(r"<td>[^<:]+: (\d+) risk", html))
    assert counted == 36  # every assessed risk lands in exactly one cell
