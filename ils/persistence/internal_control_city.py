"""Loading the city's view of internal control: every risk of the given analyses placed in its cell by
its own frozen matrix, in one query (domain.internal_control_city aggregates them)."""
from __future__ import annotations

from ils.domain import internal_control as ic
from ils.domain.internal_control_city import PlacedRisk

from . import models


def placed_risks(analyses, area: str = "", level: str = "") -> list[PlacedRisk]:
    matrices = {a.pk: ic.RiskMatrix.from_json(a.matrix) for a in analyses}
    names = {a.pk: a.committee.name for a in analyses}
    rows = models.Risk.objects.filter(analysis__in=list(matrices)).values_list(
        "analysis_id", "area", "level", "probability", "consequence")
    placed = []
    for analysis_id, risk_area, risk_level, p, c in rows.iterator(chunk_size=2000):
        matrix = matrices[analysis_id]
        name = matrix.levels[risk_level].name if risk_level is not None and risk_level < len(matrix.levels) else None
        if (area and risk_area != area) or (level and name != level):
            continue
        try:
            cell = (matrix.probability_cell(p), matrix.consequence_cell(c)) if p is not None else None
        except ic.MatrixError:
            cell = None
        placed.append(PlacedRisk(names[analysis_id], risk_area, name, cell))
    return placed


def fitting(matrix: ic.RiskMatrix, placed: list[PlacedRisk]) -> list[PlacedRisk]:
    """The placed risks whose cell exists in ``matrix`` (a committee's frozen matrix may be larger)."""
    return [p for p in placed if p.cell and p.cell[0] <= len(matrix.probability) and p.cell[1] <= len(matrix.consequence)]
