"""Economy tables as the report prints them ("tryckt" tables).

The city's reports have economy tables of their own making: column headers as the committee
wrote them, rows it chose, and totals that sometimes disagree with their rows. An imported table
is such a table, and the app makes the same kind when a report is rebuilt by hand: the columns
are free, each cell keeps its printed text ("-61,0", "29,9 %", "" for empty) next to the number
the domain reads from it, and nothing is computed – a total is stored as printed and *checked*
(`checks.economy.check_totals`), so a disagreement shows instead of being silently corrected.

In storage and in the domain such a table has no `kind` (``""``); ``PRINTED`` is the code the
API and forms use for it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .economics import EconomyRow, RowKind, classify_row
from .values import parse_entered_quantity

PRINTED = "tryckt"
MAX_COLUMNS = 20
MAX_ROWS = 500
MAX_CELL = 40  # a printed figure: "-1 332,7", "29,9 %"
MAX_HEADER = 300
MAX_LABEL = 300
MAX_TEXT = 20_000
# What a printed figure may carry after it; the amounts' own unit is the table's (mnkr, tkr).
CELL_UNITS = ("", "%", "mnkr", "tkr", "kr", "st")


class CellError(ValueError):
    """A printed cell that is not a figure."""


def parse_cell(text: str) -> tuple[Decimal | None, str]:
    """A printed cell: its number (None when empty) and its text as printed, trimmed.

    The importer's reading (a Swedish number: "-61,0", "+122", "1 332,7"), so a table typed in the
    app and the same table imported hold the same values; after the number only a unit of
    ``CELL_UNITS`` ("38,2 %"), so "29,9x" is refused rather than read as 29,9."""
    printed = str(text).strip()
    if not printed:
        return None, ""
    if len(printed) > MAX_CELL:
        raise CellError(f"högst {MAX_CELL} tecken")
    quantity = parse_entered_quantity(printed)
    if quantity is None or quantity.unit.lower() not in CELL_UNITS:
        raise CellError(f"'{printed}' är inte ett tal (skriv till exempel -61,0 eller 29,9 %, "
                        "eller lämna cellen tom)")
    return quantity.value, printed


def _text(value, what: str, limit: int, problems: list[str], required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        problems.append(f"{what}: skriv ett namn")
    elif len(text) > limit or "\x00" in text:
        problems.append(f"{what}: högst {limit} tecken, utan nolltecken")
    return text


@dataclass(frozen=True)
class Head:
    """What a printed table says about itself: its headings and its columns."""

    title: str
    section: str
    unit: str
    stub: str
    columns: tuple[str, ...]


def check_head(title, section, unit, stub, columns, problems: list[str], text: str = "") -> Head:
    """The table's headings and column headers, each within its limit; at least one column, unless
    it is a text without a table (the report's "Inte aktuellt för nämnden." under its heading)."""
    headers = list(columns or [])
    if not headers and not (text or "").strip():
        problems.append("Kolumner: ange minst en kolumn, eller en text om det inte finns någon tabell")
    elif len(headers) > MAX_COLUMNS:
        problems.append(f"Kolumner: högst {MAX_COLUMNS} kolumner")
    checked = tuple(_text(h, f"Kolumn {n}", MAX_HEADER, problems) for n, h in enumerate(headers[:MAX_COLUMNS], 1))
    return Head(title=_text(title, "Rubrik", MAX_HEADER, problems), section=_text(section, "Avsnitt", MAX_HEADER,
                                                                                    problems),
                unit=_text(unit, "Enhet", 10, problems), stub=_text(stub, "Förspalt", MAX_HEADER, problems),
                columns=checked)


def row_name(label: str, position: int) -> str:
    """How an error names a row: its label, or its place when it has none."""
    return f"rad {position} ({label})" if label else f"rad {position}"


def check_row(label, cells, kind: str | None, columns: tuple[str, ...] | list[str], position: int,
              problems: list[str]) -> EconomyRow:
    """A row as printed: one cell per column, each a figure or empty. A row kind not given is read
    from the label as the importer reads it ("Summa …" a total, "varav …" a varav row, no figures a
    heading). Each problem names the row and the column."""
    name = _text(label, f"Rad {position}, namn", MAX_LABEL, problems)
    where = row_name(name, position)
    cells = list(cells or [])
    if len(cells) != len(columns):
        problems.append(f"{where}: {len(cells)} celler men tabellen har {len(columns)} kolumner")
    values, raw = [], []
    for index, cell in enumerate(cells[:len(columns)]):
        header = columns[index] or f"kolumn {index + 1}"
        try:
            value, printed = parse_cell(cell)
        except CellError as error:
            problems.append(f"{where}, kolumnen '{header}': {error}")
            value, printed = None, ""
        values.append(value)
        raw.append(printed)
    if kind is None or kind == "":
        row_kind = classify_row(name, values)
    elif kind in RowKind._value2member_map_:
        row_kind = RowKind(kind)
    else:
        problems.append(f"{where}: radtypen {kind!r} finns inte (data, varav, total eller group)")
        row_kind = RowKind.DATA
    if row_kind is RowKind.GROUP and any(v is not None for v in values):
        problems.append(f"{where}: en rubrikrad har inga tal")
    if not name and not any(raw):
        problems.append(f"{where}: raden är tom")
    return EconomyRow(label=name, values=values, line=0, kind=row_kind, raw=raw)


def resized(row: EconomyRow, width: int, columns: list[str], position: int, problems: list[str]) -> EconomyRow:
    """A row for a table that now has ``width`` columns: new columns are empty; a removed column
    must be empty in every row (nothing printed is dropped silently)."""
    dropped = [i for i in range(width, len(row.raw)) if row.raw[i]]
    for i in dropped:
        header = columns[i] if i < len(columns) else f"kolumn {i + 1}"
        problems.append(f"{row_name(row.label, position)}, kolumnen '{header}': cellen är inte tom; "
                        "töm den innan kolumnen tas bort")
    pad = max(0, width - len(row.values))
    return EconomyRow(label=row.label, values=(row.values + [None] * pad)[:width], line=row.line, kind=row.kind,
                      raw=(row.raw + [""] * pad)[:width], text=row.text)
