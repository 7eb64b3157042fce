"""Consolidation of two committees' T1 2024 reports, against figures computed by hand."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ils.domain.consolidation import area_of, consolidate
from ils.domain.model import indicator_key
from ils.importers import parse_file

from .seeds import seed


@pytest.fixture(scope="module")
def city():
    return consolidate([parse_file(seed("sodermalm")), parse_file(seed("socialnamnden"))])


def test_identity(city):
    assert (city.year, city.period) == (2024, "T1")
    assert city.committees == ["Socialnämnden", "Södermalms stadsdelsnämnd"]


def test_kf_goals_side_by_side(city):
    numbers = [g.number for g in city.goals]
    # Södermalm has 3 + 16 KF goals, Socialnämnden 3 + 15 (no 2.4): the union is 3 + 16.
    assert len(numbers) == 19 and numbers[:3] == ["1", "1.1", "1.2"]
    by_number = {g.number: g for g in city.goals}
    assert dict(by_number["1.1"].counts) == {"helt": 2}
    assert dict(by_number["2.4"].counts) == {"helt": 1}
    assert list(by_number["2.4"].assessments) == ["Södermalms stadsdelsnämnd"]


def test_kf_indicator_side_by_side(city):
    comparison = next(i for i in city.indicators
                      if i.key == indicator_key("Andel barn som lever i familjer som har ekonomiskt bistånd"))
    outcomes = {c: r.outcome.value for c, r in comparison.results.items()}
    # Södermalm L267: 0,3 %; Socialnämnden L130: 0,2 %; both KF target 2,7 %.
    assert outcomes == {"Södermalms stadsdelsnämnd": Decimal("0.3"), "Socialnämnden": Decimal("0.2")}
    assert {r.kf_target.value for r in comparison.results.values()} == {Decimal("2.7")}
    assert comparison.unit == "%"


def test_area_totals(city):
    areas = {a.area: a for a in city.areas}
    # Only Södermalm reports per district activity area (its table at L2255).
    elder = areas["Äldreomsorg"]
    assert (elder.budget, elder.forecast, elder.deviation) == (
        Decimal("1332.7"), Decimal("1318.7"), Decimal("14.0"))
    assert sum(a.deviation for a in city.areas) == Decimal("22.0")  # = Totalt avvikelse 22,0
    assert sum(a.budget for a in city.areas) == Decimal("2888.6")  # 2 916,3 less Avskrivningar/Internräntor


def test_area_names_are_recognised_with_broken_words():
    assert area_of("Arbetsmarknad sätgärder") == "Arbetsmarknadsåtgärder"
    assert area_of("Nämnd och administration") == "Nämnd- och förvaltningsadministration"
    assert area_of("varav barn och ungdom") is None


def test_mixing_periods_is_refused():
    with pytest.raises(ValueError, match="olika år eller perioder"):
        consolidate([parse_file(seed("sodermalm")), parse_file(seed("hagersten"))])
