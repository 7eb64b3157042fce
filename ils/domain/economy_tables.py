"""The economy tables a committee's document has, and how their figures are computed.

Each kind of table (driftbudget per verksamhetsområde, volumes, resultatenheter, investeringar,
budgetjusteringar, ...) has columns that depend on the document: a VP plans (budget and requested
adjustments), a tertialrapport follows up (the period's outcome and a full-year forecast), the VB
closes the year (bokslut). Some columns are typed by people, the others are computed here, never
typed: the deviation of every row, and every total row ("Totalt", "Summa", "Netto": the data rows
since the previous total; "varav" rows are already in the row above and never summed).

Sign conventions, as in the city's reports (see research/seed_000.md §5): amounts in mnkr,
resultatenheter in tkr; revenues negative, costs positive; for money the deviation is
budget + adjustments − forecast (positive is a surplus); for volumes it is forecast − budget;
resultatenheter carry a surplus as negative ("Överskott (−)") and the transfer to next year with
the opposite sign, so överföring till = −(överföring från) − resultat.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from .economics import EconomyRow, EconomyTable, RowKind
from .model import Period


class TableKind(StrEnum):
    DRIFT = "driftbudget"
    AREA = "verksamhetsomrade"
    VOLUMES = "volymer"
    RESULT_UNITS = "resultatenheter"
    INVESTMENTS = "investeringar"
    BUDGET_ADJUSTMENTS = "budgetjusteringar"
    TURNOVER = "omslutningsforandringar"
    RESULT_TRANSFERS = "resultatoverforingar"
    PREMISES = "lokalandamal"
    SALES = "forsaljningar"
    BALANCE = "balansrakning"


class Deviation(StrEnum):
    NONE = ""
    BUDGET_MINUS = "budget+justering-prognos"  # money: a positive deviation is a surplus
    FORECAST_MINUS = "prognos-budget"  # volumes: more than planned is positive
    TRANSFER = "-fran-resultat"  # resultatenheter: the transfer to next year
    GAIN = "pris-bokfort"  # a sale: price minus book value
    CHANGE = "slut-ingaende"  # balance sheet: closing minus opening
    COUNTER = "-kostnad"  # omslutningsförändring: revenues balance the costs


ALL = frozenset(Period)
FOLLOW_UPS = frozenset({Period.T1, Period.T2, Period.VB})
REQUESTS_IN = frozenset({Period.VP, Period.T1, Period.T2})

_PERIOD_MONTHS = {Period.T1: "jan–apr", Period.T2: "jan–aug", Period.VB: "jan–dec"}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # "{year}", "{next}", "{previous}" and "{months}" are filled in per document
    typed: bool = True
    periods: frozenset[Period] = ALL

    def title(self, year: int, period: Period) -> str:
        return self.header.format(year=year, next=year + 1, previous=year - 1,
                                  months=_PERIOD_MONTHS.get(period, ""))


@dataclass(frozen=True)
class TableSpec:
    kind: TableKind
    title: str
    unit: str
    stub: str
    columns: tuple[Column, ...]
    periods: frozenset[Period]
    deviation: Deviation = Deviation.NONE
    total_label: str = "Totalt"
    request: str = ""  # the decision a row of this table is: "budgetjustering", ...

    def columns_for(self, period: Period) -> list[Column]:
        return [c for c in self.columns if period in c.periods]

    def headers(self, year: int, period: Period) -> list[str]:
        return [c.title(year, period) for c in self.columns_for(period)]

    def typed_keys(self, period: Period) -> list[str]:
        return [c.key for c in self.columns_for(period) if c.typed]


_BUDGET = Column("budget", "Budget {year}")
_ADJUSTMENT = Column("justering", "Budgetjusteringar och prestationsförändringar", periods=REQUESTS_IN)
_ADJUSTED = Column("justering", "Budgetjusteringar", periods=frozenset({Period.VB}))
_OUTCOME = Column("utfall", "Utfall {months} {year}", periods=frozenset({Period.T1, Period.T2}))
_CLOSING = Column("utfall", "Bokslut {year}", periods=frozenset({Period.VB}))
_FORECAST = Column("prognos", "Prognos helår {year}", periods=frozenset({Period.T1, Period.T2}))
_DEVIATION = Column("avvikelse", "Avvikelse", typed=False, periods=FOLLOW_UPS)
_MONEY = (_BUDGET, _ADJUSTMENT, _ADJUSTED, _OUTCOME, _CLOSING, _FORECAST, _DEVIATION)

SPECS: dict[TableKind, TableSpec] = {spec.kind: spec for spec in (
    TableSpec(TableKind.DRIFT, "Uppföljning av driftbudget", "mnkr", "Mnkr, netto", _MONEY, ALL,
              Deviation.BUDGET_MINUS),
    TableSpec(TableKind.AREA, "Verksamhetsområde", "mnkr", "Mnkr, netto", _MONEY, ALL,
              Deviation.BUDGET_MINUS, total_label="Netto"),
    TableSpec(TableKind.VOLUMES, "Volymer", "", "Antal", (
        _BUDGET, Column("utfall", "Utfall snitt {months} {year}", periods=FOLLOW_UPS),
        Column("prognos", "Prognos snitt {year}", periods=frozenset({Period.T1, Period.T2})),
        Column("avvikelse", "Avvikelse", typed=False, periods=FOLLOW_UPS)), ALL, Deviation.FORECAST_MINUS,
        total_label="Totalt antal"),
    TableSpec(TableKind.RESULT_UNITS, "Resultatenheter", "tkr", "Resultatenhetens namn", (
        Column("budget", "Resultatenhetens bruttobudget {year}"),
        Column("fran", "Resultatöverföring från {previous} Överskott (-) Underskott (+)"),
        Column("resultat", "Resultat {year} Överskott (-) Underskott (+)", periods=FOLLOW_UPS),
        Column("till", "Resultatöverföring till {next} Överskott (+) Underskott (-)", typed=False,
               periods=FOLLOW_UPS)), ALL, Deviation.TRANSFER, total_label="Summa resultatenheter"),
    TableSpec(TableKind.INVESTMENTS, "Investeringar", "mnkr", "Mnkr", _MONEY, ALL, Deviation.BUDGET_MINUS,
              total_label="Totalt investeringar"),
    TableSpec(TableKind.BUDGET_ADJUSTMENTS, "Budgetjusteringar", "mnkr", "", (Column("belopp", "Mnkr"),),
              REQUESTS_IN, total_label="Summa", request="budgetjustering"),
    TableSpec(TableKind.TURNOVER, "Omslutningsförändringar", "mnkr", "Mnkr", (
        Column("belopp", "Kostnader"), Column("motpost", "Intäkter", typed=False)), REQUESTS_IN,
        Deviation.COUNTER, total_label="Summa", request="omslutningsförändring"),
    TableSpec(TableKind.RESULT_TRANSFERS, "Resultatöverföringar", "mnkr", "", (Column("belopp", "Mnkr"),),
              frozenset({Period.VB}), total_label="Summa", request="resultatöverföring"),
    TableSpec(TableKind.PREMISES, "Medel för lokaländamål", "mnkr", "Mnkr", _MONEY, ALL, Deviation.BUDGET_MINUS),
    TableSpec(TableKind.SALES, "Försäljningar av anläggningstillgångar", "mnkr", "Mnkr", (
        Column("pris", "Försäljningspris"), Column("bokfort", "Bokfört värde"),
        Column("vinst", "Vinst (+) / förlust (-)", typed=False)), FOLLOW_UPS, Deviation.GAIN, total_label="Summa"),
    TableSpec(TableKind.BALANCE, "Analys av balansräkning", "mnkr", "Mnkr", (
        Column("ingaende", "{previous}-12-31"), Column("utgaende", "{year}-12-31"),
        Column("forandring", "Förändring", typed=False)), frozenset({Period.VB}), Deviation.CHANGE,
        total_label="Summa"),
)}

REQUEST_KINDS = {spec.request: spec.kind for spec in SPECS.values() if spec.request}
# A budgetjustering's amount is also entered in the adjustment column ("Budgetjusteringar och
# prestationsförändringar") of the rows it concerns, so their deviation counts it.
ADJUSTED = frozenset({TableKind.DRIFT, TableKind.AREA, TableKind.INVESTMENTS, TableKind.PREMISES})
ADJUSTMENT_KEY = "justering"


def adjusted(current: Decimal | None, change: Decimal) -> Decimal | None:
    """An adjustment cell after a request's amount is added (or taken back: a negative change); an
    empty cell is taken as zero and a figure keeps its printed decimals ("0,0" + 0,7 - 0,7 is "0,0")."""
    if current is None and change == 0:
        return None
    return (Decimal(0) if current is None else current) + change


def kinds_for(period: Period) -> list[TableSpec]:
    """The kinds of table a document of this period may have, in the report's order."""
    return [spec for spec in SPECS.values() if period in spec.periods]


# --- figures -------------------------------------------------------------------------------------

class FigureError(ValueError):
    """A typed figure that is not a number."""


_STRICT = re.compile(r"^[+-]?(?:\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?$")
_PROGRAM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def parse_figure(text) -> Decimal | None:
    """A typed cell: "1 332,7", "-61,0", "+122", "12.5" (a program's export); "" is empty.

    Strict: the whole cell must be the number ("12,5x", "12 mnkr" and "1,2,3" are refused)."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise FigureError("ett tal väntades")
    if isinstance(text, (int, float, Decimal)):
        value = Decimal(str(text))
        if not value.is_finite():
            raise FigureError(f"'{text}' är inte ett tal")
        return value
    cleaned = " ".join(str(text).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-").split())
    if not cleaned:
        return None
    if _PROGRAM.match(cleaned):
        return Decimal(cleaned)
    if not _STRICT.match(cleaned):
        raise FigureError(f"'{text}' är inte ett tal (skriv till exempel 1 332,7 eller -61,0)")
    return Decimal(cleaned.replace(" ", "").replace(",", "."))


def _sum(values: list[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _row_value(spec: TableSpec, period: Period, values: dict[str, Decimal | None]) -> Decimal | None:
    """The computed column of one row, from its typed columns; None when nothing it needs is typed."""
    get = values.get
    # A tertialrapport compares the budget with the full-year forecast, the VB with the bokslut.
    spent = get("utfall") if period is Period.VB else get("prognos")
    if spec.deviation is Deviation.BUDGET_MINUS:
        if spent is None:
            return None
        return (get("budget") or 0) + (get("justering") or 0) - spent
    if spec.deviation is Deviation.FORECAST_MINUS:
        if get("budget") is None or spent is None:
            return None
        return spent - get("budget")
    if spec.deviation is Deviation.TRANSFER:
        if get("fran") is None and get("resultat") is None:
            return None
        return -(get("fran") or 0) - (get("resultat") or 0)
    if spec.deviation is Deviation.GAIN:
        if get("pris") is None and get("bokfort") is None:
            return None
        return (get("pris") or 0) - (get("bokfort") or 0)
    if spec.deviation is Deviation.CHANGE:
        if get("ingaende") is None and get("utgaende") is None:
            return None
        return (get("utgaende") or 0) - (get("ingaende") or 0)
    if spec.deviation is Deviation.COUNTER:
        return None if get("belopp") is None else -get("belopp")
    return None


def compute(spec: TableSpec, period: Period, rows: list[EconomyRow]) -> list[EconomyRow]:
    """Every row with its computed column filled in and every total row summed; typed cells of
    data and varav rows are kept, a total's or group's typed cells are ignored."""
    columns = spec.columns_for(period)
    computed = [i for i, c in enumerate(columns) if not c.typed]
    out: list[EconomyRow] = []
    block: list[EconomyRow] = []
    for row in rows:
        values = (list(row.values) + [None] * len(columns))[:len(columns)]
        if row.kind is RowKind.GROUP:
            out.append(replace(row, values=[None] * len(columns)))
            continue
        if row.kind is RowKind.TOTAL:
            values = [_sum([r.values[i] for r in block]) for i in range(len(columns))]
            block = []
        else:
            named = {c.key: values[i] for i, c in enumerate(columns) if c.typed}
            for i in computed:
                values[i] = _row_value(spec, period, named)
        new = replace(row, values=values)
        if row.kind is RowKind.DATA:
            block.append(new)
        out.append(new)
    return out


def total(table_rows: list[EconomyRow], index: int) -> Decimal | None:
    """The sum of a column over the data rows (the figure a request table's decisions add up to)."""
    return _sum([r.values[index] for r in table_rows if r.kind is RowKind.DATA and index < len(r.values)])


def new_table(kind: TableKind, year: int, period: Period, title: str = "", section: str = "") -> EconomyTable:
    """An empty table of this kind for a document, with its total row when it sums."""
    spec = SPECS[kind]
    if period not in spec.periods:
        raise ValueError(f"{spec.title} hör inte till {period.label.lower()}.")
    columns = spec.headers(year, period)
    rows = [EconomyRow(spec.total_label, [None] * len(columns), 0, RowKind.TOTAL)] if spec.total_label else []
    return EconomyTable(title=title or spec.title, columns=columns, rows=rows, line=0, unit=spec.unit,
                        section=section or spec.title, stub=spec.stub, kind=kind.value)


# --- carry-over ----------------------------------------------------------------------------------

_KIND_WORDS: list[tuple[TableKind, tuple[str, ...]]] = [
    (TableKind.RESULT_UNITS, ("resultatenhet",)),
    (TableKind.INVESTMENTS, ("investering",)),
    (TableKind.BUDGET_ADJUSTMENTS, ("budgetjustering",)),
    (TableKind.TURNOVER, ("omslutningsförändring",)),
    (TableKind.PREMISES, ("lokaländamål",)),
    (TableKind.SALES, ("försäljning",)),
    (TableKind.BALANCE, ("balansräkning",)),
]


def classify(table: EconomyTable) -> TableKind | None:
    """Which kind an imported table is, from its title, section and columns (None: none we know)."""
    if table.kind:
        return TableKind(table.kind)
    if not table.columns and not table.rows:
        return None  # a text without a table ("Inte aktuellt för nämnden.") is no table of any kind
    title = f"{table.title} {table.section}".lower()
    for kind, words in _KIND_WORDS:
        if any(w in table.title.lower() for w in words):
            return kind
    headers = " ".join(table.columns).lower()
    if "förbrukn" in headers or "%" in table.stub:
        return None  # consumption ratios: a view of the figures, not a table of its own
    if table.unit not in ("mnkr", "tkr") and "budget" in headers:
        return TableKind.VOLUMES
    if table.unit == "mnkr" and "budget" in headers or "driftbudget" in title or "förutsättningar" in title:
        labels = {r.label.strip().lower() for r in table.rows}
        return TableKind.AREA if labels & {"intäkter", "kostnader"} and len(table.rows) <= 8 else TableKind.DRIFT
    return None


_ADJUSTING = ("justering", "prestation", "omslutning")
_SOURCE_COLUMNS = {
    "budget": lambda h, year: ("budget" in h or h == f"vp {year}") and not any(w in h for w in _ADJUSTING),
    "justering": lambda h, year: any(w in h for w in _ADJUSTING) and not h.startswith("prognos"),
    "prognos": lambda h, year: h.startswith("prognos") and "efter" not in h and not h.startswith(
        ("prognos prestation", "prognos budget", "prognos resultat")),
    "fran": lambda h, year: "från" in h,
    "resultat": lambda h, year: h.startswith("resultat "),
}


def _source_columns(key: str, headers: list[str], year: int) -> list[int]:
    """Where a source table keeps the figure a new table's column ``key`` starts from: every
    adjustment column (budgetjusteringar, prestations- and omslutningsförändringar) adds up, of
    the others the first that fits."""
    test = _SOURCE_COLUMNS.get(key)
    found = [i for i, h in enumerate(headers) if test and test(" ".join(h.lower().split()), year)
             and set(re.findall(r"(?:19|20)\d\d", h)) <= {str(year)}]
    return found if key == "justering" else found[:1]


# What a follow-up of the same year takes from the earlier document: the plan (budget, adjustments,
# the funds brought in) and the latest forecast; the period's outcome is the new document's own.
CARRIED = ("budget", "justering", "prognos", "fran", "resultat")


def carry_over(source: list[EconomyTable], source_year: int, year: int, period: Period) -> list[EconomyTable]:
    """The economy tables of a new document from an earlier one's: the same tables and rows (labels,
    varav and totals) in the columns this document has; within a year the plan figures and the
    latest forecast are kept, for next year's plan only the labels (and each resultatenhet's
    transfer to next year becomes its transfer from last year); computed figures are computed
    again. Requests were the earlier document's decisions and do not carry over; tables of kinds
    this document does not have are left out."""
    tables = []
    for table in source:
        kind = classify(table)
        if kind is None or SPECS[kind].request or period not in SPECS[kind].periods:
            continue
        spec = SPECS[kind]
        columns = spec.columns_for(period)
        if year == source_year:
            mapping = {i: _source_columns(c.key, table.columns, year) for i, c in enumerate(columns)
                       if c.typed and c.key in CARRIED}
        elif kind is TableKind.RESULT_UNITS:
            mapping = {i: [j for j, h in enumerate(table.columns) if "till" in h.lower()][:1]
                       for i, c in enumerate(columns) if c.key == "fran"}
        else:
            mapping = {}
        rows = []
        for row in table.rows:
            values = [_sum([row.values[j] for j in mapping.get(i, []) if j < len(row.values)])
                      for i in range(len(columns))]
            if kind is TableKind.RESULT_UNITS and year != source_year:
                values = [None if v is None else -v for v in values]  # till (+ surplus) -> från (- surplus)
            rows.append(EconomyRow(row.label, values, 0, row.kind, text=row.text))
        tables.append(EconomyTable(
            title=table.title or spec.title, columns=spec.headers(year, period),
            rows=compute(spec, period, rows), line=0, unit=spec.unit, section=table.section or spec.title,
            stub=table.stub or spec.stub, kind=kind.value, text=table.text))
    return tables


# --- requests ------------------------------------------------------------------------------------

def request_text(request: str, label: str, amount: Decimal, year: int) -> str:
    """The decision's wording for a request, as the city's reports put it."""
    from .values import format_number

    figure = f"{format_number(amount, max(1, _decimals(amount)))} mnkr"
    if request == "budgetjustering":
        return f"Nämnden begär budgetjustering om {figure} för kostnader avseende {label}."
    if request == "omslutningsförändring":
        return f"Nämnden anmäler omslutningsförändringar om {figure} avseende {label}."
    if request == "resultatöverföring":
        return f"Nämnden begär att resultat om {figure} avseende {label} överförs till {year + 1}."
    raise ValueError(f"okänd begäran: {request}")


def format_figure(value: Decimal | str, unit: str) -> str:
    """A figure as the report prints it: mnkr with at least one decimal, tkr and counts as written."""
    from .values import format_number

    value = Decimal(value) if isinstance(value, str) else value
    decimals = {"mnkr": 1, "tkr": 0}.get(unit)
    return format_number(value, None if decimals is None else max(decimals, _decimals(value)))


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
