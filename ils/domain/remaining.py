"""What is left before a document can be submitted, approved and locked: a pure rule over its state.

The persistence layer describes the document's parts (text parts and goals), indicators and
decisions as the small records below; `remaining` returns every gap in document order. A gap is
*blocking* when it stops a submission (a required text that is empty, a goal without assessment,
a miss without analysis, an activity's Avvikelse not described); the others are to-dos the
writers and the controller see in the list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from textwrap import shorten

from .model import Period
from .workflow import Status

# Decision texts that name an amount or ask for money ("begär budgetjustering om 0,7 mnkr").
_AMOUNT = re.compile(r"\d[\d  ]*(?:,\d+)?\s*(?:mnkr|miljoner kronor|tkr|kronor|kr)\b", re.I)
_MONEY_WORDS = re.compile(r"budgetjuster|omslutningsförändring|resultatöverföring|ombudgeter|ansökan om \d",
                          re.I)


@dataclass(frozen=True)
class PartState:
    key: str
    heading: str
    status: Status
    required: bool = False
    always: bool = False
    empty: bool = True
    level: int = 1


@dataclass(frozen=True)
class IndicatorState:
    name: str
    has_outcome: bool
    period: str = ""
    frequency: str = ""
    misses: bool = False  # the value does not reach the target
    has_analysis: bool = False


@dataclass(frozen=True)
class GoalState:
    number: str
    title: str
    status: Status
    assessment: str = ""  # "helt", "delvis", "inte" or ""
    proposal: str = ""  # what the evidence proposes now
    assessed_proposal: str = ""  # what it proposed when the writer assessed
    indicators: tuple[IndicatorState, ...] = field(default=())
    # the texts of the goal's activities whose status is Avvikelse but whose deviation is not described
    undescribed_deviations: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class DecisionState:
    number: int
    text: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class JudgementState:
    """The VB's judgement of the internal control, for a committee that keeps its analysis here:
    it fills the part ``part_key``; without a status that part is a gap."""

    judgement: str  # "tillracklig", "delvis", "inte" or ""
    part_key: str
    heading: str


@dataclass(frozen=True)
class Gap:
    kind: str
    item: str  # "textdel:KEY", "mal:NUMBER", "beslut:N"
    where: str  # the part's heading, "Mål 1.1.1", "Beslutspunkt 2"
    message: str
    blocking: bool = False


KINDS = {
    "tom": "Obligatorisk text saknas",
    "ej-klar": "Inte klar för granskning",
    "ej-godkand": "Inte godkänd",
    "ej-bedomd": "Målet saknar bedömning",
    "utfall": "Utfall saknas",
    "analys": "Analys saknas för ett värde som inte når målet",
    "belopp": "Beslutspunkten saknar belopp",
    "forslag": "Förslaget har ändrats efter bedömningen",
    "avvikelse": "Avvikelsen är inte beskriven",
    "intern-kontroll": "Bedömningen av den interna kontrollen saknas",
}


def outcome_needed(period: Period, indicator: IndicatorState) -> bool:
    """A VB needs every outcome, a VP none; a tertial report those measured per tertial (or month,
    quarter, and at T2 half-year), as the indicator's period or frequency says."""
    if period is Period.VP:
        return False
    if period is Period.VB:
        return True
    words = f"{indicator.period} {indicator.frequency}".lower()
    wanted = ["tertial", "månad", "kvartal"] + (["halvår"] if period is Period.T2 else [])
    return any(word in words for word in wanted)


def part_gaps(part: PartState) -> list[Gap]:
    item = f"textdel:{part.key}"
    if part.empty and part.always:
        return [Gap("tom", item, part.heading, "Delen ska finnas med: skriv texten, eller \"Inte aktuellt\" "
                    "om inget finns att redovisa.", blocking=True)]
    if part.empty and part.required:
        return [Gap("tom", item, part.heading, "Obligatorisk text saknas.", blocking=True)]
    return []


def goal_gaps(period: Period, goal: GoalState) -> list[Gap]:
    item, where, gaps = f"mal:{goal.number}", f"Mål {goal.number}", []
    if period is not Period.VP and not goal.assessment:
        gaps.append(Gap("ej-bedomd", item, where, "Målet saknar bedömning.", blocking=True))
    for indicator in goal.indicators:
        if not indicator.has_outcome and outcome_needed(period, indicator):
            gaps.append(Gap("utfall", item, where, f"Utfall saknas för indikatorn \"{indicator.name}\"."))
        if indicator.misses and not indicator.has_analysis:
            gaps.append(Gap("analys", item, where, f"Indikatorn \"{indicator.name}\" når inte målet och saknar "
                            "analys.", blocking=True))
    for activity in goal.undescribed_deviations:
        gaps.append(Gap("avvikelse", item, where, f"Aktiviteten har avvikelse men avvikelsen är inte beskriven: "
                        f"\"{shorten(activity, 80, placeholder=' …')}\".", blocking=True))
    if goal.assessment and goal.assessed_proposal and goal.proposal and goal.proposal != goal.assessed_proposal:
        gaps.append(Gap("forslag", item, where, "Förslaget till bedömning har ändrats sedan målet bedömdes; "
                        "se över bedömningen."))
    return gaps


def decision_gaps(decision: DecisionState) -> list[Gap]:
    if decision.amount is None and (_AMOUNT.search(decision.text) or _MONEY_WORDS.search(decision.text)):
        return [Gap("belopp", f"beslut:{decision.number}", f"Beslutspunkt {decision.number}",
                    "Texten anger ett belopp men beslutspunkten har inget belopp.")]
    return []


def judgement_gaps(state: JudgementState) -> list[Gap]:
    if state.judgement:
        return []
    return [Gap("intern-kontroll", f"textdel:{state.part_key}", state.heading,
                "Nämndens bedömning av den interna kontrollen saknas: ange status (tillräcklig, delvis "
                "tillräcklig eller inte tillräcklig) och analys i uppföljningen av den interna kontrollen i "
                "verksamhetsberättelsen.", blocking=True)]


def workflow_gaps(item: str, where: str, status: Status, stage: Status) -> list[Gap]:
    """A part that has not reached ``stage`` (granskning before the document is submitted, godkänd
    before it is locked)."""
    order = [Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.LOCKED]
    if order.index(status) >= order.index(stage):
        return []
    if stage is Status.IN_REVIEW:
        return [Gap("ej-klar", item, where, "Inte klar för granskning.")]
    return [Gap("ej-godkand", item, where, f"Inte godkänd (status: {status.label.lower()}).")]


def remaining(period: Period, parts: list[PartState], goals: list[GoalState],
              decisions: list[DecisionState], judgement: JudgementState | None = None) -> list[Gap]:
    """Every gap of the document: decisions, text parts, then goals, each in document order. With
    ``judgement`` (a VB whose committee keeps its internal control here) the judgement's part is a
    gap while the judgement has no status, in place of the empty text."""
    gaps: list[Gap] = []
    for decision in decisions:
        gaps += decision_gaps(decision)
    pending = judgement_gaps(judgement) if judgement is not None else []
    for part in _relevant(parts):
        if pending and part.key == judgement.part_key:
            gaps += pending
            pending = []
        else:
            gaps += part_gaps(part)
        gaps += workflow_gaps(f"textdel:{part.key}", part.heading, part.status, Status.IN_REVIEW)
    gaps += pending  # the template has no such part
    for goal in goals:
        gaps += goal_gaps(period, goal)
        gaps += workflow_gaps(f"mal:{goal.number}", f"Mål {goal.number}", goal.status, Status.IN_REVIEW)
    return gaps


def unapproved(parts: list[PartState], goals: list[GoalState],
               internal_control: tuple[str, Status] | None = None) -> list[Gap]:
    """What stops the lock: every text part and goal must be approved, and the internal control's
    part the document decides (the VP's risk analysis and control plan, a follow-up's follow-up),
    given as its name and status, since the committee decides it with the document."""
    gaps: list[Gap] = []
    if internal_control is not None:
        gaps += workflow_gaps("internkontroll", *internal_control, Status.APPROVED)
    for part in _relevant(parts):
        gaps += workflow_gaps(f"textdel:{part.key}", part.heading, part.status, Status.APPROVED)
    for goal in goals:
        gaps += workflow_gaps(f"mal:{goal.number}", f"Mål {goal.number}", goal.status, Status.APPROVED)
    return gaps


def _relevant(parts: list[PartState]) -> list[PartState]:
    """An empty optional part is not printed, so nobody has to submit or approve it."""
    return [p for p in parts if not p.empty or p.required or p.always]


def summary(gaps: list[Gap], limit: int = 8) -> str:
    """The gaps as one Swedish sentence for a refusal message."""
    items = [f"{g.where}: {g.message}" for g in gaps[:limit]]
    more = f" … och {len(gaps) - limit} till" if len(gaps) > limit else ""
    return "; ".join(items) + more
