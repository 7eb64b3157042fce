"""Tables as printed: cells read as the importer reads them and kept as printed, rows checked by row
and column, columns resized without dropping a printed figure; a budgetjustering's adjustment."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ils.domain import economy_printed as ep
from ils.domain.economics import EconomyRow, RowKind
from ils.domain.economy_tables import adjusted
from ils.domain.values import parse_quantity

COLUMNS = ("Budget 2024", "Prognos 2024")


@pytest.mark.parametrize("cell", ["-61,0", "29,9", "1 332,7", "+122", "38,2 %", "0%", "-1,2%", "14"])
def test_a_printed_cell_keeps_its_text_and_reads_as_the_importer_reads_it(cell):
    value, printed = ep.parse_cell(f"  {cell} ")
    assert printed == cell and value == parse_quantity(cell).value


@pytest.mark.parametrize("cell", ["29,9x", "=1+1", "abc", "12 mnkr och mer", "1" * 41])
def test_a_cell_that_is_not_a_figure_is_refused(cell):
    with pytest.raises(ep.CellError):
        ep.parse_cell(cell)


def test_an_empty_cell_is_none_and_empty():
    assert ep.parse_cell("  ") == (None, "")


def test_a_row_is_checked_by_row_and_column_and_its_kind_read_from_the_label():
    problems: list[str] = []
    total = ep.check_row("Netto", ["29,0", "29,9"], None, COLUMNS, 3, problems)
    varav = ep.check_row("varav hyror", ["1,0", ""], None, COLUMNS, 4, problems)
    group = ep.check_row("Investeringar med nycklade medel", ["", ""], None, COLUMNS, 5, problems)
    assert not problems
    assert (total.kind, total.values, total.raw) == (RowKind.TOTAL, [Decimal("29.0"), Decimal("29.9")], ["29,0", "29,9"])
    assert (varav.kind, group.kind) == (RowKind.VARAV, RowKind.GROUP)
    ep.check_row("Netto", ["29,9x", ""], "total", COLUMNS, 3, problems)
    ep.check_row("Rubrik", ["1", ""], "group", COLUMNS, 4, problems)
    ep.check_row("", ["1"], "summa", COLUMNS, 5, problems)
    ep.check_row("", ["", ""], "data", COLUMNS, 6, problems)
    assert problems == [
        "rad 3 (Netto), kolumnen 'Budget 2024': '29,9x' är inte ett tal (skriv till exempel -61,0 eller 29,9 %, "
        "eller lämna cellen tom)",
        "rad 4 (Rubrik): en rubrikrad har inga tal",
        "rad 5: 1 celler men tabellen har 2 kolumner",
        "rad 5: radtypen 'summa' finns inte (data, varav, total eller group)",
        "rad 6: raden är tom"]


def test_the_head_needs_a_column_and_keeps_each_field_within_its_limit():
    problems: list[str] = []
    head = ep.check_head(" Arbetsmarknad ", "Ekonomi", "mnkr", "Mnkr,  netto", ["Budget 2024", "Prognos 2024"], problems)
    assert not problems and head == ep.Head("Arbetsmarknad", "Ekonomi", "mnkr", "Mnkr, netto", COLUMNS)
    ep.check_head("T", "", "miljoner kronor", "", [], problems)
    ep.check_head("x" * 301, "", "", "", ["a"] * 21, problems)
    assert problems == ["Kolumner: ange minst en kolumn, eller en text om det inte finns någon tabell", "Enhet: högst 10 tecken, utan nolltecken",
                        "Kolumner: högst 20 kolumner", "Rubrik: högst 300 tecken, utan nolltecken"]


def test_resizing_pads_new_columns_and_refuses_to_drop_a_printed_figure():
    row = EconomyRow("Intäkter", [Decimal("-61.0"), None], 0, RowKind.DATA, raw=["-61,0", ""])
    problems: list[str] = []
    wider = ep.resized(row, 3, list(COLUMNS), 1, problems)
    assert (wider.values, wider.raw) == ([Decimal("-61.0"), None, None], ["-61,0", "", ""])
    assert ep.resized(row, 1, list(COLUMNS), 1, problems).raw == ["-61,0"] and not problems
    ep.resized(row, 0, list(COLUMNS), 1, problems)
    assert problems == ["rad 1 (Intäkter), kolumnen 'Budget 2024': cellen är inte tom; töm den innan kolumnen tas bort"]


def test_a_requests_adjustment_is_added_and_taken_back_keeping_the_printed_decimals():
    assert adjusted(None, Decimal("0.7")) == Decimal("0.7")
    assert str(adjusted(adjusted(Decimal("0.0"), Decimal("0.7")), Decimal("-0.7"))) == "0.0"
    assert adjusted(None, Decimal(0)) is None
