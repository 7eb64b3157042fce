from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from ils.domain.values import format_number, parse_number, parse_quantity


@pytest.mark.parametrize("cell, value, unit", [
    ("3 331,1", "3331.1", ""), ("-414,8", "-414.8", ""), ("+122", "122", ""),
    ("0,07 %", "0.07", "%"), ("1 123 st", "1123", "st"), ("15,5 barn/avd.", "15.5", "barn/avd."),
    ("1,70 kg CO2 per kg livsmedel", "1.70", "kg CO2 per kg livsmedel"), ("86\u00a0916", "86916", ""),
    ("\u22125,0", "-5.0", ""), ("1735 GWh", "1735", "GWh"), ("-1,2%", "-1.2", "%"),
])
def test_parse_quantity(cell, value, unit):
    quantity = parse_quantity(cell)
    assert quantity.value == Decimal(value) and quantity.unit == unit and quantity.text == cell


@pytest.mark.parametrize("cell", ["", "  ", "Ökning", "Tas fram av nämnd", "%", "2024-01-01", "1.5"])
def test_not_a_quantity(cell):
    assert parse_quantity(cell) is None


def test_parse_number_refuses_units():
    assert parse_number("12,5") == Decimal("12.5")
    assert parse_number("12,5 %") is None


@pytest.mark.parametrize("value, decimals, text", [
    (Decimal("3331.1"), 1, "3 331,1"), (Decimal("-414.8"), 1, "-414,8"), (868046, None, "868 046"),
    (Decimal("0.5"), 1, "0,5"), (Decimal("22"), 1, "22,0"), (None, 1, ""),
])
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_format_then_parse_round_trips(value):
    assert parse_number(format_number(value, 2)) == value.quantize(Decimal("0.01"))
