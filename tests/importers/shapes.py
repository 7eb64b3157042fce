"""Scoring an import of a variant against the import of its seed, as issue 11 asks.

For each kind of item (goals, indicator rows, activity rows) the variant must find at least
98 % of the seed's; every field of a row without an inference mark must equal the seed's; and
every row that is missing, or differs in a field, must be named in a warning (its line, or for a
missing row a warning quoting the start of its name).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ils.domain.model import Document, indicator_key

_INDICATOR_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "forecast", "target",
                     "kf_target", "period", "frequency")
_ACTIVITY_FIELDS = ("start", "end")


def _value(item, name):
    value = getattr(item, name)
    return getattr(value, "value", value) if name not in ("target", "kf_target") else (
        value.kind, value.value)


def _words(text: str) -> str:
    return " ".join(text.replace("- ", "").split()).lower()


@dataclass
class Score:
    expected: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)  # unmarked rows with a wrong value
    unwarned: list[str] = field(default_factory=list)  # missing or marked rows without a warning

    def share(self, kind: str) -> float:
        return self.found[kind] / self.expected[kind] if self.expected[kind] else 1.0

    def __str__(self) -> str:
        shares = ", ".join(f"{k} {self.found[k]}/{self.expected[k]}" for k in self.expected)
        return f"{shares}; wrong {len(self.wrong)}; unwarned {len(self.unwarned)}"


def score(seed: Document, variant: Document) -> Score:
    result = Score()
    warned = {w.line for w in variant.warnings}
    said = [_words(w.message) for w in variant.warnings]
    goals = {g.number for g in variant.goals}
    result.expected["goals"] = len(seed.goals)
    result.found["goals"] = sum(g.number in goals for g in seed.goals)
    for kind, items, theirs, fields, name in (
        ("indicators", seed.indicators, variant.indicators, _INDICATOR_FIELDS, "name"),
        ("activities", seed.activities, variant.activities, _ACTIVITY_FIELDS, "text"),
    ):
        result.expected[kind] = len(items)
        pool: dict[tuple[str, str], list] = {}
        for item in theirs:
            pool.setdefault((item.goal, indicator_key(_words(getattr(item, name)))), []).append(item)
        found = 0
        for item in items:
            key = (item.goal, indicator_key(_words(getattr(item, name))))
            label = f"{kind} {item.goal} {getattr(item, name)[:50]!r}"
            if not pool.get(key):
                start = _words(getattr(item, name))[:25]
                if not any(start in text for text in said):
                    result.unwarned.append(label)  # missing, and no warning quotes it
                continue
            match = pool[key].pop(0)
            found += 1
            differing = [f for f in fields if _value(match, f) != _value(item, f)]
            if any(f not in match.inferred for f in differing):
                result.wrong.append(f"{label}: {[(f, _value(item, f), _value(match, f)) for f in differing]}")
            elif (differing or match.inferred) and match.line not in warned:
                result.unwarned.append(label)
        result.found[kind] = found
    return result
