"""Each consistency rule on a small hand-built document: it fires on the fault, not without."""
from __future__ import annotations

from decimal import Decimal as D

from ils.domain.assessment import Assessment
from ils.domain.checks import FindingKind, check_document
from ils.domain.economics import EconomyRow, EconomyTable, RowKind
from ils.domain.model import Activity, ActivityStatus, Document, DocumentType, Goal, GoalLevel, IndicatorResult, Period
from ils.domain.targets import parse_target
from ils.domain.values import parse_quantity


def _doc(**kwargs) -> Document:
    doc = Document(DocumentType.TERTIALRAPPORT, Period.T2, 2026, "Kulturnämnden", **kwargs)
    return doc


def _kinds(doc, kind):
    return [f for f in check_document(doc) if f.kind is kind]


def _indicator(goal, name, outcome, target, men="", women="", kf=True, line=10):
    return IndicatorResult(goal=goal, name=name, line=line, kf=kf, outcome=parse_quantity(outcome),
                           outcome_men=parse_quantity(men), outcome_women=parse_quantity(women),
                           target=parse_target(target))


def test_total_that_does_not_add_up():
    table = EconomyTable("Drift", ["Budget", "Prognos", "Avvikelse"], [
        EconomyRow("Intäkter", [D("-10.9"), D("-10.9"), D("0.0")], 1),
        EconomyRow("Kostnader", [D("39.9"), D("39.9"), D("0.0")], 2),
        EconomyRow("Netto", [D("29.0"), D("29.9"), D("0.0")], 3, RowKind.TOTAL),
    ], 1)
    findings = _kinds(_doc(economy=[table]), FindingKind.ECONOMY)
    assert {f.line for f in findings} == {3}
    assert any("summerar till 29,0" in f.message for f in findings)
    assert any("avvikelsen" in f.message for f in findings)


def test_rounding_within_a_tenth_is_tolerated():
    table = EconomyTable("Drift", ["Budget", "Prognos", "Avvikelse"], [
        EconomyRow("A", [D("10.1"), D("10.0"), D("0.1")], 1),
        EconomyRow("B", [D("20.1"), D("20.1"), D("0.0")], 2),
        EconomyRow("varav C", [D("5.0"), D("5.0"), D("0.0")], 3, RowKind.VARAV),
        EconomyRow("Totalt", [D("30.3"), D("30.1"), D("0.1")], 4, RowKind.TOTAL),
    ], 1)
    assert _kinds(_doc(economy=[table]), FindingKind.ECONOMY) == []


def test_investment_deviation_of_the_opposite_sign_is_a_convention_not_an_error():
    table = EconomyTable("Investeringar", ["Budget 2026", "Bokslut 2026", "Avvikelse 2026"], [
        EconomyRow("Parkinvesteringar", [D("4.1"), D("2.1"), D("-2.0")], 1)], 1)
    assert _kinds(_doc(economy=[table]), FindingKind.ECONOMY) == []


def test_consumption_ratio():
    table = EconomyTable("Tertialbokslut", ["april 2026 Budget", "april 2026 Utfall",
                                           "april 2026 Förbrukn utf/budg"], [
        EconomyRow("Avgifter", [D("-65.9"), D("-31.0"), D("47.1")], 1),
        EconomyRow("Bidrag", [D("493.0"), D("149.9"), D("40.4")], 2),
    ], 1)
    findings = _kinds(_doc(economy=[table]), FindingKind.ECONOMY)
    assert [f.line for f in findings] == [2] and "30,4" in findings[0].message


def test_helt_while_most_indicators_miss():
    goal = Goal(GoalLevel.KF_MAL, "1.5", "Äldre", 5, assessment=Assessment.HELT)
    indicators = [_indicator("1.5", f"Andel nöjda {n}", "50 %", "80 %", "49 %", "51 %") for n in "abc"]
    indicators.append(_indicator("1.5", "Andel nöjda d", "90 %", "80 %", "89 %", "91 %"))
    findings = _kinds(_doc(goals=[goal], indicators=indicators), FindingKind.ASSESSMENT)
    assert [f.message for f in findings] == [
        "Mål 1.5 bedöms 'Uppfylls helt' men 3 av 4 mätbara indikatorer når inte årsmålet"]
    goal.assessment = Assessment.DELVIS
    assert _kinds(_doc(goals=[goal], indicators=indicators), FindingKind.ASSESSMENT) == []


def test_parent_helt_with_child_delvis_in_past_tense_for_the_annual_report():
    parent = Goal(GoalLevel.KF_MAL, "1.5", "Äldre", 5, assessment=Assessment.HELT)
    child = Goal(GoalLevel.NAMNDMAL, "1.5.2", "Trygghet", 9, assessment=Assessment.DELVIS)
    doc = _doc(goals=[parent, child])
    doc.type, doc.period = DocumentType.VERKSAMHETSBERATTELSE, Period.VB
    (finding,) = _kinds(doc, FindingKind.ASSESSMENT)
    assert finding.line == 5 and "'Uppfylldes delvis'" in finding.message


def test_narrative_counts():
    goal = Goal(GoalLevel.KF_MAL, "1.2", "Skola", 5, assessment=Assessment.HELT, analysis_line=7,
                analysis="Bedömningen grundas på att fem av sex KF-indikatorer uppnås helt och att "
                         "KF-aktiviteterna kommer att genomföras.")
    indicators = [_indicator("1.2", f"Index {n}", "", "") for n in range(5)]
    activities = [Activity("1.2", "Nämnden ska", 30, kf_assignment=True)]
    findings = _kinds(_doc(goals=[goal], indicators=indicators, activities=activities),
                      FindingKind.NARRATIVE)
    messages = " | ".join(f.message for f in findings)
    assert "'fem av sex KF-indikatorer' men det finns 5" in messages
    assert "'KF-aktiviteterna' (plural) men målet har 1" in messages
    assert {f.line for f in findings} == {7}


def test_samtliga_goals_claimed_fulfilled():
    goals = [Goal(GoalLevel.INRIKTNINGSMAL, "1", "A", 1, assessment=Assessment.HELT)] + [
        Goal(GoalLevel.KF_MAL, f"1.{n}", "B", n * 10, assessment=Assessment.HELT) for n in (1, 2)]
    doc = _doc(goals=goals, summary="Samtliga två mål för verksamhetsområdet bedöms uppfyllas helt.")
    assert _kinds(doc, FindingKind.NARRATIVE) == []
    goals[2].assessment = Assessment.DELVIS
    (finding,) = _kinds(doc, FindingKind.NARRATIVE)
    assert "1.2 bedöms inte uppfyllas helt" in finding.message
    doc.summary = "Samtliga tre mål för verksamhetsområdet bedöms uppfyllas helt."
    assert "men det finns 2" in _kinds(doc, FindingKind.NARRATIVE)[0].message


def test_share_in_text_that_does_not_match_its_numbers():
    goal = Goal(GoalLevel.KF_MAL, "1.1", "Fritid", 5, analysis_line=8,
                analysis="Det har inkommit 1325 ansökningar. Totalt har 876 barn, 65 procent, fått plats.")
    (finding,) = _kinds(_doc(goals=[goal]), FindingKind.NARRATIVE)
    assert "876 av 1325 är 66.1 procent" in finding.message
    goal.analysis = goal.analysis.replace("65 procent", "66 procent")
    assert _kinds(_doc(goals=[goal]), FindingKind.NARRATIVE) == []


def test_indicator_rows():
    goal = Goal(GoalLevel.KF_MAL, "1.1", "Fritid", 5)
    indicators = [
        _indicator("1.1", "Andel personer med ekonomiskt bistånd", "1,81 %", "2 %", "1,87 %", "2,04 %", line=1),
        _indicator("1.1", "Andel legitimerade förskollärare", "38,2 %", "39 %", "2,6 %", "35,6 %", line=2),
        _indicator("1.1", "Andel barn i familjer med bistånd", "0,3 %", "0,6 %", line=3),
        _indicator("1.1", "Andel kvinnor med långvarigt bistånd", "1,5 %", "1 %", line=4),
        _indicator("1.1", "Antal barn per grupp", "15 st", "", line=5),
    ]
    findings = _kinds(_doc(goals=[goal], indicators=indicators), FindingKind.INDICATOR)
    assert [(f.line, f.message.split(")", 1)[1][:20]) for f in findings] == [
        (1, ": utfallet 1,81 % li"), (3, " gäller personer men"), (5, " saknar årsmål")]


def test_an_activity_with_an_undescribed_deviation():
    activities = [Activity("1.1", "Trygghetsvandringar i Fruängen", 12, status=ActivityStatus.AVVIKELSE),
                  Activity("1.1", "Läxhjälp", 14, status=ActivityStatus.AVVIKELSE, deviation="Försenad."),
                  Activity("1.1", "Sommarjobb", 16, status=ActivityStatus.PAGAR)]
    (finding,) = _kinds(_doc(activities=activities), FindingKind.ACTIVITY)
    assert (finding.line, finding.goal) == (12, "1.1")
    assert "Trygghetsvandringar i Fruängen" in finding.message and "inte beskriven" in finding.message


def test_the_plan_is_not_checked_against_outcomes():
    goal = Goal(GoalLevel.KF_MAL, "1.1", "Fritid", 5, assessment=Assessment.HELT)
    doc = _doc(goals=[goal], indicators=[_indicator("1.1", "Andel barn", "", "80 %")])
    doc.type, doc.period = DocumentType.VERKSAMHETSPLAN, Period.VP
    assert check_document(doc) == []
