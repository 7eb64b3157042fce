"""Counts and figures in the prose, checked against the document's own data.

Reports are partly generated from templates ("fem av sex KF-indikatorer", "samtliga 21
nämndmål bedöms uppfyllas helt", "KF-aktiviteterna kommer att genomföras"); when the data
change and the text does not, they disagree. A claim is read in its context: inside a goal it
is about that goal's rows and children; in the summary it is about the whole document, or the
inriktningsmål a section is named after.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..assessment import Assessment
from ..model import Document, Goal, GoalLevel
from ..values import parse_number
from .findings import Finding, FindingKind
from .swedish_numbers import PATTERN, to_int

_NOUNS = (r"KF-indikator\w*|indikator\w*|förväntade? resultat|KF-aktivitet\w*|aktivitet\w*|"
          r"nämndmål\w*|mål för verksamhetsområde\w*|inriktningsmål\w*")
_X_OF_Y = re.compile(rf"\b(?P<x>{PATTERN})\s+av\s+(?P<y>{PATTERN})\s+(?P<noun>{_NOUNS})", re.I)
_N_GOALS = re.compile(rf"\b(?P<n>{PATTERN})\s+(?P<noun>nämndmål|mål för verksamhetsområdet|"
                      r"inriktningsmål)\b", re.I)
_FULFILLED = re.compile(r"uppfyll\w*\s+helt", re.I)
_PERCENT = re.compile(r"(?P<part>\d{1,3}(?: \d{3})+|\d+)\s+[a-zåäö]+,\s+(?P<pct>\d+(?:,\d+)?)\s*procent",
                      re.I)
_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+|\d+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


@dataclass
class _Text:
    text: str
    line: int
    goal: Goal | None  # the goal the text is about, None for the whole report


def _texts(doc: Document) -> Iterator[_Text]:
    im_by_title = {g.title.strip().lower(): g for g in doc.goals if g.level is GoalLevel.INRIKTNINGSMAL}
    if doc.summary:
        yield _Text(doc.summary, 1, None)
    for section in doc.sections:
        yield _Text(section.text, section.line, im_by_title.get(section.heading.strip().lower()))
    for goal in doc.goals:
        if goal.analysis:
            yield _Text(goal.analysis, goal.analysis_line or goal.line, goal)
        for section in goal.sections:
            if section.text:
                yield _Text(section.text, section.line, goal)


def _descendants(doc: Document, goal: Goal | None, level: GoalLevel) -> list[Goal]:
    prefix = "" if goal is None else goal.number + "."
    return [g for g in doc.goals if g.level is level and g.number.startswith(prefix)]


def _count(doc: Document, where: _Text, noun: str) -> tuple[int, list[Goal]] | None:
    """How many of ``noun`` the text's context has, and the goals counted (for goal nouns)."""
    noun = noun.lower()
    goal = where.goal
    if noun.startswith("nämndmål"):
        goals = _descendants(doc, goal, GoalLevel.NAMNDMAL)
        return len(goals), goals
    if noun.startswith("mål för verksamhetsområde"):
        goals = _descendants(doc, goal, GoalLevel.KF_MAL)
        return len(goals), goals
    if noun.startswith("inriktningsmål"):
        goals = _descendants(doc, None, GoalLevel.INRIKTNINGSMAL)
        return len(goals), goals
    if goal is None:
        return None
    if noun.startswith("kf-indikator"):
        return sum(i.kf for i in doc.indicators_of(goal.number)), []
    if noun.startswith("indikator"):
        return len(doc.indicators_of(goal.number)), []
    if noun.startswith("kf-aktivitet"):
        return sum(a.kf_assignment for a in doc.activities_of(goal.number)), []
    if noun.startswith("aktivitet"):
        return len(doc.activities_of(goal.number)), []
    return len(goal.expected_results), []


def check_narrative(doc: Document) -> Iterator[Finding]:
    for where in _texts(doc):
        for sentence in _SENTENCE.split(where.text):
            yield from _counts(doc, where, sentence)
            yield from _percentages(where, sentence)
        if where.goal is not None and "Bedömningen grund" in where.text:
            yield from _grammatical_number(doc, where)


def _about(where: _Text) -> str:
    return f"mål {where.goal.number}" if where.goal else "rapporten"


def _counts(doc: Document, where: _Text, sentence: str) -> Iterator[Finding]:
    claimed_spans = []
    for match in _X_OF_Y.finditer(sentence):
        claimed_spans.append(match.span("y"))
        x, y = to_int(match["x"]), to_int(match["y"])
        counted = _count(doc, where, match["noun"])
        if x is None or y is None or counted is None:
            continue
        if y != counted[0]:
            yield Finding(FindingKind.NARRATIVE, where.line,
                          f"Texten om {_about(where)} säger '{match.group(0)}' men det finns "
                          f"{counted[0]} ({match['noun']})", where.goal and where.goal.number)
        elif (match["noun"].lower().startswith("förväntade") and x < y and where.goal is not None
              and where.goal.assessment is Assessment.HELT):
            yield Finding(FindingKind.ASSESSMENT, where.line,
                          f"Mål {where.goal.number} bedöms uppfyllas helt men texten säger att "
                          f"'{match.group(0)}' uppnås", where.goal.number)
    for match in _N_GOALS.finditer(sentence):
        if any(start <= match.start("n") < end for start, end in claimed_spans):
            continue
        n = to_int(match["n"])
        counted = _count(doc, where, match["noun"])
        if n is None or counted is None:
            continue
        total, goals = counted
        if n != total:
            yield Finding(FindingKind.NARRATIVE, where.line,
                          f"Texten om {_about(where)} talar om '{match.group(0)}' men det finns "
                          f"{total}", where.goal and where.goal.number)
        elif _FULFILLED.search(sentence) and "samtliga" in sentence.lower():
            not_full = [g.number for g in goals if g.assessment is not Assessment.HELT]
            if not_full:
                yield Finding(FindingKind.NARRATIVE, where.line,
                              f"Texten säger att samtliga {match['noun']} uppfylls helt, men "
                              f"{', '.join(not_full)} bedöms inte uppfyllas helt",
                              where.goal and where.goal.number)


_GRAMMAR = (
    (re.compile(r"\bKF-aktivitete(n|rna)\b"), "KF-aktivitet"),
    (re.compile(r"\bKF-indikator(n|erna)\b"), "KF-indikator"),
    (re.compile(r"\b(?:och|att|samt)\s+(?:de\s+)?aktivitete(n|rna)\b"), "aktivitet"),
    (re.compile(r"\b(?:och|att|samt)\s+indikator(n|erna)\b"), "indikator"),
)


def _grammatical_number(doc: Document, where: _Text) -> Iterator[Finding]:
    """'KF-aktiviteterna' for one activity, or 'indikatorn' for three: a template left unchanged."""
    paragraph = next(p for p in where.text.split("\n") if "Bedömningen grund" in p)
    for pattern, noun in _GRAMMAR:
        for match in pattern.finditer(paragraph):
            counted = _count(doc, where, noun)
            if counted is None:
                continue
            plural = match.group(1) in ("rna", "erna")
            count = counted[0]
            if (plural and count < 2) or (not plural and count != 1):
                yield Finding(FindingKind.NARRATIVE, where.line,
                              f"Analysen för mål {where.goal.number} skriver '{match.group(0).split()[-1]}' "
                              f"({'plural' if plural else 'singular'}) men målet har {count} "
                              f"{noun.lower()}{'er' if count != 1 else ''}", where.goal.number)


def _percentages(where: _Text, sentence: str) -> Iterator[Finding]:
    """"876 barn, 65 procent" after "1325 ansökningar": the share must match the numbers."""
    for match in _PERCENT.finditer(sentence):
        yield from _percentage(where, sentence, match)


def _percentage(where: _Text, sentence: str, match) -> Iterator[Finding]:
    part = parse_number(match["part"])
    pct = parse_number(match["pct"])
    text = where.text
    start = text.find(sentence) + match.start()
    before = [parse_number(n) for n in _NUMBER.findall(text[max(0, start - 400):start])]
    wholes = [n for n in before if n is not None and n > part]
    if not wholes or part is None or pct is None:
        return
    whole = wholes[-1]
    share = part / whole * 100
    slack = Decimal("0.5") if "," not in match["pct"] else Decimal("0.05")
    if abs(share - pct) > slack:
        yield Finding(FindingKind.NARRATIVE, where.line,
                      f"Texten om {_about(where)} anger '{match.group(0)}' men {match['part']} av "
                      f"{whole} är {share.quantize(Decimal('0.1'))} procent",
                      where.goal and where.goal.number)
