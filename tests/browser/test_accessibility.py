"""WCAG 2.1 A and AA, as axe-core checks them, on every kind of page, each in the state a user sees it.

axe finds what can be found automatically (contrast, names, labels, landmarks, heading order, table
headers, language); keyboard use is exercised by the workflow test, which works through the pages
by their roles and labels only."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from ils.persistence import models

from .test_committee_workflow import login

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}


def _violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results.response["violations"]]


def _pages(site) -> list[tuple[str, str]]:
    report = models.Report.objects.get(committee__name="Södermalms stadsdelsnämnd")
    goal = report.goals.get(number="1.1.1")
    indicator = report.indicators.filter(goal=goal).first()
    activity = report.activities.first()
    return [
        ("start", f"{site}/"),
        ("committee", f"{site}/namnd/{report.committee.slug}/"),
        ("report", f"{site}/rapport/{report.pk}/"),
        ("checks", f"{site}/rapport/{report.pk}/kontroll/"),
        ("head, decisions and bilagor", f"{site}/rapport/{report.pk}/delar/"),
        ("edit indicator", f"{site}/redigera/indikator/{indicator.pk}/"),
        ("edit goal", f"{site}/redigera/mal/{goal.pk}/"),
        ("edit activity", f"{site}/redigera/aktivitet/{activity.pk}/"),
        ("history", f"{site}/historik/indikator/{indicator.pk}/"),
        ("indicator", f"{site}/indikator/{indicator.pk}/"),
        ("search", f"{site}/sok/?q=barn"),
        ("city", f"{site}/stad/2024/T1/"),
        ("dashboard", f"{site}/stad/diagram/"),
        ("KF definitions", f"{site}/kf/2024/"),
        ("open data", f"{site}/oppna-data/"),
        ("outcome import", f"{site}/importera/utfall/"),
        ("texts", f"{site}/rapport/{report.pk}/texter/"),
        ("edit text", f"{site}/textdel/{report.text_parts.get(key='prioriterat-arbete').pk}/"),
        ("what is left", f"{site}/rapport/{report.pk}/kvar/"),
        ("report template", f"{site}/mall/2024/T2/"),
    ]


def test_the_login_page_meets_wcag_21_aa(page, site):
    page.goto(f"{site}/logga-in/")
    assert _violations(page) == []


def test_every_page_meets_wcag_21_aa(page, site):
    login(page, site, "admin")
    found = {}
    for name, url in _pages(site):
        response = page.goto(url)
        assert response.status == 200, (name, url, response.status)
        page.wait_for_load_state("networkidle")
        if problems := _violations(page):
            found[name] = problems
    # The import's preview, with a changed value and a row in error.
    indicator = models.Report.objects.get(committee__name="Södermalms stadsdelsnämnd").indicators.first()
    page.goto(f"{site}/importera/utfall/")
    page.get_by_label("Fil (CSV eller XLSX, högst 5 MB)").set_input_files(files=[{
        "name": "utfall.csv", "mimeType": "text/csv", "buffer": f"id;utfall\n{indicator.pk};12\n0;x\n".encode()}])
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_role("table", name="Fel per rad").wait_for()
    if problems := _violations(page):
        found["outcome import preview"] = problems
    assert found == {}
