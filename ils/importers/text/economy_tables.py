"""Economics tables: header rows, unit, rows with numbers, split tables rejoined.

Economics tables have no fixed vocabulary: each report, committee and year has its own
columns. A table's header is every leading row without a number in it (some reports use two
header rows plus a unit row), its title the heading or caption printed above it.
"""
from __future__ import annotations

from ils.domain.economics import EconomyRow, EconomyTable, classify_row
from ils.domain.values import parse_quantity

from .blocks import Block
from .vocabulary import fold

_UNIT_WORDS = (("mnkr", "mnkr"), ("miljonerkronor", "mnkr"), ("tkr", "tkr"), ("tusenkronor", "tkr"))


def _has_number(block: Block) -> bool:
    return any(parse_quantity(c) is not None for c in block.cells[1:])


def _is_header_row(block: Block) -> bool:
    """A second or third header row names columns or the unit; a row with only a label is a
    group heading inside the table ("Investeringar med nycklade medel")."""
    label = fold(block.cells[0])
    return any(c.strip() for c in block.cells[1:]) or any(label == w for w, _ in _UNIT_WORDS)


def _unit(texts: list[str], title: str) -> str:
    folded = fold(" ".join(texts))
    for word, unit in _UNIT_WORDS:
        if word in folded:
            return unit
    # Result units' funds are kept in tkr by the city's convention, whether or not printed.
    if "resultatenhet" in fold(title):
        return "tkr"
    return ""


def _combine_headers(header_rows: list[list[str]]) -> list[str]:
    """Column names from one or more header rows; a blank cell in an upper row spans from the left."""
    width = max(len(r) for r in header_rows)
    columns = []
    for index in range(1, width):
        parts = []
        for depth, row in enumerate(header_rows):
            cell = row[index].strip() if index < len(row) else ""
            if not cell and depth == 0 and len(header_rows) > 1:
                left = next((row[j].strip() for j in range(index - 1, 0, -1) if row[j].strip()), "")
                cell = left
            if cell:
                parts.append(cell)
        columns.append(" ".join(parts))
    while columns and not columns[-1]:
        columns.pop()
    return columns


class EconomyReader:
    """Collects consecutive rows into tables, joining a table that resumes after a page break."""

    def __init__(self, document, warn):
        self.document = document
        self.warn = warn
        self.rows: list[Block] = []
        self.title = ""
        self.section = ""
        self.last_table: EconomyTable | None = None
        self.last_header: list[str] | None = None
        self.text_since_table = True

    def heading(self, text: str, is_section: bool = False) -> None:
        self.flush()
        if is_section:
            self.section = text
        self.title = text
        self.text_since_table = True

    def prose(self) -> None:
        """Running text: a table after it is titled by its section, not by a project heading."""
        self.flush()
        self.title = self.section or self.title
        self.text_since_table = True

    def text_entry(self, title: str, text: str, line: int) -> None:
        """Prose under an economy heading with no table: an entry with its text and no columns."""
        self.flush()
        self.document.economy.append(EconomyTable(
            title=title or self.section, section=self.section, columns=[], rows=[], line=line, unit="", text=text))

    def row(self, block: Block) -> None:
        self.rows.append(block)

    def gap(self) -> None:
        """A blank line ends a run of rows; the table may still resume after a page break."""
        self.flush()

    def flush(self) -> None:
        rows, self.rows = self.rows, []
        if not rows:
            return
        headers = []
        while rows and not _has_number(rows[0]) and len(headers) < 3 and (
            not headers or _is_header_row(rows[0])
        ):
            headers.append(rows.pop(0))
        first_header = [fold(c) for c in headers[0].cells] if headers else None
        resumes = (
            self.last_table is not None and not self.text_since_table
            and (first_header is None or first_header == self.last_header)
        )
        if resumes:
            table = self.last_table
            # Header rows the first page did not reach (a unit row "Mnkr") still describe it.
            extra = [h.cells[0].strip() for h in headers[1:] if h.cells[0].strip()]
            if extra and not any(fold(word) in fold(table.stub) for word in extra):
                table.stub = " ".join([table.stub, *extra]).strip()
                table.unit = table.unit or _unit(extra, table.title)
        else:
            if not headers:
                self.warn(rows[0].line, "ekonomitabell utan rubrikrad; kolumnerna saknar namn")
            header_cells = [h.cells for h in headers]
            columns = _combine_headers(header_cells) if header_cells else []
            label_cells = [h.cells[0] for h in headers]
            table = EconomyTable(
                title=self.title, section=self.section, columns=columns, rows=[],
                line=(headers[0] if headers else rows[0]).line,
                unit=_unit(label_cells + columns, self.title),
                stub=" ".join(c.strip() for c in label_cells if c.strip()),
            )
            self.document.economy.append(table)
            self.last_header = first_header
        for block in rows:
            self._add_row(table, block)
        self.last_table = table
        self.text_since_table = False

    def _add_row(self, table: EconomyTable, block: Block) -> None:
        cells = block.cells
        label = cells[0].strip()
        raw = [c.strip() for c in cells[1:]]
        values = []
        for cell in raw:
            quantity = parse_quantity(cell)
            values.append(quantity.value if quantity is not None else None)
            if cell and quantity is None:
                self.warn(block.line, f"ekonomicellen {cell!r} är inget tal")
        if not raw:  # a label alone: a row with every cell empty
            values = [None] * len(table.columns)
        while values and values[-1] is None and len(values) > len(table.columns):
            values.pop()
            raw.pop()
        if not label and all(v is None for v in values):
            return
        if all(v is None for v in values) and label[:1].islower() and table.rows and any(
                v is not None for v in table.rows[-1].values):
            previous = table.rows[-1]  # a label wrapped or cut by a page break: "… personer med" / "funktionsnedsättning"
            previous.label = f"{previous.label} {label}"
            previous.kind = classify_row(previous.label, previous.values)
            self.warn(block.line, f"raden {label[:40]!r} utan värden läses som resten av raden {previous.label[:60]!r}")
            return
        self._check_width(table, block.line, label, raw)
        table.rows.append(EconomyRow(label=label, values=values, line=block.line,
                                     kind=classify_row(label, values), raw=raw))

    def _check_width(self, table: EconomyTable, line: int, label: str, raw: list[str]) -> None:
        """A row with fewer or more cells than the table has columns lost its empty cells or
        ran two columns together (a table rebuilt from a PDF's geometry): its values stand in
        the order they came, and which column each belongs to is a guess, said here."""
        if not table.columns or not any(raw) or len(raw) == len(table.columns):
            return
        self.warn(line, f"ekonomiraden {label[:50]!r} har {len(raw)} celler men tabellen "
                        f"{table.title[:50]!r} har {len(table.columns)} kolumner; värdena står i den "
                        "ordning de kom och deras kolumner är gissade")
