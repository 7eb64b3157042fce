import pytest

from ils.domain.assessment import Assessment, parse_assessment, propose_assessment
from ils.domain.targets import IndicatorStatus as S


@pytest.mark.parametrize("line, expected", [
    ("● Uppfylls helt", Assessment.HELT), (" Uppfylls delvis", Assessment.DELVIS),
    ("◆ Uppfylls delvis", Assessment.DELVIS), ("Uppfylles helt", Assessment.HELT),
    ("Uppfylldes inte", Assessment.INTE), ("Uppfylls ej", Assessment.INTE),
    ("Uppfylls helt under året enligt plan", Assessment.HELT), ("Analys", None),
    ("Delvis tillräcklig", None),
])
def test_parse_assessment(line, expected):
    assert parse_assessment(line) is expected


def test_labels_in_both_tenses():
    assert Assessment.DELVIS.label() == "Uppfylls delvis"
    assert Assessment.HELT.label(past=True) == "Uppfylldes helt"


def test_all_met_is_helt():
    assert propose_assessment([S.MET, S.MET, S.NOT_MEASURABLE]) is Assessment.HELT


def test_one_miss_is_delvis():
    assert propose_assessment([S.MET, S.PARTLY_MET]) is Assessment.DELVIS


def test_deviating_activity_is_delvis():
    assert propose_assessment([S.MET], activities_with_deviation=1) is Assessment.DELVIS


def test_majority_missed_is_inte():
    assert propose_assessment([S.NOT_MET, S.NOT_MET, S.MET]) is Assessment.INTE


def test_child_goals_count():
    assert propose_assessment([S.MET], child_assessments=[Assessment.HELT, Assessment.DELVIS]) is Assessment.DELVIS
    assert propose_assessment([], child_assessments=[Assessment.INTE, Assessment.INTE]) is Assessment.INTE


def test_no_evidence_proposes_nothing():
    assert propose_assessment([S.NOT_MEASURABLE]) is None
