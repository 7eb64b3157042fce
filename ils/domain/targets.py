"""Annual targets (årsmål) and the status of an indicator against them.

A target cell is often a number ("60 %") but may be a word: a direction ("Ökning"), a bound
("Max 10 personer"), a tolerance band ("+/- 1 %"), or a note that the target is set elsewhere
("Tas fram av nämnd", "Fastställs 2025"). PDF text adds broken words ("Faststäl ls 2024",
"nämnd/s tyrelse"), so word targets are matched with spaces removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .values import Quantity, normalise_spaces, parse_quantity


class TargetKind(StrEnum):
    NUMBER = "number"
    INCREASE = "increase"  # "Ökning"
    DECREASE = "decrease"  # "Minskning"
    MAX = "max"  # "Max 10 personer"
    MIN = "min"  # "Minst 90 %"
    TOLERANCE = "tolerance"  # "+/- 1 %"
    SET_BY_COMMITTEE = "set_by_committee"  # "Tas fram av nämnd[/styrelse]"
    TO_BE_SET = "to_be_set"  # "Fastställs 2025", "Fastställt 2024"
    TEXT = "text"  # any other word
    EMPTY = "empty"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    WITHIN_RANGE = "range"
    UNKNOWN = "unknown"


class IndicatorStatus(StrEnum):
    MET = "met"  # uppnås helt
    PARTLY_MET = "partly"  # uppnås delvis
    NOT_MET = "not_met"  # uppnås inte
    NOT_MEASURABLE = "not_measurable"  # no value or no comparable target


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    text: str = ""
    value: Decimal | None = None
    unit: str = ""
    year: int | None = None

    @property
    def is_numeric(self) -> bool:
        return self.value is not None

    def json_value(self):
        """Numbers as numbers, word targets as their text, empty as None."""
        if self.kind is TargetKind.EMPTY:
            return None
        if self.kind is TargetKind.NUMBER:
            return self.value
        return self.text


EMPTY_TARGET = Target(TargetKind.EMPTY)

_SQUASH = re.compile(r"[\s\-]+")


def _squashed(text: str) -> str:
    return _SQUASH.sub("", text.lower())


_TOLERANCE = re.compile(r"^\+\s*/\s*-\s*(?P<rest>.+)$")
_BOUND = re.compile(r"^(?P<word>max(?:imalt)?|högst|min(?:st|imum)?|lägst)\.?\s+(?P<rest>.+)$", re.I)
_YEAR = re.compile(r"(19|20)\d\d")


def parse_target(cell: str) -> Target:
    """Classify a target cell; unknown words are kept as TEXT, never dropped."""
    text = " ".join(normalise_spaces(cell).split())
    if not text:
        return EMPTY_TARGET
    squashed = _squashed(text)
    if squashed.startswith(("ökning", "öka", "ökar")):
        return Target(TargetKind.INCREASE, text)
    if squashed.startswith(("minskning", "minska")):
        return Target(TargetKind.DECREASE, text)
    if squashed.startswith("tasframav"):
        return Target(TargetKind.SET_BY_COMMITTEE, text)
    if squashed.startswith(("fastställ", "faststäl")):
        year = _YEAR.search(text)
        return Target(TargetKind.TO_BE_SET, text, year=int(year.group()) if year else None)
    if tolerance := _TOLERANCE.match(text):
        quantity = parse_quantity(tolerance.group("rest"))
        if quantity is not None:
            return Target(TargetKind.TOLERANCE, text, quantity.value, quantity.unit)
    if bound := _BOUND.match(text):
        quantity = parse_quantity(bound.group("rest"))
        if quantity is not None:
            kind = TargetKind.MAX if bound.group("word").lower().startswith(("max", "hög")) else TargetKind.MIN
            return Target(kind, text, quantity.value, quantity.unit)
    quantity = parse_quantity(text)
    if quantity is not None:
        return Target(TargetKind.NUMBER, text, quantity.value, quantity.unit)
    return Target(TargetKind.TEXT, text)


# Words in an indicator name that tell which way is better when the target does not.
_LOWER_WORDS = (
    "minskar", "sjukfrånvaro", "vräkning", "ekonomiskt bistånd", "klimatpåverkan",
    "köpt energi", "energianvändning", "timavlönad", "antal barn per", "utsläpp",
    "återaktualiser", "personalkontinuitet", "antal personal", "konsult", "väntetid",
    "hemlös", "placerade", "avhopp", "skador",
)
_HIGHER_WORDS = ("ökar", "nöjd", "andel", "index", "antal")


def infer_direction(name: str, target: Target = EMPTY_TARGET, kf_target: Target = EMPTY_TARGET) -> Direction:
    """Best guess of which way is better, from the targets first and the name second."""
    for t in (target, kf_target):
        if t.kind in (TargetKind.MAX, TargetKind.DECREASE):
            return Direction.LOWER_IS_BETTER
        if t.kind in (TargetKind.MIN, TargetKind.INCREASE):
            return Direction.HIGHER_IS_BETTER
        if t.kind is TargetKind.TOLERANCE:
            return Direction.WITHIN_RANGE
    lowered = name.lower()
    squashed = lowered.replace(" ", "")  # PDF text breaks words: "Medskapandeinde x"
    if any(word in lowered or word.replace(" ", "") in squashed for word in _LOWER_WORDS):
        return Direction.LOWER_IS_BETTER
    if any(word in squashed for word in _HIGHER_WORDS):
        return Direction.HIGHER_IS_BETTER
    return Direction.UNKNOWN


# How far from a numeric target still counts as "delvis": 10 % of the target value.
PARTLY_MET_MARGIN = Decimal("0.10")


def evaluate(value: Quantity | None, target: Target, direction: Direction,
             margin: Decimal = PARTLY_MET_MARGIN) -> IndicatorStatus:
    """Status of a value against a target, in the direction that is better.

    Within ``margin`` (relative to the target) on the wrong side counts as partly met; beyond it
    as not met. A tolerance target is met inside the band, partly met within twice the band.
    """
    if value is None or target.value is None:
        return IndicatorStatus.NOT_MEASURABLE
    actual, goal = value.value, target.value
    if target.kind is TargetKind.TOLERANCE:
        distance = abs(actual)
        if distance <= goal:
            return IndicatorStatus.MET
        return IndicatorStatus.PARTLY_MET if distance <= 2 * goal else IndicatorStatus.NOT_MET
    if target.kind is TargetKind.MAX:
        direction = Direction.LOWER_IS_BETTER
    elif target.kind is TargetKind.MIN:
        direction = Direction.HIGHER_IS_BETTER
    if direction is Direction.UNKNOWN or direction is Direction.WITHIN_RANGE:
        if actual == goal:
            return IndicatorStatus.MET
        return IndicatorStatus.NOT_MEASURABLE
    shortfall = goal - actual if direction is Direction.HIGHER_IS_BETTER else actual - goal
    if shortfall <= 0:
        return IndicatorStatus.MET
    allowed = abs(goal) * margin
    return IndicatorStatus.PARTLY_MET if shortfall <= allowed else IndicatorStatus.NOT_MET
