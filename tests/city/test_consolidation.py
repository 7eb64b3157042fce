"""The city's consolidation page and report, against figures computed by hand from the seed
reports stored in the test database (Södermalm and Socialnämnden, T1 2024)."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client

from ils.city.data import city_data

from .conftest import SOCIAL, SODERMALM

pytestmark = pytest.mark.postgres

ECONOMIC_AID = "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen"


def test_figures_from_the_database_match_the_hand_computed_ones(admin):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="admin")
    c = city_data(user, 2024, "T1").consolidation
    assert c.committees == [SOCIAL, SODERMALM]
    goals = {g.number: g for g in c.goals}
    # Södermalm: 3 inriktningsmål + 16 KF goals, all "helt" in T1; Socialnämnden has no 2.4.
    assert len(goals) == 19 and dict(goals["2.4"].counts) == {"helt": 1}
    assert c.assessment_counts == {"helt": 19 + 18}
    areas = {a.area: a for a in c.areas}
    # Södermalm L2255: Äldreomsorg budget 1 332,7, prognos 1 318,7, avvikelse 14,0.
    assert (areas["Äldreomsorg"].budget, areas["Äldreomsorg"].forecast, areas["Äldreomsorg"].deviation) == (
        Decimal("1332.7"), Decimal("1318.7"), Decimal("14.0"))
    assert (c.totals.budget, c.totals.forecast, c.totals.deviation) == (
        Decimal("2888.6"), Decimal("2874.1"), Decimal("22.0"))
    assert c.committee_totals[SODERMALM].deviation == Decimal("22.0") and SOCIAL not in c.committee_totals
    aid = next(i for i in c.indicators if i.name == ECONOMIC_AID)
    # Socialnämnden L860: 0,07 % (men 0,11 %, women 0,02 %); Södermalm L1429: 0,36 % (0,61 %, 0,39 %).
    assert {k: r.outcome.value for k, r in aid.results.items()} == {SOCIAL: Decimal("0.07"), SODERMALM: Decimal("0.36")}
    assert aid.gender_gaps() == {SOCIAL: Decimal("-0.09"), SODERMALM: Decimal("-0.22")}
    assert {r.kf_target.text for r in aid.results.values()} == {"1,5 %"}


def test_the_page_shows_goals_indicators_and_economics_side_by_side(admin):
    page = admin.get("/stad/2024/T1/").text
    assert "Stadens sammanställning – Tertialrapport 1 2024" in page
    # KF goals (not inriktningsmål): 16 + 15 assessed "helt", none otherwise.
    assert '<dt>Uppfylls helt</dt><dd class="helt">31</dd>' in page
    assert '<dt>Uppfylls delvis</dt><dd class="delvis">0</dd>' in page
    assert "2.4 " in page and ECONOMIC_AID in page
    for figure in ("1 332,7", "1 318,7", "14,0", "2 888,6", "2 874,1", "22,0", "0,07 %", "0,11 %", "0,02 %",
                   "-0,09", "-0,22", "1,5 %"):
        assert figure in page, figure


def test_the_page_follows_permissions_and_filters(admin, social_writer):
    own = social_writer.get("/stad/2024/T1/").text
    assert SOCIAL in own and "1 332,7" not in own and "0,36 %" not in own  # Södermalm's draft stays hidden
    assert '<dd class="helt">15</dd>' in own
    only_social = admin.get("/stad/2024/T1/?namnd=socialnamnden").text
    assert "1 332,7" not in only_social and '<dd class="helt">15</dd>' in only_social
    goal_two = admin.get("/stad/2024/T1/?mal=2").text
    assert '<dd class="helt">7</dd>' in goal_two  # 2.1-2.4 Södermalm, 2.1-2.3 Socialnämnden
    matrix = goal_two.split('class="matrix"')[1].split("</table>")[0]
    assert "<th scope=\"row\">2.4 " in matrix and "<th scope=\"row\">3.7 " not in matrix
    assert Client().get("/stad/2024/T1/").status_code == 302
    assert admin.get("/stad/2024/T7/").status_code == 404
    assert admin.get("/stad/").status_code == 302


def test_the_city_report_in_html_xlsx_and_pdf(admin):
    import openpyxl

    html = admin.get("/stad/2024/T1/rapport.html")
    assert html.status_code == 200 and "Stadens sammanställning – Tertialrapport 1 2024" in html.text
    assert "2 888,6" in html.text and ECONOMIC_AID in html.text
    xlsx = admin.get("/stad/2024/T1/rapport.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    goals = list(book["KF-mål"].iter_rows(min_row=4, values_only=True))
    assert ("2.4", 1, 0, 0, 0) == goals[[g[0] for g in goals].index("2.4")][:1] + goals[[g[0] for g in goals].index("2.4")][2:6]
    economy = {row[0]: row[1:4] for row in book["Ekonomi"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert economy["Totalt"] == (2888.6, 2874.1, 22.0) and economy["Äldreomsorg"] == (1332.7, 1318.7, 14.0)
    indicators = [r for r in book["KF-indikatorer"].iter_rows(min_row=2, values_only=True) if r[0] == ECONOMIC_AID]
    # Men before women, as in the committees' reports; the gap stays women minus men.
    assert {(r[3], r[5], r[6], r[7], r[8]) for r in indicators} == {
        (SOCIAL, "0,07 %", "0,11 %", "0,02 %", "-0,09"), (SODERMALM, "0,36 %", "0,61 %", "0,39 %", "-0,22")}
    assert admin.get("/stad/2019/T1/rapport.xlsx").status_code == 404
    assert admin.get("/stad/2024/T1/rapport.doc").status_code == 404


def test_the_city_report_prints_as_tagged_landscape_pdf(admin):
    import pdfplumber
    import pikepdf

    response = admin.get("/stad/2024/T1/rapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert str(pdf.Root.Lang) == "sv" and pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo.Title) == "Stadens sammanställning – Tertialrapport 1 2024"
        box = pdf.pages[0].mediabox
        assert box[2] > box[3]  # landscape: the indicator tables are wide
        scopes, stack = set(), [pdf.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            kids = element.get("/K")
            kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if kid.S == "/TH":
                        attributes = kid.get("/A")
                        for a in list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]:
                            if isinstance(a, pikepdf.Dictionary) and "/Scope" in a:
                                scopes.add(str(a.Scope))
                    stack.append(kid)
        assert scopes == {"/Column", "/Row"}
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Måluppfyllelse för KF:s mål" in text and ECONOMIC_AID in text
    assert "Totalt 2 888,6 2 874,1 22,0" in text and "Äldreomsorg 1 332,7 1 318,7 14,0" in text
    assert f"{SODERMALM} 0,36 %" in text
