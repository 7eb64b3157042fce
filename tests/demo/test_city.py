"""The generated city: deterministic, realistic in shape, and readable by the importer."""
from __future__ import annotations

from ils.demo.city import committees, generate_city, generate_document
from ils.domain.model import GoalLevel, Period
from ils.importers import parse_text
from ils.renderers.text_export import render_text


def test_deterministic():
    a = generate_document("Kulturnämnden", 2021, Period.T2, indicators=20, seed=3)
    b = generate_document("Kulturnämnden", 2021, Period.T2, indicators=20, seed=3)
    assert render_text(a) == render_text(b)
    assert render_text(a) != render_text(generate_document("Kulturnämnden", 2021, Period.T2, 20, seed=4))


def test_size_and_shape():
    docs = list(generate_city(3, range(2023, 2025), indicators=12))
    assert len(docs) == 3 * 2 * 4
    assert len(set(committees(30))) == 30
    plan = next(d for d in docs if d.period is Period.VP)
    assert all(i.outcome is None for i in plan.indicators) and all(g.assessment is None for g in plan.goals)
    report = next(d for d in docs if d.period is Period.T2)
    assert all(i.outcome is not None for i in report.indicators)
    assert {g.level for g in report.goals} == set(GoalLevel)
    # KF indicators are the same for every committee of a year: that is what makes them comparable.
    kf_names = [{i.name for i in d.indicators if i.kf} for d in docs if d.period is Period.T1 and d.year == 2024]
    assert kf_names[0] == kf_names[1] == kf_names[2]


def test_a_generated_report_the_importer_has_never_seen_round_trips():
    doc = generate_document("Överförmyndarnämnden", 2019, Period.T1, indicators=40, seed=7)
    again = parse_text(render_text(doc))
    assert again.warnings == []
    assert [(g.number, g.level, g.assessment) for g in again.goals] == [
        (g.number, g.level, g.assessment) for g in doc.goals]
    def rows(d):  # the render groups indicators by goal; the generator does not
        return sorted((i.goal, i.name, i.outcome.value, i.outcome_women.value, i.forecast.value,
                       i.target.value) for i in d.indicators)

    assert rows(again) == rows(doc)
    assert [r.values for r in again.economy[0].rows] == [r.values for r in doc.economy[0].rows]
