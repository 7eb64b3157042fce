"""The HTML report of each seed: structure of the real reports, document-type columns, values,
and a basic accessibility check."""
from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from ils.domain.assessment import Assessment
from ils.domain.model import Attestation, Goal, GoalLevel
from ils.renderers.formatting import goal_heading
from ils.renderers.html_report import render_html

from .helpers import SOCIAL, T1, VB, VP, parsed, seed_params, small_document, squash


def html_of(name: str):
    return lxml.html.fromstring(render_html(parsed(name)))


def text(element) -> str:
    return squash(element.text_content())


def accessibility_problems(root) -> list[str]:
    """What a screen-reader user would trip over; [] when the page passes."""
    problems = []
    if root.get("lang") != "sv":
        problems.append("html saknar lang=sv")
    if not text(root.find(".//title")):
        problems.append("tom title")
    if len(root.findall(".//h1")) != 1:
        problems.append(f"{len(root.findall('.//h1'))} h1")
    previous = 0
    for heading in root.xpath("//h1|//h2|//h3|//h4|//h5|//h6"):
        level = int(heading.tag[1])
        if level > previous + 1:
            problems.append(f"rubriknivå hoppar från h{previous} till h{level}: {text(heading)[:60]}")
        if not text(heading):
            problems.append(f"tom h{level}")
        previous = level
    for table in root.iter("table"):
        caption = table.find("caption")
        name = text(caption) if caption is not None else ""
        if not name:
            problems.append("tabell utan caption")
        header = table.xpath("./thead/tr/*")
        if not header or not table.xpath("./thead/tr/th"):
            problems.append(f"tabell utan rubrikrad: {name}")
        for th in table.iter("th"):
            if th.get("scope") not in ("col", "row"):
                problems.append(f"th utan scope i {name}: {text(th)[:40]}")
            if not text(th):
                problems.append(f"tom th i {name}")
        for row in table.xpath("./tbody/tr"):
            width = sum(int(cell.get("colspan", 1)) for cell in row)
            if width != len(header):
                problems.append(f"rad med {width} celler i {name} med {len(header)} kolumner")
            first = row[0]
            if first.tag != "th" and text(first) and row.get("class") != "analys":
                problems.append(f"rad utan radrubrik i {name}: {text(first)[:40]}")
    ids = root.xpath("//@id")
    if len(ids) != len(set(ids)):
        problems.append("id förekommer flera gånger")
    for href in root.xpath("//a/@href"):
        if href.startswith("#") and href[1:] not in ids:
            problems.append(f"länk till saknat id {href}")
    return problems


@pytest.mark.parametrize("seed", seed_params())
def test_accessible(seed):
    assert accessibility_problems(html_of(seed)) == []


@pytest.mark.parametrize("seed", seed_params())
def test_one_goal_heading_per_goal_in_order(seed):
    doc = parsed(seed)
    root = html_of(seed)
    goal_headings = [text(h) for h in root.xpath("//section[contains(@class, 'mal')]/*[1]")]
    assert goal_headings == [goal_heading(g) for g in doc.goals]
    levels = {"inriktningsmal": "h3", "kf_mal": "h4", "namndmal": "h5"}
    for goal in doc.goals:
        assert root.get_element_by_id("mal-" + goal.number.replace(".", "-")).tag == levels[goal.level.value]


@pytest.mark.parametrize("seed", seed_params(T1))
def test_tertial_report_headings_and_head(seed):
    root = html_of(seed)
    assert text(root.find(".//h1")) == "Tertialrapport Tertial 1 2024 för Södermalms stadsdelsnämnd"
    head = [[text(e) for e in group] for group in root.xpath("//header/dl/div")]
    assert head == [["Handläggare", "Josefin Lokvist", "Telefon: 0850812197"],
                    ["Till", "Södermalms stadsdelsnämnd", "23 maj 2024"]]
    h2 = [text(h) for h in root.iter("h2")]
    assert h2 == ["Förslag till beslut", "Sammanfattning", "Innehållsförteckning", "Bilagor",
                  "Sammanfattande analys", "Uppföljning av Kommunfullmäktiges inriktningsmål",
                  "Uppföljning av ekonomi", "Attesterat av"]
    headings = {text(h) for h in root.xpath("//h3|//h4|//h5")}
    assert {
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman med en stark och jämlik välfärd i hela staden",
        "KF:s mål för verksamhetsområdet: 1.1 Alla barn och ungdomar ska ges möjlighet till jämlika "
        "uppväxtvillkor och trygghet samt en rik fritid",
        "Nämndmål: 1.1.1 Alla barn och ungdomar på Södermalm ges möjlighet till jämlika uppväxtvillkor "
        "och trygghet samt en rik fritid",
        "KF:s mål för verksamhetsområdet: 3.7 Stockholm ska vara en öppen, jämställd och demokratisk stad "
        "som samarbetar internationellt",
    } <= headings
    decisions = root.xpath("//ol[@class='beslut']/li")
    assert len(decisions) == 10 and text(decisions[6]) == "Nämnden anmäler omslutningsförändringar om 61,0 mnkr."
    assert [li.get("value") for li in decisions] == [str(n) for n in range(1, 11)]
    toc = [text(a) for a in root.xpath("//nav//a")]
    goals = toc.index("Uppföljning av Kommunfullmäktiges inriktningsmål")
    # The texts' parts and sub-headings are in the contents, before the goal tree.
    assert toc[:3] == ["Sammanfattande analys", "Nämndens prioriterade arbete", "Stärka den lokala demokratin"]
    assert "Bedömning av måluppfyllelse" in toc[:goals]
    assert len([t for t in toc if t.startswith("KF:s")]) == 3 + 16  # like the real TOC: no nämndmål


INDICATOR_COLUMNS = {
    T1: ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor", "Utfall VB 2023",
         "Prognos helår", "Årsmål", "KF:s årsmål", "Period", "Bedömning"],
    SOCIAL: ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor",
             "Utfall VB 2023", "Prognos helår", "Årsmål", "KF:s årsmål", "Period", "Bedömning"],
    VB: ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor",
         "Periodens utfall VB 2021", "Årsmål", "KF:s årsmål", "Period", "Bedömning"],
    VP: ["Indikator", "Årsmål", "KF:s årsmål år 2025", "Periodicitet"],
}
ACTIVITY_COLUMNS = {
    T1: ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse", "Status"],
    SOCIAL: ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse", "Status"],
    VB: ["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse", "Status"],
    VP: ["Aktivitet", "Startdatum", "Slutdatum"],
}


@pytest.mark.parametrize("seed", seed_params())
def test_indicator_and_activity_columns_of_the_document_type(seed):
    doc = parsed(seed)
    root = html_of(seed)
    indicator_tables = root.xpath("//table[@class='indikatorer']")
    activity_tables = root.xpath("//table[@class='aktiviteter']")
    assert len(indicator_tables) == len({i.goal for i in doc.indicators})
    assert len(activity_tables) == len({a.goal for a in doc.activities})
    for table in indicator_tables:
        assert [text(th) for th in table.xpath("./thead/tr/th")] == INDICATOR_COLUMNS[seed]
    for table in activity_tables:
        assert [text(th) for th in table.xpath("./thead/tr/th")] == ACTIVITY_COLUMNS[seed]
    rows = root.xpath("//table[@class='indikatorer']/tbody/tr[not(@class='analys')]")
    assert len(rows) == len(doc.indicators)


@pytest.mark.parametrize("seed", seed_params(T1))
def test_tertial_report_values(seed):
    root = html_of(seed)
    rows = {text(tr.find("th")): [text(td) for td in tr.findall("td")]
            for tr in root.xpath("//table[@class='indikatorer']/tbody/tr[th]")}
    assert rows["Andel barn som lever i familjer som har ekonomiskt bistånd"] == [
        "0,3 %", "", "", "0,3 %", "0,6 %", "0,6 %", "2,7 %", "Tertial 1 2024", "● Uppnås helt"]
    operating = root.xpath("//table[@class='ekonomi']")[0]
    assert [text(th) for th in operating.xpath("./thead/tr/th")] == [
        "Mnkr", "Budget", "Begärda budgetjusteringar", "Prestations- och omslutningsförändringar", "Prognos",
        "Avvikelse"]
    economy = {text(tr.find("th")): [text(td) for td in tr.findall("td")] for tr in operating.xpath("./tbody/tr")}
    assert economy["Kostnader"] == ["3 331,1", "0,5", "66,7", "3 376,3", "22,0"]
    assert economy["Intäkter"][0] == "-414,8"
    resultat = root.xpath("//table[@class='ekonomi'][caption='Resultatenheter']/tbody/tr[th='Område 1']/td")
    assert [text(td) for td in resultat] == ["86 916", "-5 503", "0", "5 503"]  # tkr: no decimals
    assessments = [text(p) for p in root.xpath("//p[contains(@class, 'bedomning')]")]
    assert len(assessments) == 40 and set(assessments) == {"● Uppfylls helt"}
    attestation = root.xpath("//table[@class='attest']/tbody/tr")
    assert [text(c) for c in attestation[0]] == ["Alexandra Wynn, Stadsdelsdirektör", "2024-05-14"]


@pytest.mark.parametrize("seed", seed_params(VB))
def test_annual_report_speaks_in_the_past_tense(seed):
    doc = parsed(seed)
    root = html_of(seed)
    assessments = [text(p) for p in root.xpath("//p[contains(@class, 'bedomning')]")]
    delvis = [g for g in doc.goals if g.assessment is Assessment.DELVIS]
    assert len(delvis) == 4
    assert assessments.count("▲ Uppfylldes delvis") == len(delvis)
    assert assessments.count("● Uppfylldes helt") == sum(g.assessment is Assessment.HELT for g in doc.goals)
    for goal in delvis:
        section = root.get_element_by_id("mal-" + goal.number.replace(".", "-")).getparent()
        assert text(section.xpath("./p[contains(@class, 'bedomning')]")[0]) == "▲ Uppfylldes delvis"
    statuses = {text(td) for td in root.xpath("//table[contains(@class, 'indikatorer')]//td[contains(@class, 'status')]")}
    assert statuses <= {"● Uppnåddes helt", "▲ Uppnåddes delvis", "■ Uppnåddes inte", "○ Kan inte bedömas"}
    # Activities print their status in words, with ILS's icon beside them.
    activity = [text(td) for td in root.xpath("//table[contains(@class, 'aktiviteter')]//td[contains(@class, 'status')]")]
    for word, symbol, status in (("Genomförd", "✓", "genomford"), ("Pågår", "▶", "pagar"), ("Avvikelse", "!", "avvikelse")):
        assert activity.count(f"{symbol} {word}") == sum(a.status == status for a in doc.activities)
    assert len(activity) == sum(a.status is not None for a in doc.activities) > 0
    assert "Uppfylls" not in "".join(assessments)


@pytest.mark.parametrize("seed", seed_params(VP))
def test_plan_has_targets_but_no_assessments(seed):
    root = html_of(seed)
    assert root.xpath("//p[contains(@class, 'bedomning')]") == []
    assert root.xpath("//td[contains(@class, 'status')]") == []
    assert [text(h) for h in root.iter("h2")][:5] == ["Förslag till beslut", "Sammanfattning", "Ärendet",
                                                      "Innehållsförteckning", "Bilagor"]
    assert "Redovisning av ekonomi" in [text(h) for h in root.iter("h2")]
    assert "19 december 2024" in [text(dd) for dd in root.xpath("//header//dd")]


def test_a_goal_without_its_parent_does_not_skip_a_heading_level():
    orphan = Goal(GoalLevel.NAMNDMAL, "4.2.1", "Biblioteken är öppna för alla", line=0,
                  assessment=Assessment.INTE, description="Text.\n- ett\n- två")
    root = lxml.html.fromstring(render_html(small_document(goals=[orphan])))
    assert root.get_element_by_id("mal-4-2-1").tag == "h3"
    assert accessibility_problems(root) == []
    section = root.get_element_by_id("mal-4-2-1").getparent()
    assert text(section.xpath("./p[contains(@class, 'bedomning')]")[0]) == "■ Uppfylls inte"
    assert [text(li) for li in section.xpath(".//ul/li")] == ["ett", "två"]


def test_attestation_and_escaping():
    doc = small_document(title="Rapport <T2> & bilagor",
                    attestations=[Attestation("Kim Berg, förvaltningschef", date(2026, 9, 12), 1)])
    html = render_html(doc)
    assert "<title>Rapport &lt;T2&gt; &amp; bilagor</title>" in html
    root = lxml.html.fromstring(html)
    assert [text(c) for c in root.xpath("//table[@class='attest']/tbody/tr/*")] == [
        "Kim Berg, förvaltningschef", "2026-09-12"]
    assert accessibility_problems(root) == []
