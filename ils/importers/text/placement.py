"""Which column each value of a row belongs to, when the row lost its empty cells.

A row read from text without TABs ("0,3 % 0,6 % 0,6 % 2,7 % Tertial 1 2024") has its values
in order but not their columns. With as many values as columns there is nothing to decide.
With fewer, every order-keeping placement is scored by what the report format says about
its columns, and the best is taken – and marked as inferred, never passed off as read:

- the period (or frequency) is always the last cell;
- a word target ("Ökning", "Tas fram av nämnd") can only be a target;
- a nämndmål's indicators have no KF target; a KF goal's indicators have one;
- the outcomes of women and men come as a pair, and only beside an outcome;
- a yearly indicator ("2024") has no outcome in a tertial report;
- otherwise a column is the likelier filled the more often reports fill it: the annual target,
  then the outcome, the previous year's outcome, the forecast.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ils.domain.targets import TargetKind, parse_target
from ils.domain.values import parse_quantity

from .vocabulary import PERIOD_ONLY, fold

_LIKELIHOOD = {"target": 6.0, "kf_target": 6.5, "outcome": 5.0, "previous": 4.0, "forecast": 3.0,
               "outcome_men": 1.0, "outcome_women": 1.0}
_TARGETS = ("target", "kf_target")
_GENDER = ("outcome_men", "outcome_women")
_LAST = ("period", "frequency")


@dataclass
class Placement:
    cells: list[str]  # one per field, "" where nothing was placed
    inferred: tuple[str, ...]  # the fields placed (or left empty) by inference
    extra: list[str]  # values left over (more values than columns), leftmost first


def _is_word(value: str) -> bool:
    return not _is_bare_unit(value) and parse_quantity(value) is None and parse_target(value).kind not in (
        TargetKind.EMPTY, TargetKind.NUMBER)


def _is_bare_unit(value: str) -> bool:
    """A unit without its number ("%"): no word target, and no proof of a cell boundary."""
    return value.strip() == "%"


def _is_last(value: str) -> bool:
    return bool(PERIOD_ONLY.match(value)) or fold(value) in ("ar", "tertial", "halvar", "kvartal", "manad")


def place(values: list[str], fields: list[str | None], kf_level: bool, tertial: bool) -> Placement:
    """Place ``values`` (in order) into ``fields`` (the table's columns after the name)."""
    cells = [""] * len(fields)
    values = list(values)
    last = len(fields) - 1 if fields and fields[-1] in _LAST else None
    if last is not None and values and _is_last(values[-1]):
        cells[last] = values.pop()
    slots = [i for i, f in enumerate(fields) if i != last]
    extra: list[str] = []
    if len(values) > len(slots):
        extra, values = values[: len(values) - len(slots)], values[len(values) - len(slots):]
    # a row without its period lost a cell the text moved elsewhere: every column is a guess
    lost = (fields[last],) if last is not None and not cells[last] else ()
    if len(values) == len(slots):
        for slot, value in zip(slots, values):
            cells[slot] = value
        # a bare unit may be a number's half the text put apart: the order is then a guess
        guessed = any(map(_is_bare_unit, values)) or lost
        return Placement(cells, tuple(fields[i] for i in slots) + lost if guessed else (), extra)
    yearly = last is not None and bool(cells[last]) and cells[last].isdigit()
    best, best_score = None, float("-inf")
    for chosen in combinations(slots, len(values)):
        score = _score([fields[i] for i in chosen], values, kf_level, tertial and yearly)
        if score > best_score:
            best, best_score = chosen, score
    if best is None or best_score == float("-inf"):
        return Placement(cells, lost, extra + values)  # nothing fits: the caller warns
    for slot, value in zip(best, values):
        cells[slot] = value
    # Which cells stay empty is as much a guess as where the values go.
    return Placement(cells, tuple(fields[i] for i in slots) + lost, extra)


def _score(chosen: list[str | None], values: list[str], kf_level: bool, yearly_in_tertial: bool) -> float:
    score = 0.0
    for field, value in zip(chosen, values):
        if field is None:
            return float("-inf")
        if _is_word(value) and field not in _TARGETS:
            return float("-inf")
        if field == "kf_target" and not kf_level:
            return float("-inf")
        if field == "outcome" and yearly_in_tertial:
            score -= 4
        score += _LIKELIHOOD.get(field, 0.5)
    gender = [f for f in chosen if f in _GENDER]
    if gender and (len(gender) != 2 or "outcome" not in chosen):
        return float("-inf")
    return score
