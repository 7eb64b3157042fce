"""Internal control: the city's risk matrix, a committee's risks, controls, follow-ups and judgement.

The matrix is configured by the city per year and copied (frozen) into each committee's analysis,
so a later change of the city's scale never moves a decided risk. A score on an axis lands in the
first level whose inclusive upper bound it does not exceed, compared as exact Decimals: 3,0 stays in
cell 3 and 3,2 goes to cell 4 (Stratsys' mapping, without binary floating point at the borders).
The risk value is probability x consequence; its level is the matrix cell's level.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from .values import format_number

MAX_LEVELS = 10
HEX_COLOUR_LENGTH = 7


class MatrixError(ValueError):
    """A matrix definition or a score that does not fit the matrix; the message is for the person."""


@dataclass(frozen=True)
class ScaleLevel:
    name: str
    text: str
    upto: Decimal  # inclusive upper bound of the scores in this cell


@dataclass(frozen=True)
class RiskLevel:
    name: str
    colour: str  # "#rrggbb"
    needs_treatment: bool = False  # a risk at this level needs a control, an action or a motivated acceptance


@dataclass(frozen=True)
class RiskMatrix:
    probability: tuple[ScaleLevel, ...]
    consequence: tuple[ScaleLevel, ...]
    levels: tuple[RiskLevel, ...]
    grid: tuple[tuple[int, ...], ...]  # grid[probability cell][consequence cell] -> index in levels
    minimum: Decimal = Decimal(0)  # scores must be above this

    def __post_init__(self):
        for label, scale in (("sannolikhet", self.probability), ("konsekvens", self.consequence)):
            if not 2 <= len(scale) <= MAX_LEVELS:
                raise MatrixError(f"Skalan för {label} ska ha 2–{MAX_LEVELS} nivåer.")
            bounds = [self.minimum, *(s.upto for s in scale)]
            if any(b <= a for a, b in zip(bounds, bounds[1:])):
                raise MatrixError(f"Gränserna för {label} ska öka från nivå till nivå.")
            if any(not s.name.strip() for s in scale):
                raise MatrixError(f"Varje nivå för {label} behöver ett namn.")
        if not 1 <= len(self.levels) <= MAX_LEVELS:
            raise MatrixError(f"Matrisen ska ha 1–{MAX_LEVELS} risknivåer.")
        for level in self.levels:
            if not level.name.strip():
                raise MatrixError("Varje risknivå behöver ett namn.")
            if not _is_colour(level.colour):
                raise MatrixError(f"Färgen för risknivån {level.name} ska skrivas #rrggbb.")
        if len(self.grid) != len(self.probability) or any(len(row) != len(self.consequence) for row in self.grid):
            raise MatrixError("Matrisen ska ha en cell per sannolikhet och konsekvens.")
        if any(not 0 <= cell < len(self.levels) for row in self.grid for cell in row):
            raise MatrixError("Varje cell i matrisen ska ange en av risknivåerna.")

    def cell(self, axis: Sequence[ScaleLevel], score: Decimal, label: str) -> int:
        """The 1-based cell of ``score`` on an axis; exact Decimal comparison against the bounds."""
        if not isinstance(score, Decimal) or not score.is_finite():
            raise MatrixError(f"{label.capitalize()} ska vara ett tal.")
        if score <= self.minimum or score > axis[-1].upto:
            raise MatrixError(f"{label.capitalize()} ska vara över {format_number(self.minimum)} "
                              f"och högst {format_number(axis[-1].upto)}.")
        return next(i for i, level in enumerate(axis, 1) if score <= level.upto)

    def probability_cell(self, score: Decimal) -> int:
        return self.cell(self.probability, score, "sannolikhet")

    def consequence_cell(self, score: Decimal) -> int:
        return self.cell(self.consequence, score, "konsekvens")

    def assess(self, probability: Decimal, consequence: Decimal) -> Placement:
        p, c = self.probability_cell(probability), self.consequence_cell(consequence)
        return Placement(p, c, probability * consequence, self.grid[p - 1][c - 1])

    def to_json(self) -> dict:
        scale = lambda levels: [{"name": s.name, "text": s.text, "upto": str(s.upto)} for s in levels]  # noqa: E731
        return {"minimum": str(self.minimum), "probability": scale(self.probability),
                "consequence": scale(self.consequence),
                "levels": [{"name": lv.name, "colour": lv.colour, "needs_treatment": lv.needs_treatment}
                           for lv in self.levels],
                "grid": [list(row) for row in self.grid]}

    @classmethod
    def from_json(cls, data: dict) -> RiskMatrix:
        try:
            scale = lambda items: tuple(ScaleLevel(str(i["name"]), str(i.get("text", "")), Decimal(str(i["upto"])))  # noqa: E731
                                        for i in items)
            return cls(scale(data["probability"]), scale(data["consequence"]),
                       tuple(RiskLevel(str(lv["name"]), str(lv["colour"]), bool(lv.get("needs_treatment")))
                             for lv in data["levels"]),
                       tuple(tuple(int(c) for c in row) for row in data["grid"]),
                       Decimal(str(data.get("minimum", "0"))))
        except (KeyError, TypeError, ValueError, InvalidOperation) as error:
            if isinstance(error, MatrixError):
                raise
            raise MatrixError("Matrisens definition är ofullständig eller felaktig.") from error


def _is_colour(text: str) -> bool:
    return len(text) == HEX_COLOUR_LENGTH and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:])


@dataclass(frozen=True)
class Placement:
    """Where a risk lands: its cells, its value and the index of its level."""

    probability_cell: int
    consequence_cell: int
    value: Decimal
    level: int


def default_matrix() -> RiskMatrix:
    """The 4x4 matrix of the city's guidelines for internal control, as a starting point each year."""
    probability = (("Osannolik", "Risken förekommer nästan aldrig."),
                   ("Mindre sannolik", "Risken kan inträffa någon gång under en längre period."),
                   ("Möjlig", "Risken kan inträffa under året."),
                   ("Sannolik", "Risken inträffar troligen flera gånger under året."))
    consequence = (("Försumbar", "Obetydlig påverkan på verksamhet, ekonomi eller förtroende."),
                   ("Lindrig", "Märkbar men hanterbar påverkan."),
                   ("Kännbar", "Allvarlig påverkan på verksamheten eller stadens förtroende."),
                   ("Allvarlig", "Mycket allvarlig påverkan: liv, hälsa, stora belopp eller förtroendet."))
    levels = (RiskLevel("Låg", "#2e7d32"), RiskLevel("Medel", "#f9a825"),
              RiskLevel("Hög", "#ef6c00", True), RiskLevel("Mycket hög", "#c62828", True))

    def level_of(value: int) -> int:
        return 0 if value <= 2 else 1 if value <= 4 else 2 if value <= 9 else 3

    return RiskMatrix(tuple(ScaleLevel(n, t, Decimal(i)) for i, (n, t) in enumerate(probability, 1)),
                      tuple(ScaleLevel(n, t, Decimal(i)) for i, (n, t) in enumerate(consequence, 1)),
                      levels, tuple(tuple(level_of(p * c) for c in range(1, 5)) for p in range(1, 5)))


class Treatment(StrEnum):
    NONE = ""
    CONTROL = "kontroll"
    ACTION = "atgard"
    ACCEPTANCE = "acceptans"

    @property
    def label(self) -> str:
        return {"": "Inte vald", "kontroll": "Kontrollmoment", "atgard": "Åtgärd",
                "acceptans": "Accepteras"}[self.value]


class Method(StrEnum):
    SAMPLE = "stickprov"
    REGISTER = "registerkontroll"
    RECONCILIATION = "avstamning"
    REVIEW = "genomgang"
    SELF_ASSESSMENT = "sjalvskattning"
    OTHER = "annan"

    @property
    def label(self) -> str:
        return {"stickprov": "Stickprov", "registerkontroll": "Registerkontroll", "avstamning": "Avstämning",
                "genomgang": "Genomgång", "sjalvskattning": "Självskattning", "annan": "Annan metod"}[self.value]


class Frequency(StrEnum):
    ONCE = "en-gang"
    YEARLY = "arligen"
    TERTIAL = "tertialvis"
    QUARTERLY = "kvartalsvis"
    MONTHLY = "manadsvis"
    CONTINUOUS = "lopande"

    @property
    def label(self) -> str:
        return {"en-gang": "En gång", "arligen": "Årligen", "tertialvis": "Tertialvis",
                "kvartalsvis": "Kvartalsvis", "manadsvis": "Månadsvis", "lopande": "Löpande"}[self.value]


FOLLOW_UP_PERIODS = ("T1", "T2", "VB")
# The bilagor's titles, as in the real VP and VB (the year follows).
PLAN_TITLE = "Väsentlighets- och riskanalys samt internkontrollplan"
FOLLOW_UP_TITLE = "Uppföljning av intern kontroll"


class Judgement(StrEnum):
    SUFFICIENT = "tillracklig"
    PARTLY = "delvis"
    INSUFFICIENT = "inte"

    @property
    def label(self) -> str:
        return {"tillracklig": "Tillräcklig", "delvis": "Delvis tillräcklig",
                "inte": "Inte tillräcklig"}[self.value]


def judgement_markup(judgement: Judgement | None, analysis: str) -> str:
    """The VB part "Bedömning av nämndens interna kontroll" as the Markdown subset: the status in
    bold, then the analysis as written; empty without a status."""
    from . import markup

    if judgement is None:
        return ""
    status = f"**Bedömning:** {judgement.label}."
    return f"{status}\n\n{markup.from_plain(analysis)}" if analysis.strip() else status


@dataclass(frozen=True)
class Risk:
    key: int  # the stored row's id, or a row number before storing
    area: str
    description: str
    probability: Decimal | None  # None: not yet assessed (an area the city pushed, say)
    consequence: Decimal | None
    value: Decimal | None
    level: int | None
    category: str = ""
    city_designated: bool = False
    treatment: Treatment = Treatment.NONE
    motivation: str = ""
    action: str = ""
    previous_level: int | None = None  # its level in last year's analysis, when carried over


@dataclass(frozen=True)
class Control:
    key: int
    risk: int  # the key of the risk it checks
    what: str
    method: Method
    frequency: Frequency
    responsible: str = ""
    when: str = ""
    reported_in: tuple[str, ...] = ("VB",)


@dataclass(frozen=True)
class FollowUp:
    control: int
    period: str
    carried_out: bool | None  # None: not yet reported
    result: str = ""
    deviations: str = ""
    action: str = ""
    action_owner: str = ""

    @property
    def has_deviation(self) -> bool:
        return bool(self.deviations.strip())


@dataclass(frozen=True)
class Analysis:
    committee: str
    year: int
    matrix: RiskMatrix
    risks: tuple[Risk, ...] = ()
    controls: tuple[Control, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    judgement: Judgement | None = None
    judgement_analysis: str = ""

    def controls_of(self, risk: Risk) -> list[Control]:
        return [c for c in self.controls if c.risk == risk.key]

    def follow_up(self, control: Control, period: str) -> FollowUp | None:
        return next((f for f in self.follow_ups if f.control == control.key and f.period == period), None)


# --- input --------------------------------------------------------------------------------------

def parse_score(text: str | Decimal, label: str) -> Decimal:
    """A score as the person writes it: "3", "2,5" or "2.5"; exact, never a float."""
    if isinstance(text, Decimal):
        return text
    cleaned = str(text).strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise MatrixError(f"{label.capitalize()}: '{text}' är inte ett tal.") from None
    if not value.is_finite() or len(cleaned) > 12:
        raise MatrixError(f"{label.capitalize()}: '{text}' är inte ett tal.")
    return value


def new_risk(matrix: RiskMatrix, key: int, area: str, description: str, probability, consequence,
             **fields) -> Risk:
    """A risk whose value and level follow from its scores on this matrix."""
    p, c = parse_score(probability, "sannolikhet"), parse_score(consequence, "konsekvens")
    where = matrix.assess(p, c)
    return Risk(key, area, description, p, c, where.value, where.level, **fields)


def scored(matrix: RiskMatrix, probability, consequence) -> dict:
    """probability, consequence, value and level for scores as written; both empty: not assessed."""
    empty = lambda v: v is None or str(v).strip() == ""  # noqa: E731
    if empty(probability) and empty(consequence):
        return {"probability": None, "consequence": None, "value": None, "level": None}
    if empty(probability) or empty(consequence):
        raise MatrixError("Ange både sannolikhet och konsekvens, eller ingen av dem.")
    p, c = parse_score(probability, "sannolikhet"), parse_score(consequence, "konsekvens")
    where = matrix.assess(p, c)
    return {"probability": p, "consequence": c, "value": where.value, "level": where.level}


# --- the chart's data ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MatrixCell:
    probability: int
    consequence: int
    level: RiskLevel
    count: int


def cell_counts(matrix: RiskMatrix, risks: Iterable[Risk]) -> list[list[MatrixCell]]:
    """Rows from the highest probability down, as the matrix is drawn; counts of risks per cell."""
    counts: dict[tuple[int, int], int] = {}
    for risk in risks:
        if risk.probability is None or risk.consequence is None:
            continue
        try:
            key = (matrix.probability_cell(risk.probability), matrix.consequence_cell(risk.consequence))
        except MatrixError:
            continue
        counts[key] = counts.get(key, 0) + 1
    return [[MatrixCell(p, c, matrix.levels[matrix.grid[p - 1][c - 1]], counts.get((p, c), 0))
             for c in range(1, len(matrix.consequence) + 1)]
            for p in range(len(matrix.probability), 0, -1)]


def level_counts(matrix: RiskMatrix, risks: Iterable[Risk]) -> list[tuple[RiskLevel, int]]:
    risks = list(risks)
    return [(level, sum(1 for r in risks if r.level == i)) for i, level in enumerate(matrix.levels)]


# --- carry-over ---------------------------------------------------------------------------------

def not_carried_out(analysis: Analysis) -> list[Control]:
    """Controls the VB does not report as carried out (not reported counts as not carried out)."""
    return [c for c in analysis.controls
            if not ((f := analysis.follow_up(c, "VB")) and f.carried_out)]


def open_risks(analysis: Analysis) -> list[Risk]:
    """Risks still open at year end: not accepted, and either untreated, treated by an action only
    (its effect unverified by any control), or checked by a control that was not carried out or
    found deviations in the VB."""
    missing = {c.key for c in not_carried_out(analysis)}
    open_ = []
    for risk in analysis.risks:
        if risk.treatment is Treatment.ACCEPTANCE and risk.motivation.strip():
            continue
        if risk.level is None:
            open_.append(risk)
            continue
        controls = analysis.controls_of(risk)
        deviating = any((f := analysis.follow_up(c, "VB")) and f.has_deviation for c in controls)
        if not controls or deviating or any(c.key in missing for c in controls):
            open_.append(risk)
    return open_


@dataclass(frozen=True)
class CarryOver:
    risks: tuple[Risk, ...]  # with previous_level set
    controls: tuple[Control, ...]  # keys of their risks refer to the risks above


def carry_over(analysis: Analysis) -> CarryOver:
    """What next year's plan starts from: open risks, and controls not carried out with their risks."""
    risks = {r.key: r for r in open_risks(analysis)}
    controls = not_carried_out(analysis)
    by_key = {r.key: r for r in analysis.risks}
    for control in controls:
        risks.setdefault(control.risk, by_key[control.risk])
    kept = tuple(replace(r, previous_level=r.level) for r in analysis.risks if r.key in risks)
    return CarryOver(kept, tuple(controls))
