"""Economy tables whose TABs were lost (text out of a PDF): rows rebuilt from their figures."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ils.importers import parse_text
from ils.importers.text.loose_economy import split_rows

from .reports import tertial_report

HEADER = "Mnkr\tBudget\tPrognos\tAvvikelse"
ROWS = ["Kostnader\t3 331,1\t3 376,3\t-45,2", "Intäkter\t-414,8\t-474,5\t59,7", "Netto\t2 916,3\t2 901,8\t14,5"]


def _spaced(report: str) -> str:
    """The report with its economy table as pdftotext gives it: the header a cell a line, each
    row's cells joined by spaces."""
    table = "\n".join([HEADER, *ROWS])
    assert table in report
    return report.replace(table, "\n".join([*HEADER.split("\t"), *(row.replace("\t", " ") for row in ROWS)]))


@pytest.mark.parametrize("text, rows", [
    ("Netto 2 916,3 2 901,8 14,5", [("Netto", ["2", "916,3", "2", "901,8", "14,5"])]),
    ("Ekonomiskt bistånd 119,2 113,8 varav handläggning 30,0 28,6",
     [("Ekonomiskt bistånd", ["119,2", "113,8"]), ("varav handläggning", ["30,0", "28,6"])]),
    ("Resultatöverföring från 2023 24,3", [("Resultatöverföring från 2023", ["24,3"])]),
    ("Förbrukningen blev 30,8 % av budgeten, vilket är 3,0", None),
])
def test_a_line_of_figures_is_split_into_rows_of_a_label_and_its_figures(text, rows):
    assert split_rows(text) == rows


def test_an_economy_table_without_tabs_is_read_from_its_figures():
    result = parse_text(_spaced(tertial_report()), source="kultur.txt")
    [table] = result.economy
    assert [(r.label, r.values) for r in table.rows] == [
        ("Kostnader", [Decimal("3331.1"), Decimal("3376.3"), Decimal("-45.2")]),
        ("Intäkter", [Decimal("-414.8"), Decimal("-474.5"), Decimal("59.7")]),
        ("Netto", [Decimal("2916.3"), Decimal("2901.8"), Decimal("14.5")])]
    # which header line names which column the text does not say: the columns are numbered, the
    # header stands in the stub, the unit is read from it, and a warning says so
    assert (table.title, table.columns, table.stub, table.unit) == (
        "Uppföljning av driftbudget", ["Kolumn 1", "Kolumn 2", "Kolumn 3"], "Mnkr Budget Prognos Avvikelse", "mnkr")
    [warning] = [w for w in result.warnings if "saknar tabbar" in w.message]
    assert warning.line == table.line and "Mnkr Budget Prognos Avvikelse" in warning.message


def test_a_row_that_lost_an_empty_cell_is_warned_and_a_label_alone_goes_with_its_figures():
    from ils.importers.text.parser import parse_report

    text = _spaced(tertial_report()).replace("Intäkter -414,8 -474,5 59,7", "Intäkter från\navgifter\n\n-414,8 59,7")
    account = parse_report(text.split("\n"), source="kultur.txt")
    result = account.document
    [table] = result.economy
    [income] = [r for r in table.rows if r.label.startswith("Intäkter")]
    assert income.label == "Intäkter från avgifter" and income.raw == ["-414,8", "59,7"]
    assert any(w.line == income.line and "2 celler" in w.message for w in result.warnings)
    lines = text.split("\n")
    assert account.account.uses[lines.index("-414,8 59,7") + 1] == "ekonomitabell"
    assert account.account.uses[lines.index("avgifter") + 1] == "ekonomitabell"
