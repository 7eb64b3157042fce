"""The risk matrix at its cell borders, risks' values and levels, the checks and the carry-over."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from ils.domain.checks import FindingKind, check_internal_control
from ils.domain.internal_control import (
    Analysis, Control, FollowUp, Frequency, MatrixError, Method, RiskMatrix, ScaleLevel, Treatment, carry_over,
    cell_counts, default_matrix, level_counts, new_risk, open_risks, parse_score,
)

M = default_matrix()


@pytest.mark.parametrize(("score", "cell"), [
    ("0.0001", 1), ("1", 1), ("1.0000001", 2), ("2", 2), ("2,0", 2), ("3", 3), ("3,2", 4), ("3.9999", 4), ("4", 4),
])
def test_a_score_lands_in_the_first_cell_whose_inclusive_bound_it_does_not_exceed(score, cell):
    assert M.probability_cell(parse_score(score, "sannolikhet")) == cell
    assert M.consequence_cell(parse_score(score, "konsekvens")) == cell


def test_decimal_bounds_are_compared_exactly_where_floats_would_drift():
    # 0,1 + 0,2 as a float is 0,30000000000000004 and would land above a bound of 0,3.
    scale = tuple(ScaleLevel(f"N{i}", "", D(b)) for i, b in enumerate(("0.1", "0.3", "0.6"), 1))
    matrix = RiskMatrix(scale, scale, M.levels[:1], ((0, 0, 0),) * 3)
    assert matrix.probability_cell(D("0.1") + D("0.2")) == 2
    assert matrix.probability_cell(D("0.30000000000000004")) == 3


@pytest.mark.parametrize("score", ["0", "-1", "4,0001", "5"])
def test_scores_outside_the_scale_are_refused_with_the_bounds(score):
    with pytest.raises(MatrixError, match="över 0 och högst 4"):
        M.probability_cell(parse_score(score, "sannolikhet"))


@pytest.mark.parametrize("text", ["tre", "NaN", "Infinity", "1e999999", ""])
def test_scores_that_are_not_numbers_name_the_field(text):
    with pytest.raises(MatrixError, match="Sannolikhet"):
        M.probability_cell(parse_score(text, "sannolikhet"))


def test_value_is_probability_times_consequence_and_level_comes_from_the_cell():
    risk = new_risk(M, 1, "Ekonomi", "Felaktiga utbetalningar", "3", "2")
    assert (risk.value, M.levels[risk.level].name) == (D(6), "Hög")
    low = new_risk(M, 2, "IT", "Driftstopp", "1", "2")
    assert (low.value, M.levels[low.level].name) == (D(2), "Låg")
    half = new_risk(M, 3, "IT", "Driftstopp", "2,5", "2")  # cell 3 x 2 -> value 5, level from cell (3, 2)
    assert half.value == D(5) and half.level == M.grid[2][1]


def test_a_matrix_survives_json_and_refuses_bad_definitions():
    assert RiskMatrix.from_json(M.to_json()) == M
    data = M.to_json()
    data["probability"][2]["upto"] = "1"
    with pytest.raises(MatrixError, match="öka"):
        RiskMatrix.from_json(data)
    data = M.to_json()
    data["levels"][0]["colour"] = "green"
    with pytest.raises(MatrixError, match="#rrggbb"):
        RiskMatrix.from_json(data)
    data = M.to_json()
    data["grid"][0][0] = 9
    with pytest.raises(MatrixError, match="risknivåerna"):
        RiskMatrix.from_json(data)
    with pytest.raises(MatrixError, match="ofullständig"):
        RiskMatrix.from_json({"probability": []})


def test_cell_and_level_counts():
    risks = [new_risk(M, i, "A", f"R{i}", p, c) for i, (p, c) in enumerate([(4, 4), (4, 4), (1, 1), (3, 2)], 1)]
    cells = cell_counts(M, risks)
    assert cells[0][3].probability == 4 and cells[0][3].count == 2  # top row is the highest probability
    assert cells[3][0].count == 1 and cells[3][0].level.name == "Låg"
    assert sum(c.count for row in cells for c in row) == 4
    assert [(lv.name, n) for lv, n in level_counts(M, risks)] == [("Låg", 1), ("Medel", 0), ("Hög", 1),
                                                                   ("Mycket hög", 2)]


def _analysis(**changes) -> Analysis:
    risks = (new_risk(M, 1, "Ekonomi", "Felaktiga utbetalningar", 3, 3),
             new_risk(M, 2, "Välfärdsbrott", "Bidragsbrott", 3, 3, city_designated=True,
                      treatment=Treatment.ACCEPTANCE, motivation="Låg kostnad att upptäcka senare"),
             new_risk(M, 3, "IT", "Driftstopp", 1, 1, treatment=Treatment.ACTION, action="Ny reservrutin"))
    controls = (Control(10, 1, "Attest av fakturor", Method.SAMPLE, Frequency.TERTIAL, "Ekonomichef", "april",
                        ("T1", "T2", "VB")),)
    return replace(Analysis("Nämnden", 2024, M, risks, controls), **changes)


def _kinds(findings):
    return [f.message for f in findings if f.kind is FindingKind.INTERNAL_CONTROL]


def test_check_value_that_does_not_follow_from_the_scores():
    analysis = _analysis()
    wrong = replace(analysis.risks[0], value=D(8))
    findings = _kinds(check_internal_control(replace(analysis, risks=(wrong, *analysis.risks[1:]))))
    assert findings == ["Risken 'Felaktiga utbetalningar' har riskvärde 8 men sannolikhet 3 och konsekvens 3 ger 9"]
    wrong_level = replace(analysis.risks[0], level=0)
    findings = _kinds(check_internal_control(replace(analysis, risks=(wrong_level, *analysis.risks[1:]))))
    assert findings == ["Risken 'Felaktiga utbetalningar' har nivån Låg men matrisen ger Hög"]
    assert check_internal_control(analysis) == []


def test_check_high_risk_without_control_action_or_motivated_acceptance():
    analysis = _analysis(controls=())
    findings = check_internal_control(analysis)
    assert [f.line for f in findings] == [1]
    assert "varken kontrollmoment, åtgärd eller motiverad acceptans" in findings[0].message
    unmotivated = replace(analysis.risks[1], motivation="  ")
    findings = check_internal_control(replace(analysis, risks=(analysis.risks[0], unmotivated)))
    assert [f.line for f in findings] == [1, 2]


def test_check_control_never_followed_up_by_the_vb_only_once_the_vb_is_written():
    analysis = _analysis(follow_ups=(FollowUp(10, "T1", True),))
    assert check_internal_control(analysis) == []
    assert "inte uppföljt i verksamhetsberättelsen" in check_internal_control(analysis, vb_started=True)[0].message
    done = replace(analysis, follow_ups=(FollowUp(10, "VB", False),))
    assert check_internal_control(done, vb_started=True) == []


def test_check_level_fell_without_control_or_action():
    analysis = _analysis()
    fell = replace(analysis.risks[1], previous_level=3)  # accepted, no control, no action
    findings = check_internal_control(replace(analysis, risks=(analysis.risks[0], fell, analysis.risks[2])))
    assert [f.message for f in findings] == [
        "Risken 'Bidragsbrott' har sänkts från Mycket hög till Hög utan kontrollmoment eller åtgärd"]
    acted = replace(analysis.risks[2], previous_level=3)  # fell, but an action stands behind it
    assert check_internal_control(replace(analysis, risks=(analysis.risks[0], analysis.risks[1], acted))) == []


def test_carry_over_takes_controls_not_carried_out_and_open_risks():
    analysis = _analysis(follow_ups=(FollowUp(10, "VB", True),))
    assert [r.key for r in open_risks(analysis)] == [3]  # the action is unverified; the accepted risk is closed
    carried = carry_over(analysis)
    assert [r.key for r in carried.risks] == [3] and carried.controls == ()
    assert carried.risks[0].previous_level == analysis.risks[2].level

    not_done = replace(analysis, follow_ups=(FollowUp(10, "VB", False, deviations=""),))
    carried = carry_over(not_done)
    assert [c.key for c in carried.controls] == [10]
    assert [r.key for r in carried.risks] == [1, 3]

    deviation = replace(analysis, follow_ups=(FollowUp(10, "VB", True, deviations="Två fakturor utan attest"),))
    assert [r.key for r in carry_over(deviation).risks] == [1, 3]
    assert carry_over(deviation).controls == ()
