"""Economics tables and their arithmetic.

Amounts are in mnkr with one decimal (tkr for result units). Revenues are negative, costs
positive; "varav" rows are already included in the row above them and never summed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

ROUNDING_TOLERANCE = Decimal("0.1")  # one unit of the last printed decimal (mnkr)


class RowKind(StrEnum):
    DATA = "data"
    VARAV = "varav"  # "varav ..." sub-row, included in the row above
    TOTAL = "total"  # "Totalt", "Summa", "Netto"
    GROUP = "group"  # a heading row with no numbers


@dataclass
class EconomyRow:
    label: str
    values: list[Decimal | None]
    line: int
    kind: RowKind = RowKind.DATA
    raw: list[str] = field(default_factory=list)
    text: str = ""  # the committee's comment on this row (a verksamhetsområde), made in the app


@dataclass
class EconomyTable:
    title: str
    columns: list[str]
    rows: list[EconomyRow]
    line: int
    unit: str = "mnkr"
    section: str = ""
    stub: str = ""  # the top-left header cell: "Mnkr", "Mnkr, netto", "Resultatenhetens namn"
    kind: str = ""  # a TableKind (economy_tables) for a table made in the app; imported tables have none
    text: str = ""  # the committee's text about the table

    def column(self, name_part: str) -> int | None:
        """Index of the first value column whose header contains ``name_part``."""
        needle = name_part.lower()
        for index, column in enumerate(self.columns):
            if needle in column.lower():
                return index
        return None


_TOTAL_WORDS = ("totalt", "summa", "netto", "total")


def classify_row(label: str, values: list[Decimal | None]) -> RowKind:
    lowered = label.strip().lower()
    if lowered.startswith("varav"):
        return RowKind.VARAV
    if any(lowered.startswith(word) or lowered.endswith(" " + word) for word in _TOTAL_WORDS):
        return RowKind.TOTAL
    if all(v is None for v in values):
        return RowKind.GROUP
    return RowKind.DATA


@dataclass(frozen=True)
class Mismatch:
    line: int
    message: str
    expected: Decimal
    actual: Decimal


def check_column_sums(table: EconomyTable, tolerance: Decimal = ROUNDING_TOLERANCE) -> list[Mismatch]:
    """Check that each total row equals the sum of the data rows above it (since the last total)."""
    mismatches: list[Mismatch] = []
    pending: list[EconomyRow] = []
    for row in table.rows:
        if row.kind is RowKind.DATA:
            pending.append(row)
        elif row.kind is RowKind.TOTAL and pending:
            for index, total in enumerate(row.values):
                parts = [r.values[index] for r in pending if index < len(r.values)]
                if total is None or any(p is None for p in parts) or not parts:
                    continue
                expected = sum(parts, Decimal(0))
                if abs(expected - total) > tolerance:
                    column = table.columns[index] if index < len(table.columns) else str(index)
                    mismatches.append(Mismatch(
                        row.line, f"{row.label}: kolumnen {column!r} summerar till {expected}, "
                        f"tabellen anger {total}", expected, total))
            pending = []
    return mismatches


def deviation(budget: Decimal, forecast: Decimal, adjustments: Decimal = Decimal(0)) -> Decimal:
    """Avvikelse = budget + adjustments - prognos (positive is a surplus)."""
    return budget + adjustments - forecast


def consumption(outcome: Decimal, budget: Decimal) -> Decimal | None:
    """Förbrukning = utfall / budget, as a percentage; None for a zero budget."""
    if budget == 0:
        return None
    return outcome / budget * 100
