"""The city's view of internal control across committees: risks per matrix cell and per area, as
heat maps. Pure: the rows come from persistence, each risk already placed by its own frozen matrix."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

HEAT_STEPS = 5  # heat classes 0..4: none, then quartiles of the largest count


@dataclass(frozen=True)
class PlacedRisk:
    committee: str
    area: str
    level: str | None  # the level's name, None when not assessed
    cell: tuple[int, int] | None  # (probability cell, consequence cell)


@dataclass(frozen=True)
class HeatRow:
    label: str
    cells: list[tuple[int, int]]  # (count, heat class) per column
    total: int


def heat(count: int, largest: int) -> int:
    """0 for none, else 1..4 by the share of the largest count (integer arithmetic, no rounding drift)."""
    if count <= 0 or largest <= 0:
        return 0
    return min(HEAT_STEPS - 1, 1 + (count * (HEAT_STEPS - 1) - 1) // largest)


def cell_counts(risks: Iterable[PlacedRisk]) -> Counter:
    return Counter(r.cell for r in risks if r.cell is not None)


def by_area(risks: Iterable[PlacedRisk], levels: list[str]) -> list[HeatRow]:
    """Rows per area (most risks first, then by name), columns per level and one for "not assessed"."""
    counts: dict[str, Counter] = {}
    for risk in risks:
        counts.setdefault(risk.area, Counter())[risk.level] += 1
    columns = [*levels, None]
    largest = max((n for c in counts.values() for n in c.values()), default=0)
    rows = [HeatRow(area, [(c[level], heat(c[level], largest)) for level in columns], sum(c.values()))
            for area, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.total, r.label))
