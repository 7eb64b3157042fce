"""Swedish wording and numbers shared by the renderers."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ils.domain.assessment import Assessment
from ils.domain.economics import EconomyRow, EconomyTable
from ils.domain.model import DocumentType, Period
from ils.domain.targets import IndicatorStatus
from ils.renderers.formatting import (
    assessment_label, economy_cell, indicator_columns, status_label, swedish_date,
)

from .helpers import small_document


def test_swedish_date():
    assert swedish_date(date(2024, 5, 23)) == "23 maj 2024"
    assert swedish_date(date(2023, 12, 1)) == "1 december 2023"


def test_tense_follows_the_document_type():
    tertial = small_document()
    annual = small_document(type=DocumentType.VERKSAMHETSBERATTELSE, period=Period.VB)
    assert assessment_label(Assessment.DELVIS, tertial) == "Uppfylls delvis"
    assert assessment_label(Assessment.DELVIS, annual) == "Uppfylldes delvis"
    assert status_label(IndicatorStatus.NOT_MET, tertial) == "Uppnås inte"
    assert status_label(IndicatorStatus.MET, annual) == "Uppnåddes helt"
    assert status_label(IndicatorStatus.NOT_MEASURABLE, annual) == "Kan inte bedömas"


def test_indicator_columns_by_document_type():
    plan = small_document(type=DocumentType.VERKSAMHETSPLAN, period=Period.VP)
    assert indicator_columns(plan) == ["Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"]
    assert "Utfall VB 2025" in indicator_columns(small_document())


def test_economy_cells_take_the_decimals_of_the_unit_and_never_round_away_written_ones():
    row = EconomyRow("Kostnader", [Decimal("3331.1"), Decimal("-414.83"), Decimal("47"), None], 1,
                     raw=["3 331,1", "-414,83", "47%", ""])
    mnkr = EconomyTable("Drift", ["a", "b", "c", "d"], [row], 1, unit="mnkr")
    assert [economy_cell(mnkr, row, i) for i in range(5)] == ["3 331,1", "-414,83", "47,0 %", "", ""]
    tkr = EconomyTable("Resultatenheter", ["a", "b", "c", "d"], [row], 1, unit="tkr")
    assert [economy_cell(tkr, row, i) for i in range(3)] == ["3 331,1", "-414,83", "47 %"]
    volumes = EconomyTable("Antal barn", ["a"], [EconomyRow("1-3 år", [Decimal("1138")], 1)], 1, unit="")
    assert economy_cell(volumes, volumes.rows[0], 0) == "1 138"
