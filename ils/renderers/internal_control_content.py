"""The internal control's two bilagor as neutral content: headings, paragraphs, tables and the matrix.

- ``plan_bilaga``: the VP's "Väsentlighets- och riskanalys samt internkontrollplan";
- ``follow_up_bilaga``: the VB's "Uppföljning av intern kontroll".
HTML, PDF, DOCX and XLSX (``internal_control_export``) and the web pages draw this same content, so
the wording and the figures agree in every format. Pure: built from domain.internal_control only.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ils.domain.internal_control import (
    FOLLOW_UP_PERIODS, FOLLOW_UP_TITLE, PLAN_TITLE, Analysis, MatrixCell, RiskMatrix, cell_counts, level_counts,
    not_carried_out, open_risks,
)
from ils.domain.model import PERIOD_LABELS, Period
from ils.domain.values import format_number

RISK_HEADER = ["Nr", "Process eller område", "Risk", "Kategori", "Stadsgemensamt", "Sannolikhet", "Konsekvens",
               "Riskvärde", "Risknivå", "Hantering", "Motivering eller åtgärd"]
CONTROL_HEADER = ["Nr", "Risk", "Kontrollmoment", "Metod", "Frekvens", "Ansvarig", "När", "Rapporteras i"]
FOLLOW_UP_HEADER = ["Nr", "Kontrollmoment", "Genomförd", "Resultat", "Avvikelser", "Beslutad åtgärd", "Ansvarig"]


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()  # columns holding figures
    widths: list[float] = field(default_factory=list)  # per cent of the text width


@dataclass(frozen=True)
class Matrix:
    """The matrix with its counts, for a chart; ``table`` and ``summary`` say the same in words."""

    caption: str
    matrix: RiskMatrix
    rows: list[list[MatrixCell]]
    summary: str
    table: Table


@dataclass(frozen=True)
class Part:
    kind: str  # "h", "p", "table", "matrix"
    level: int = 0
    text: str = ""
    table: Table | None = None
    matrix: Matrix | None = None


@dataclass(frozen=True)
class Bilaga:
    title: str
    subtitle: str
    parts: list[Part]


def score(value: Decimal | None) -> str:
    return "" if value is None else format_number(value.normalize())


def risks_word(n: int) -> str:
    return f"{n} risk" if n == 1 else f"{n} risker"


def matrix_view(matrix: RiskMatrix, risks, caption: str = "Riskmatris") -> Matrix:
    """A committee's matrix: counts per cell, and in words the risks per level (and those not assessed)."""
    counts = {(c.probability, c.consequence): c.count for row in cell_counts(matrix, risks) for c in row}
    unassessed = sum(1 for r in risks if r.level is None)
    summary = "; ".join(f"{level.name}: {risks_word(n)}" for level, n in level_counts(matrix, risks))
    if unassessed:
        summary += f"; inte bedömda: {risks_word(unassessed)}"
    return replace(counted_matrix_view(matrix, counts, caption), summary=summary + ".")


def counted_matrix_view(matrix: RiskMatrix, counts, caption: str) -> Matrix:
    """The matrix with given counts per (probability cell, consequence cell): the city's heat map."""
    rows = [[MatrixCell(p, c, matrix.levels[matrix.grid[p - 1][c - 1]], counts.get((p, c), 0))
             for c in range(1, len(matrix.consequence) + 1)] for p in range(len(matrix.probability), 0, -1)]
    per_level: dict[str, int] = {}
    for row in rows:
        for cell in row:
            per_level[cell.level.name] = per_level.get(cell.level.name, 0) + cell.count
    summary = "; ".join(f"{name}: {risks_word(n)}" for name, n in per_level.items()) + "."
    header = ["Sannolikhet \\ Konsekvens"] + [f"{i} {c.name}" for i, c in enumerate(matrix.consequence, 1)]
    table = Table(f"{caption}: antal risker per cell", header,
                  [[f"{row[0].probability} {matrix.probability[row[0].probability - 1].name}"]
                   + [f"{cell.level.name}: {risks_word(cell.count)}" for cell in row] for row in rows])
    return Matrix(caption, matrix, rows, summary, table)


def _scales(matrix: RiskMatrix) -> list[Part]:
    parts = []
    for title, scale in (("Sannolikhet", matrix.probability), ("Konsekvens", matrix.consequence)):
        rows = [[str(i), s.name, s.text, f"högst {score(s.upto)}"] for i, s in enumerate(scale, 1)]
        parts.append(Part("table", table=Table(f"Skala för {title.lower()}", ["Nivå", "Namn", "Beskrivning",
                                                                             "Värden"], rows, frozenset({0}),
                                               [8, 20, 57, 15])))
    return parts


def _risk_numbers(analysis: Analysis) -> dict[int, int]:
    return {risk.key: i for i, risk in enumerate(analysis.risks, 1)}


def risk_table(analysis: Analysis) -> Table:
    levels = analysis.matrix.levels
    rows = [[str(i), r.area, r.description, r.category, "Ja" if r.city_designated else "Nej", score(r.probability),
             score(r.consequence), score(r.value), levels[r.level].name if r.level is not None else "Inte bedömd",
             r.treatment.label, r.motivation or r.action]
            for i, r in enumerate(analysis.risks, 1)]
    return Table("Risker", RISK_HEADER, rows, frozenset({0, 5, 6, 7}), [4, 11, 19, 9, 8, 7, 7, 6, 8, 9, 12])


def control_table(analysis: Analysis) -> Table:
    numbers = _risk_numbers(analysis)
    rows = [[str(i), f"{numbers.get(c.risk, '')}", c.what, c.method.label, c.frequency.label, c.responsible, c.when,
             ", ".join(c.reported_in)] for i, c in enumerate(analysis.controls, 1)]
    return Table("Internkontrollplan: kontrollmoment", CONTROL_HEADER, rows, frozenset({0, 1}),
                 [4, 5, 27, 11, 10, 14, 17, 12])


def follow_up_table(analysis: Analysis, period: str) -> Table:
    rows = []
    for i, control in enumerate(analysis.controls, 1):
        if period not in control.reported_in and analysis.follow_up(control, period) is None:
            continue
        f = analysis.follow_up(control, period)
        done = "Ej rapporterad" if f is None or f.carried_out is None else ("Ja" if f.carried_out else "Nej")
        rows.append([str(i), control.what, done, f.result if f else "", f.deviations if f else "",
                     f.action if f else "", f.action_owner if f else ""])
    return Table(f"Uppföljning i {PERIOD_LABELS[Period(period)].lower()}", FOLLOW_UP_HEADER, rows, frozenset({0}),
                 [4, 24, 10, 18, 16, 16, 12])


def _intro(analysis: Analysis) -> Part:
    return Part("p", text=f"{analysis.committee} – {analysis.year}. {risks_word(len(analysis.risks)).capitalize()} "
                          f"och {len(analysis.controls)} kontrollmoment.")


def plan_bilaga(analysis: Analysis) -> Bilaga:
    matrix = matrix_view(analysis.matrix, analysis.risks)
    parts = [_intro(analysis),
             Part("h", 2, "Riskmatris"), Part("matrix", matrix=matrix), Part("p", text=matrix.summary),
             *_scales(analysis.matrix),
             Part("h", 2, "Väsentlighets- och riskanalys"), Part("table", table=risk_table(analysis)),
             Part("h", 2, "Internkontrollplan"), Part("table", table=control_table(analysis))]
    return Bilaga(f"{PLAN_TITLE} {analysis.year}", analysis.committee, parts)


def follow_up_bilaga(analysis: Analysis) -> Bilaga:
    judgement = analysis.judgement.label if analysis.judgement else "Inte bedömd ännu"
    parts = [_intro(analysis), Part("h", 2, "Bedömning av nämndens interna kontroll"),
             Part("p", text=f"Bedömning: {judgement}.")]
    if analysis.judgement_analysis:
        parts.append(Part("p", text=analysis.judgement_analysis))
    matrix = matrix_view(analysis.matrix, analysis.risks)
    parts += [Part("h", 2, "Riskmatris"), Part("matrix", matrix=matrix), Part("p", text=matrix.summary),
              Part("h", 2, "Kontrollmomentens uppföljning")]
    for period in FOLLOW_UP_PERIODS:
        parts.append(Part("table", table=follow_up_table(analysis, period)))
    numbers = _risk_numbers(analysis)
    carried = not_carried_out(analysis)
    still_open = open_risks(analysis)
    parts.append(Part("h", 2, "Överförs till nästa års internkontrollplan"))
    parts.append(Part("table", table=Table(
        "Kontrollmoment som inte genomförts", ["Risk", "Kontrollmoment", "Ansvarig"],
        [[str(numbers.get(c.risk, "")), c.what, c.responsible] for c in carried], frozenset({0}), [10, 60, 30])))
    parts.append(Part("table", table=Table(
        "Risker som fortfarande är öppna", ["Nr", "Process eller område", "Risk"],
        [[str(numbers[r.key]), r.area, r.description] for r in still_open], frozenset({0}), [10, 30, 60])))
    return Bilaga(f"{FOLLOW_UP_TITLE} {analysis.year}", analysis.committee, parts)


# The bilagor the internal control adds to the year's documents, by the name pages and API use.
BILAGOR = {"plan": plan_bilaga, "uppfoljning": follow_up_bilaga}
