"""Economics arithmetic: totals, deviations and consumption ratios, within rounding.

Printed amounts are rounded (mnkr to one decimal), so a sum may be off by a tenth without
being wrong; the tolerance is 0,1 mnkr (100 tkr, one unit for counts). Conventions differ
between tables and reports — a total may sum the rows above it or the subtotals, an
"Avvikelse" may be budget minus forecast or the reverse — so a figure is questioned only when
no convention explains it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..economics import EconomyRow, EconomyTable, RowKind
from ..model import Document
from .findings import Finding, FindingKind

_HALF_UNIT = Decimal("0.05")
_YEAR = re.compile(r"(?:19|20)\d\d")


def tolerance(table: EconomyTable) -> Decimal:
    return {"mnkr": Decimal("0.1"), "tkr": Decimal("100")}.get(table.unit, Decimal(1))


def _fmt(value: Decimal, decimals: int | None = None) -> str:
    """Swedish number; a sum with the decimals of the total it is compared with."""
    from ..values import format_number

    return format_number(value, decimals)


def _is_percentage(table: EconomyTable, index: int) -> bool:
    header = table.columns[index].lower() if index < len(table.columns) else ""
    return "%" in header or "förbrukn" in header or "procent" in header


def _percent_row(row: EconomyRow) -> bool:
    return any("%" in cell for cell in row.raw) or "%" in row.label


def check_economy(doc: Document) -> Iterator[Finding]:
    for table in doc.economy:
        yield from check_totals(table)
        yield from _deviations(table, doc.year)
        yield from _consumption(table)
    yield from _requests(doc)


_REQUEST_WORDS = {"budgetjustering": "budgetjustering", "omslutningsförändring": "omslutningsförändring",
                  "resultatöverföring": "överförs"}


def _requests(doc: Document) -> Iterator[Finding]:
    """A request (budgetjustering, omslutningsförändring, resultatöverföring) is a decision item and
    a row of its table with the same amount (or the table's sum). Checked where the document has
    that table; in a table made in the app every row must also be a decision with its amount."""
    from ..economy_tables import REQUEST_KINDS, classify

    for request, kind in REQUEST_KINDS.items():
        tables = [t for t in doc.economy if classify(t) is kind]
        if not tables:
            continue
        rows = [r for t in tables for r in t.rows if r.values and r.values[0] is not None]
        amounts = {r.values[0] for r in rows}
        word = _REQUEST_WORDS[request]
        decisions = [d for d in doc.decisions if d.amount is not None and d.amount_unit == "mnkr"
                     and word in d.text.lower()]
        for decision in decisions:
            if decision.amount not in amounts:
                yield Finding(FindingKind.ECONOMY, decision.line,
                              f"beslutspunkt {decision.number} begär {_fmt(decision.amount)} mnkr men tabellen "
                              f"{tables[0].title or 'Tabell'} har ingen rad med det beloppet")
        decided = [d.amount for d in decisions]
        for table in (t for t in tables if t.kind):
            for row in table.rows:
                if row.kind is RowKind.DATA and row.values and row.values[0] is not None:
                    if row.values[0] in decided:
                        decided.remove(row.values[0])
                    else:
                        yield Finding(FindingKind.ECONOMY, row.line,
                                      f"{table.title}: raden '{row.label}' ({_fmt(row.values[0])} mnkr) "
                                      "är ingen beslutspunkt")


def check_totals(table: EconomyTable) -> Iterator[Finding]:
    """Each total row must equal the rows since the previous total, or those plus the previous
    total ("Netto efter resultatdispositioner"), or the subtotals of the block ("Netto"). The
    table page of a printed table shows these findings too."""
    tol = tolerance(table)
    block: list[EconomyRow] = []
    totals: list[EconomyRow] = []
    for row in table.rows:
        if _percent_row(row) or row.kind in (RowKind.VARAV, RowKind.GROUP):
            continue
        if row.kind is RowKind.DATA:
            block.append(row)
            continue
        for index, printed in enumerate(row.values):
            if printed is None or _is_percentage(table, index):
                continue
            candidates = []
            for parts in (block, block + totals[-1:], totals):
                values = [r.values[index] if index < len(r.values) else None for r in parts]
                present = [v for v in values if v is not None]
                if present:
                    candidates.append(sum(present, Decimal(0)))
            if candidates and all(abs(c - printed) > tol for c in candidates):
                column = table.columns[index] if index < len(table.columns) else f"kolumn {index + 1}"
                yield Finding(FindingKind.ECONOMY, row.line,
                              f"{table.title or 'Tabell'}: raden '{row.label}' i kolumnen '{column}' "
                              f"är {_fmt(printed)} men raderna ovan summerar till "
                              f"{_fmt(candidates[0], max(0, -printed.as_tuple().exponent))}")
        totals.append(row)
        block = []


def _column(columns: list[str], words: tuple[str, ...], exclude: tuple[str, ...] = ()) -> list[int]:
    return [i for i, c in enumerate(columns)
            if any(w in c.lower() for w in words) and not any(x in c.lower() for x in exclude)]


def _same_period(header: str, other: str, year: int) -> bool:
    """Columns about the same year; a header without a year is about the report's year."""
    return (set(_YEAR.findall(header)) or {str(year)}) == (set(_YEAR.findall(other)) or {str(year)})


def _split(columns: list[str], indexes: list[int]) -> bool:
    return any("kostnader" in columns[i].lower() or "intäkter" in columns[i].lower() for i in indexes)


def _deviations(table: EconomyTable, year: int) -> Iterator[Finding]:
    """Avvikelse = budget + adjustments − forecast/outcome (or its reverse for investments and
    volumes), for each deviation column that has a budget and an outcome of the same year."""
    columns = table.columns
    tol = tolerance(table)
    for deviation in [i for i in _column(columns, ("avvikelse",), ("%",))
                      if columns[i].lower().startswith("avvikelse")]:
        header = columns[deviation]
        qualifier = "efter" if "efter" in header.lower() else "före" if "före" in header.lower() else ""
        budgets = [i for i in _column(columns, ("budget",), ("justering", "prestation", "omslutning"))
                   if i < deviation and _same_period(columns[i], header, year)]
        outcomes = [i for i in _column(columns, ("prognos", "bokslut", "utfall"),
                                       ("%", "förbrukn", "prestation", "justering"))
                    if i < deviation and _same_period(columns[i], header, year)]
        if qualifier:
            outcomes = [i for i in outcomes if qualifier in columns[i].lower()] or outcomes
        # Budget and outcome may be split into costs and revenues; then both halves count.
        netto = [i for i in budgets if "netto" in columns[i].lower()]
        budgets = netto or (budgets if _split(columns, budgets) else budgets[:1])
        outcomes = outcomes if _split(columns, outcomes) else outcomes[-1:]
        adjustments = [i for i in _column(columns, ("justering", "prestation", "omslutning"))
                       if i < deviation and "prognos" not in columns[i].lower()]
        if not budgets or not outcomes:
            continue
        for row in table.rows:
            if _percent_row(row):
                continue
            values = row.values
            printed = values[deviation] if deviation < len(values) else None
            budget = [values[i] for i in budgets if i < len(values) and values[i] is not None]
            outcome = [values[i] for i in outcomes if i < len(values) and values[i] is not None]
            if printed is None or not budget or not outcome:
                continue
            adjusted = sum(budget, Decimal(0)) + sum(
                (values[i] for i in adjustments if i < len(values) and values[i] is not None), Decimal(0))
            spent = sum(outcome, Decimal(0))
            if abs(adjusted - spent - printed) > tol and abs(spent - adjusted - printed) > tol:
                yield Finding(FindingKind.ECONOMY, row.line,
                              f"{table.title or 'Tabell'}: avvikelsen för '{row.label}' är "
                              f"{_fmt(printed)} men budget {_fmt(adjusted)} och "
                              f"{columns[outcomes[-1]].lower()} {_fmt(spent)} ger {_fmt(adjusted - spent)}")


def _consumption(table: EconomyTable) -> Iterator[Finding]:
    """Förbrukning = utfall / budget, checked against the interval the rounded inputs allow."""
    columns = table.columns
    for ratio in _column(columns, ("förbrukn", "utf/budg")):
        prefix = columns[ratio].split("Förbrukn")[0].split("förbrukn")[0].strip()
        budget = next((i for i in _column(columns, ("budget",)) if columns[i].startswith(prefix)), None)
        outcome = next((i for i in _column(columns, ("utfall",), ("förbrukn",))
                        if columns[i].startswith(prefix)), None)
        if budget is None or outcome is None:
            continue
        for row in table.rows:
            values = row.values
            if max(ratio, budget, outcome) >= len(values):
                continue
            printed, b, u = values[ratio], values[budget], values[outcome]
            if printed is None or b is None or u is None or abs(b) <= _HALF_UNIT:
                continue
            bounds = [(u + du) / (b + db) * 100 for du in (-_HALF_UNIT, _HALF_UNIT)
                      for db in (-_HALF_UNIT, _HALF_UNIT)]
            if not min(bounds) - _HALF_UNIT <= printed <= max(bounds) + _HALF_UNIT:
                yield Finding(FindingKind.ECONOMY, row.line,
                              f"{table.title or 'Tabell'}: förbrukningen för '{row.label}' är "
                              f"{_fmt(printed)} % men utfall/budget = {_fmt((u / b * 100).quantize(Decimal('0.1')))} %")
