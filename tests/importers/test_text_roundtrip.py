"""Import a seed, render it as an ILS text export, import the render: the same data."""
from __future__ import annotations

import pytest

from ils.importers import parse_file, parse_text
from ils.renderers.text_export import render_text

from .seeds import SEED_FILES


def _data(doc):
    return {
        "identity": (doc.type, doc.period, doc.year, doc.committee, doc.date, doc.author),
        "goals": [(g.level, g.number, g.title, g.assessment, g.expected_results) for g in doc.goals],
        "indicators": [
            (i.goal, i.name, i.kf, i.outcome and i.outcome.value, i.outcome_men and i.outcome_men.value,
             i.outcome_women and i.outcome_women.value, i.previous and i.previous.value,
             i.forecast and i.forecast.value, i.target.kind, i.target.value, i.kf_target.kind,
             i.kf_target.value, i.period, i.frequency, " ".join(i.analysis.split()))
            for i in doc.indicators],
        "activities": [(a.goal, a.text, a.start, a.end, a.kf_assignment, a.status,
                        " ".join(a.analysis.split())) for a in doc.activities],
        "decisions": [(d.number, d.text, d.amount, d.amount_unit) for d in doc.decisions],
        "attachments": [(a.label, a.title) for a in doc.attachments],
        "head": (doc.title, doc.phone, doc.email, doc.recipient, doc.reference, " ".join(doc.summary.split()),
                 " ".join(doc.case.split())),
        "signatures": [(s.name, s.title) for s in doc.signatures],
        "references": [d.attachment for d in doc.decisions],
        "attestations": [(a.name, a.date) for a in doc.attestations],
        "economy": [[(r.label, r.values) for r in t.rows] for t in doc.economy],
        # a text without a table comes back as one: its heading, its section and its text
        "economy_texts": [(t.title, t.section, t.text) for t in doc.economy],
    }


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_render_and_reimport_gives_the_same_data(seed):
    original = parse_file(seed)
    again = parse_text(render_text(original), source=f"render of {seed.name}")
    first, second = _data(original), _data(again)
    for key in first:
        assert second[key] == first[key], key
