from decimal import Decimal

import pytest

from ils.domain.targets import Direction, IndicatorStatus, TargetKind, evaluate, infer_direction, parse_target
from ils.domain.values import parse_quantity


@pytest.mark.parametrize("cell, kind, value", [
    ("60 %", TargetKind.NUMBER, Decimal(60)), ("Ökning", TargetKind.INCREASE, None),
    ("öka", TargetKind.INCREASE, None), ("Minskning", TargetKind.DECREASE, None),
    ("Max 10 personer", TargetKind.MAX, Decimal(10)), ("+/- 1 %", TargetKind.TOLERANCE, Decimal(1)),
    ("+/-1 %", TargetKind.TOLERANCE, Decimal(1)), ("Tas fram av nämnd", TargetKind.SET_BY_COMMITTEE, None),
    ("Tas fram av nämnd/s tyrelse", TargetKind.SET_BY_COMMITTEE, None),
    ("Faststäl ls 2024", TargetKind.TO_BE_SET, None), ("Fastställt 2024", TargetKind.TO_BE_SET, None),
    ("", TargetKind.EMPTY, None), ("Enligt plan", TargetKind.TEXT, None),
])
def test_parse_target(cell, kind, value):
    target = parse_target(cell)
    assert target.kind is kind and target.value == value


def test_to_be_set_keeps_the_year():
    assert parse_target("Faststäl ls 2024").year == 2024


def test_word_targets_keep_their_text():
    assert parse_target("Tas  fram av nämnd").json_value() == "Tas fram av nämnd"
    assert parse_target("56").json_value() == Decimal(56)
    assert parse_target("").json_value() is None


@pytest.mark.parametrize("name, target, direction", [
    ("Sjukfrånvaro", "6 %", Direction.LOWER_IS_BETTER),
    ("Andel nöjda brukare", "80 %", Direction.HIGHER_IS_BETTER),
    ("Antal personal en hemtjänsttagare möter", "Max 10 personer", Direction.LOWER_IS_BETTER),
    ("Nämndens prognossäkerhet T2", "+/- 1 %", Direction.WITHIN_RANGE),
    ("Aktivt Medskapandeinde x", "83", Direction.HIGHER_IS_BETTER),
])
def test_infer_direction(name, target, direction):
    assert infer_direction(name, parse_target(target)) is direction


@pytest.mark.parametrize("value, target, direction, status", [
    ("85 %", "80 %", Direction.HIGHER_IS_BETTER, IndicatorStatus.MET),
    ("81", "83", Direction.HIGHER_IS_BETTER, IndicatorStatus.PARTLY_MET),
    ("50 %", "80 %", Direction.HIGHER_IS_BETTER, IndicatorStatus.NOT_MET),
    ("0,6 %", "0,6 %", Direction.LOWER_IS_BETTER, IndicatorStatus.MET),
    ("6,5 %", "6 %", Direction.LOWER_IS_BETTER, IndicatorStatus.PARTLY_MET),
    ("11,56", "Max 10 personer", Direction.UNKNOWN, IndicatorStatus.NOT_MET),
    ("-0,8 %", "+/- 1 %", Direction.WITHIN_RANGE, IndicatorStatus.MET),
    ("1,5 %", "+/- 1 %", Direction.WITHIN_RANGE, IndicatorStatus.PARTLY_MET),
    ("85 %", "Ökning", Direction.HIGHER_IS_BETTER, IndicatorStatus.NOT_MEASURABLE),
])
def test_evaluate(value, target, direction, status):
    assert evaluate(parse_quantity(value), parse_target(target), direction) is status


def test_no_value_is_not_measurable():
    assert evaluate(None, parse_target("5"), Direction.HIGHER_IS_BETTER) is IndicatorStatus.NOT_MEASURABLE
